/**
 * The public side behind a reverse proxy or CDN: a published bulletin's page carries ETag,
 * Last-Modified and Cache-Control: public for visitors who are not signed in, and a revalidation is
 * answered 304 before the page is loaded or rendered; an erratum or a new build changes the ETag;
 * signed-in visitors' pages (their own navigation) are never marked public.
 *
 * The app runs in production mode in this process on a stub build whose bulletin route counts how
 * often it is loaded (the real page is rendered by the e2e tests).
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addErratum } from "~/batches/batch-publishing.server";
import { actorOf } from "~/permissions/require.server";
import { createApp } from "~/server/http.server";
import { useTestDatabase } from "../support/database";
import { contextFor } from "../support/requests";

await useTestDatabase();

let loads = 0;
let version = "build-1";
const stubBuild = () =>
  ({
    mode: "production",
    entry: { module: { default: () => new Response("<html>第三批</html>", { headers: { "Content-Type": "text/html" } }) } },
    routes: {
      root: { id: "root", path: "", module: { default: () => null } },
      "routes/bulletins.$number": {
        id: "routes/bulletins.$number",
        parentId: "root",
        path: "bulletins/:number",
        module: {
          default: () => null,
          loader: () => {
            loads++;
            return null;
          },
        },
      },
    },
    assets: { routes: {}, entry: { module: "/entry.js", imports: [] }, url: "/manifest.js", version },
    publicPath: "/",
    assetsBuildDirectory: "public",
    future: {},
    isSpaMode: false,
  }) as unknown as ServerBuild;

let server: Server;
let origin = "";
beforeAll(async () => {
  const app = createApp({ mode: "production", getBuild: async () => stubBuild(), clientBuildDir: "public" });
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const page = (path: string, headers: Record<string, string> = {}) => fetch(`${origin}${path}`, { headers });

describe("a published bulletin's page", () => {
  it("carries validators for a shared cache, and a revalidation is a 304 that renders nothing", async () => {
    const first = await page("/bulletins/3");
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("第三批");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^W\/"bulletin-/);
    expect(first.headers.get("Cache-Control")).toMatch(/^public, .*must-revalidate/);
    expect(first.headers.get("Vary")).toMatch(/Cookie/);
    expect(Date.parse(first.headers.get("Last-Modified")!)).toBeLessThanOrEqual(Date.now());

    const before = loads;
    const again = await page("/bulletins/3", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    // The cache keeps its stored page and that page's own policy (its script nonce).
    expect(again.headers.get("Content-Security-Policy")).toBeNull();
    expect((await page("/bulletins/3", { "If-Modified-Since": first.headers.get("Last-Modified")! })).status).toBe(304);
    expect(loads).toBe(before);
    expect((await page("/bulletins/3", { "If-None-Match": '"other"' })).status).toBe(200);
  });

  it("gets a new ETag after an erratum and after a new build", async () => {
    const etag = (await page("/bulletins/3")).headers.get("ETag")!;
    const context = await contextFor("publisher");
    await addErratum(context.auth.user!, actorOf(context), { number: 3, body: "第 2 页“开放”应为“扩大开放”。" });
    const afterErratum = await page("/bulletins/3", { "If-None-Match": etag });
    expect(afterErratum.status).toBe(200);
    const newer = afterErratum.headers.get("ETag")!;
    expect(newer).not.toBe(etag);
    version = "build-2";
    expect((await page("/bulletins/3", { "If-None-Match": newer })).status).toBe(200);
  });

  it("is not marked public for a signed-in visitor, nor for an unknown or unpublished batch", async () => {
    const context = await contextFor("reviewer");
    const signedIn = await page("/bulletins/3", { Cookie: `pilot_session=${context.auth.sessionId}` });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("ETag")).toBeNull();
    expect(signedIn.headers.get("Cache-Control") ?? "").not.toMatch(/public/);
    const unknown = await page("/bulletins/999", { "If-None-Match": "*" });
    expect(unknown.status).toBe(200); // the stub renders anything; the real route answers 404
    expect(unknown.headers.get("ETag")).toBeNull();
  });
});
