/**
 * The development half of `npm run dev`: Vite in middleware mode inside our express server, with
 * its hot-reload WebSocket on our own HTTP server (no second port: parallel dev servers, say the
 * browser test's and a developer's, never fight over Vite's default 24678).
 */
import type http from "node:http";
import type { ServerBuild } from "@remix-run/node";

export type ViteDevServer = {
  middlewares: import("express").RequestHandler;
  getBuild: () => Promise<ServerBuild>;
  /** Drops the hot-reload connections, which would otherwise hold `server.close()` open. */
  closeHotReload: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startViteDev(httpServer: http.Server): Promise<ViteDevServer> {
  const vite = await import("vite");
  const sigtermBefore = new Set(process.listeners("SIGTERM"));
  const stdinEndBefore = new Set(process.stdin.listeners("end"));
  const server = await vite.createServer({ server: { middlewareMode: true, hmr: { server: httpServer } } });
  // The Remix plugin starts a second Vite server of its own (its "child compiler", not in
  // middleware mode), and Vite gives such a server handlers that close it and exit the process at
  // once on SIGTERM or when stdin ends — code 143, with requests still in flight and the database
  // open. The server's own shutdown (main.ts) does it properly, as in production: remove Vite's.
  for (const listener of process.listeners("SIGTERM")) if (!sigtermBefore.has(listener)) process.off("SIGTERM", listener);
  for (const listener of process.stdin.listeners("end")) if (!stdinEndBefore.has(listener)) process.stdin.off("end", listener as () => void);
  return {
    middlewares: server.middlewares,
    getBuild: () => server.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
    closeHotReload: () => server.ws.close(),
    close: () => server.close(),
  };
}
