/**
 * Web security that does not need a browser (tests/e2e/security.spec.ts covers the rest against
 * the built production server):
 *
 * - the session cookie: HttpOnly and SameSite=Lax always, Secure in production;
 * - sessions: a forged or malformed session cookie is simply no session (never a 500), login never
 *   adopts the session id a browser brings along, a role taken away counts at the next request;
 * - the HTTP layer in production mode (createApp): cross-origin state-changing requests are refused
 *   on every route; security headers on the answers express gives itself (static files, /healthz,
 *   403, 413, an error outside Remix); no stack trace in an error page.
 *
 * (auth.test.ts and admin.test.ts already cover: new session id per login, logout, password change,
 * password reset and deactivation ending sessions.)
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { userRoles, users } from "#db/schema";
import { authenticate } from "~/auth/session.server";
import { getDb } from "~/db/db.server";
import { action as loginAction } from "~/routes/login";
import { loader as queueLoader } from "~/routes/review._index";
import { createApp } from "~/server/http.server";
import { useTestDatabase } from "../support/database";
import { runCli } from "../support/cli";
import { contextFor, get, post, run } from "../support/requests";

await useTestDatabase();

describe("the session cookie", () => {
  const cookies = (nodeEnv: string, extra: Record<string, string> = {}) => {
    const result = runCli("tests/support/print-session-cookie.ts", [], { ...process.env, INSECURE_COOKIES: "", ...extra, NODE_ENV: nodeEnv } as NodeJS.ProcessEnv);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as { session: string; blank: string };
  };
  const attributes = (cookie: string) => cookie.split(";").slice(1).map((a) => a.trim().split("=")[0]!.toLowerCase());

  it("is HttpOnly, SameSite=Lax, Path=/ and Secure in production — for the session and for the logout blank", () => {
    const production = cookies("production");
    for (const cookie of [production.session, production.blank]) {
      expect(attributes(cookie)).toEqual(expect.arrayContaining(["httponly", "secure", "samesite", "path"]));
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
    }
    expect(production.session).toMatch(/Max-Age=2592000/);
    expect(production.blank).toMatch(/Max-Age=0/);
  });

  it("drops Secure only outside production (or when explicitly told, for plain-HTTP test servers)", () => {
    expect(attributes(cookies("development").session)).not.toContain("secure");
    expect(attributes(cookies("production", { INSECURE_COOKIES: "1" }).session)).not.toContain("secure");
    expect(attributes(cookies("development").session)).toContain("httponly");
  });
});

describe("sessions", () => {
  it("treats a forged, malformed or hostile session cookie as no session, never as an error", async () => {
    for (const value of ["abcdefghijklmnopqrstuvwxyz234567abcdefgh", "%E0%A4%A", "%00", "\u0000abc", "a".repeat(5000), "' or 1=1 --", "%2e%2e%2f"]) {
      const auth = await authenticate(`other=1; pilot_session=${value}`);
      expect(auth.user, value).toBeNull();
      expect(auth.setCookie, value).toMatch(/^pilot_session=; .*Max-Age=0/);
    }
  });

  it("never adopts the session id a browser brings to the login (no session fixation)", async () => {
    const planted = "plantedsessionid0000000000000000000000000";
    const context = await contextFor(null, "10.50.0.1");
    const request = post("/login", { username: "publisher", password: "demo12345" });
    request.headers.set("Cookie", `pilot_session=${planted}`);
    const result = await run(() => loginAction({ request, context, params: {} }));
    expect(result.status).toBe(302);
    const issued = (result.headers.get("Set-Cookie") ?? "").split(";")[0]!.split("=")[1]!;
    expect(issued).toMatch(/^[a-z0-9]{40}$/);
    expect(issued).not.toBe(planted);
    expect((await authenticate(`pilot_session=${planted}`)).user).toBeNull();
    expect((await authenticate(`pilot_session=${issued}`)).user?.username).toBe("publisher");
  });

  it("a role taken away counts at the very next request of an existing session", async () => {
    const context = await contextFor("reviewer");
    expect((await run(() => queueLoader({ request: get("/review"), context, params: {} }))).status).toBe(200);
    const [reviewer] = await getDb().select({ id: users.id }).from(users).where(eq(users.username, "reviewer"));
    await getDb().delete(userRoles).where(eq(userRoles.userId, reviewer.id));
    try {
      // the same session, re-authenticated as the server does for every request
      const next = { ...context, auth: await authenticate(`pilot_session=${context.auth.sessionId}`) };
      expect(next.auth.user?.roles).toEqual([]);
      expect((await run(() => queueLoader({ request: get("/review"), context: next, params: {} }))).status).toBe(403);
    } finally {
      await getDb().insert(userRoles).values({ userId: reviewer.id, role: "reviewer" });
    }
  });
});

describe("the HTTP layer in production mode", () => {
  let server: Server;
  let origin = "";
  const buildError = new Error("stub build: not reached unless the request passed every check");

  beforeAll(async () => {
    // Everything before Remix: headers, static files, body limit, origin check, error page. A
    // request that gets through all of them reaches the (stub) build, which fails: a 500.
    const app = createApp({ mode: "production", getBuild: () => Promise.reject(buildError), clientBuildDir: "public" });
    server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  function expectSecurityHeaders(headers: Headers, what: string) {
    const csp = headers.get("content-security-policy") ?? "";
    const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([n, ...v]) => [n!, v] as const));
    expect(directives.get("frame-ancestors"), what).toEqual(["'none'"]);
    const scriptSrc = directives.get("script-src") ?? directives.get("default-src") ?? [];
    expect(scriptSrc.length, what).toBeGreaterThan(0);
    expect(scriptSrc, what).not.toContain("'unsafe-inline'");
    expect(scriptSrc, what).not.toContain("'unsafe-eval'");
    expect(directives.get("object-src"), what).toEqual(["'none'"]);
    expect(headers.get("x-content-type-options"), what).toBe("nosniff");
    expect(headers.get("referrer-policy"), what).toBe("same-origin");
    expect(headers.get("x-frame-options"), what).toBe("SAMEORIGIN");
    expect(headers.get("x-powered-by"), what).toBeNull();
  }

  const STATE_CHANGING = [
    "/login",
    "/logout",
    "/password",
    "/cases/new",
    "/cases/00000000-0000-4000-8000-000000000000",
    "/cases/00000000-0000-4000-8000-000000000000/edit",
    "/review",
    "/inbox",
    "/batches/new",
    "/batches/4",
    "/admin/users/new",
    "/admin/regions",
    "/admin/import",
  ];

  it("refuses a cross-origin POST to every state-changing route with 403 and a Chinese page", async () => {
    for (const path of STATE_CHANGING) {
      for (const headers of [{ Origin: "http://evil.example" }, { Origin: "null" }, { Referer: "http://evil.example/page" }, {} as Record<string, string>]) {
        const response = await fetch(`${origin}${path}`, { method: "POST", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: "intent=save" });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(await response.text()).toContain("请求来源不被允许");
        expectSecurityHeaders(response.headers, `403 ${path}`);
      }
      for (const method of ["PUT", "DELETE", "PATCH"]) {
        const response = await fetch(`${origin}${path}`, { method, headers: { Origin: "http://evil.example" } });
        expect(response.status, `${method} ${path}`).toBe(403);
        await response.arrayBuffer();
      }
    }
  });

  it("lets a same-origin POST through the origin check (by Origin, or by Referer when there is no Origin)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const sameOrigin: Record<string, string>[] = [{ Origin: origin }, { Referer: `${origin}/cases/new` }];
    for (const headers of sameOrigin) {
      const response = await fetch(`${origin}/cases/new`, { method: "POST", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: "intent=save" });
      // past the origin check: the stub build fails → the server's own error page
      expect(response.status).toBe(500);
      const body = await response.text();
      expect(body).toContain("服务器处理请求时出错");
      // no stack trace, no file path, no error message of ours in it
      expect(body).not.toMatch(/\n\s+at\s|\.ts:\d|\/work\/|node_modules|stub build/);
      expectSecurityHeaders(response.headers, "500");
    }
  });

  it("sends the security headers with static files, /healthz and a refused oversized body", async () => {
    const favicon = await fetch(`${origin}/favicon.svg`);
    expect(favicon.status).toBe(200);
    await favicon.arrayBuffer();
    expectSecurityHeaders(favicon.headers, "static file");
    const healthz = await fetch(`${origin}/healthz`);
    expect(await healthz.text()).toBe("ok");
    expectSecurityHeaders(healthz.headers, "/healthz");
    // Only the headers of an oversized post: the server answers before reading a byte of the body.
    const big = await new Promise<{ status: number; headers: Headers; body: string }>((resolve, reject) => {
      const req = http.request(
        `${origin}/cases/new`,
        { method: "POST", headers: { Origin: origin, "Content-Type": "text/plain", "Content-Length": String(7 * 1024 * 1024) } },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (body += c));
          res.on("end", () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") headers.set(k, v);
            resolve({ status: res.statusCode ?? 0, headers, body });
          });
        },
      );
      req.on("error", reject);
      req.flushHeaders();
    });
    expect(big.status).toBe(413);
    expect(big.body).toContain("提交的内容过大");
    expectSecurityHeaders(big.headers, "413");
  });
});
