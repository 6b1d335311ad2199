/**
 * `npm run dev` stops as cleanly as production (shutdown.test.ts): on SIGTERM the development server
 * finishes the requests in flight, drops the hot-reload connection of an open browser tab (which
 * would otherwise hold the server open until the 5-second force exit), closes the database and
 * exits with code 0. Before, Vite's own SIGTERM handler (installed for the Remix plugin's child
 * compiler) ended the process at once with code 143, mid-request, the PGlite lock left behind.
 *
 * Runs `app/server/main.ts` in development mode, exactly what `npm run dev` runs, on a port and a
 * Vite cache of its own.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { Socket } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, freshCliDatabase, runCli, startCli } from "../support/cli";

const READY = /服务已启动/;

describe("SIGTERM to the development server", () => {
  let env = {} as NodeJS.ProcessEnv;
  let engine: "pglite" | "postgres" = "pglite";
  let origin = "";
  let server: ReturnType<typeof startCli> | null = null;
  // Inside node_modules, as Vite's own cache is (outside it Vite analyses the bundles as app code).
  const cacheDir = path.resolve(`node_modules/.vite-test-dev-shutdown-${process.pid}`);

  beforeAll(async () => {
    const fresh = await freshCliDatabase();
    engine = fresh.engine;
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    env = { ...fresh.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "development", VITE_CACHE_DIR: cacheDir };
    if (engine === "postgres") expect(runCli("app/cli/db-seed.ts", ["--demo"], env).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    const child = server?.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    }
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  /** What a browser tab of the dev server holds open: Vite's hot-reload WebSocket. */
  function openHotReloadSocket(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const request = http.request(`${origin}/`, {
        headers: {
          Connection: "Upgrade",
          Upgrade: "websocket",
          "Sec-WebSocket-Version": "13",
          "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
          "Sec-WebSocket-Protocol": "vite-hmr",
        },
      });
      request.once("upgrade", (response, socket) => (response.statusCode === 101 ? resolve(socket) : reject(new Error(`upgrade: ${response.statusCode}`))));
      request.once("response", (response) => reject(new Error(`no upgrade: ${response.statusCode}`)));
      request.once("error", reject);
      request.end();
    });
  }

  it("answers the requests in flight, closes the hot-reload socket and the database, and exits with 0", async () => {
    server = startCli("app/server/main.ts", [], env, READY);
    await server.started;
    const child = server.child;
    const login = await fetch(`${origin}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "beijing", password: "demo12345" }),
    });
    expect(login.status).toBe(302);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    // The first render compiles the modules; after it, pages answer in tens of milliseconds.
    expect((await fetch(`${origin}/cases`, { headers: { Cookie: cookie } })).status).toBe(200);

    const hotReload = await openHotReloadSocket();
    // Read what the server sends (a paused socket never sees the server's end, so never 'close').
    hotReload.resume();
    const hotReloadClosed = new Promise<void>((resolve) => {
      if (hotReload.destroyed) resolve();
      hotReload.once("close", () => resolve());
    });

    let signalled = false;
    let inFlight = 0;
    let inFlightAtSignal = 0;
    const answeredAfterSignal: number[] = [];
    const tab = async () => {
      for (let i = 0; i < 200; i++) {
        const sentBefore = signalled;
        inFlight++;
        try {
          const response = await fetch(`${origin}/cases`, { headers: { Cookie: cookie } });
          await response.text();
          if (signalled && !sentBefore) answeredAfterSignal.push(response.status);
        } catch {
          return; // refused: the server no longer takes requests
        } finally {
          inFlight--;
        }
      }
    };
    const tabs = [tab(), tab(), tab()];
    const deadline = Date.now() + 20_000;
    while (inFlight < 2 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
      const t0 = Date.now();
      child.once("exit", (code, signal) => resolve({ code, signal, ms: Date.now() - t0 }));
    });
    inFlightAtSignal = inFlight;
    signalled = true;
    child.kill("SIGTERM");
    const exit = await exited;
    await Promise.all(tabs);
    await hotReloadClosed;

    expect(exit.signal).toBeNull();
    // Code 0 without the force-exit line: it finished before its own 5-second deadline (the wall
    // time seen from here also counts the machine's load, so it is not asserted).
    expect(exit.code, server.output()).toBe(0);
    expect(server.output()).not.toContain("强制退出");
    expect(inFlightAtSignal).toBeGreaterThan(0);
    expect(answeredAfterSignal.length, "requests in flight at SIGTERM were answered, not cut").toBeGreaterThan(0);
    expect(answeredAfterSignal.every((status) => status === 200)).toBe(true);
    if (engine === "pglite") expect(fs.existsSync(`${env.PGLITE_DIR}.lock`), "PGlite lock file left behind").toBe(false);
  }, 120_000);
});
