/**
 * Memory exhaustion (issue #13): one body limit for every route, counted on the bytes actually
 * read — a chunked body has no Content-Length to check up front. The app runs in production mode
 * in this process on a stub build whose one route reads the whole form, so the server's memory is
 * this process's: a 200 MB chunked POST must be answered 413 in Chinese while the resident set
 * grows by less than 50 MB.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, MAX_BODY_BYTES } from "~/server/http.server";
import { useTestDatabase } from "../support/database";

await useTestDatabase({ seed: false });

const stubBuild = {
  mode: "production",
  entry: { module: { default: () => new Response("document") } },
  routes: {
    root: { id: "root", path: "", module: { default: () => null } },
    "routes/echo": {
      id: "routes/echo",
      parentId: "root",
      path: "echo",
      module: {
        // Reads the whole body, as every form action does.
        action: async ({ request }: { request: Request }) => {
          const text = await request.text().catch(() => null);
          return new Response(text === null ? "unreadable" : `read ${text.length}`);
        },
      },
    },
  },
  assets: { routes: {}, entry: { module: "/entry.js", imports: [] }, url: "/manifest.js", version: "1" },
  publicPath: "/",
  assetsBuildDirectory: "public",
  future: {},
  isSpaMode: false,
} as unknown as ServerBuild;

let server: Server;
let origin = "";

beforeAll(async () => {
  const app = createApp({ mode: "production", getBuild: async () => stubBuild, clientBuildDir: "public" });
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** POSTs `total` bytes chunked (no Content-Length), stopping as soon as the server answers. */
function chunkedPost(path: string, total: number): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const req = http.request(`${origin}${path}`, { method: "POST", headers: { Origin: origin, "Content-Type": "text/plain", "Transfer-Encoding": "chunked" } }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("the body limit", () => {
  it("answers a 200 MB chunked POST with 413 in Chinese, the server's memory growing by less than 50 MB", async () => {
    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const result = await chunkedPost("/echo", 200 * 1024 * 1024);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(result.status).toBe(413);
    expect(result.body).toContain("提交的内容过大");
    // The client stopped when answered: the server read only about the limit.
    expect(result.sent).toBeLessThan(100 * 1024 * 1024);
    expect((peak - baseline) / 1024 / 1024).toBeLessThan(50);
  });

  it("answers a 10 MB chunked POST with 413 too, and lets a chunked body under the limit through", async () => {
    const big = await chunkedPost("/echo", 10 * 1024 * 1024);
    expect(big.status).toBe(413);
    const small = await chunkedPost("/echo", 1024 * 1024);
    expect(small.status).toBe(200);
    expect(small.body).toBe(`read ${1024 * 1024}`);
    expect(MAX_BODY_BYTES).toBeGreaterThan(1024 * 1024);
  });
});

describe("the host and origin checks", () => {
  /** A raw request, so the Host header is exactly what a hostile client sends. */
  function raw(headers: Record<string, string>, method = "POST", path = "/echo"): Promise<number> {
    return new Promise((resolve, reject) => {
      const { port } = new URL(origin);
      const req = http.request({ host: "127.0.0.1", port, method, path, headers: { "Content-Type": "text/plain", ...headers }, setHost: !("Host" in headers) }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end("x=1");
    });
  }

  it("answers a malformed Host with 400", async () => {
    for (const host of ["evil.example/x", "a b", "[::1", "exa mple:80", "a_b.example", "-start.example", "host:99999999"]) {
      expect(await raw({ Host: host }, "GET", "/"), host).toBe(400);
    }
  });

  it("compares scheme, host and port of Origin/Referer; a Referer that is no URL is refused, not a 500", async () => {
    const { host, port } = new URL(origin);
    expect(await raw({ Origin: origin })).toBe(200);
    for (const headers of [
      { Origin: `https://${host}` },
      { Origin: `http://127.0.0.1:${Number(port) + 1}` },
      { Origin: "http://127.0.0.1" },
      { Referer: "not a url" },
      { Referer: `javascript:alert(1)` },
      { Origin: "null", Referer: `${origin}/x` },
    ] as Record<string, string>[]) {
      expect(await raw(headers), JSON.stringify(headers)).toBe(403);
    }
    expect(await raw({ Referer: `${origin}/cases/new` })).toBe(200);
  });

  it("behind a proxy, checks Origin against X-Forwarded-Host and refuses a mismatch with 403; with APP_URL only its host is served", async () => {
    process.env.TRUST_PROXY = "1";
    process.env.APP_URL = "https://cases.example.gov.cn";
    try {
      const app = createApp({ mode: "production", getBuild: async () => stubBuild, clientBuildDir: "public" });
      const proxied = app.listen(0, "127.0.0.1");
      await new Promise((r) => proxied.once("listening", r));
      const port = (proxied.address() as AddressInfo).port;
      const send = (headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/echo", headers: { "Content-Type": "text/plain", ...headers } }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          });
          req.on("error", reject);
          req.end("x=1");
        });
      const ok = { "X-Forwarded-Host": "cases.example.gov.cn", "X-Forwarded-Proto": "https", Origin: "https://cases.example.gov.cn" };
      expect(await send(ok)).toBe(200);
      expect(await send({ ...ok, "X-Forwarded-Host": "evil.example" })).toBe(400);
      expect(await send({ ...ok, Origin: "https://evil.example" })).toBe(403);
      expect(await send({ ...ok, Origin: "http://cases.example.gov.cn" })).toBe(403);
      expect(await send({ ...ok, "X-Forwarded-Host": "bad host!" })).toBe(400);
      await new Promise<void>((r) => proxied.close(() => r()));
    } finally {
      delete process.env.TRUST_PROXY;
      delete process.env.APP_URL;
    }
  });
});
