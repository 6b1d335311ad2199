import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as passwordAction } from "~/routes/password";
import { loader as dashboardLoader } from "~/routes/_index";
import { authenticate } from "~/auth/session.server";
import { getDb, rowsOf } from "~/db/db.server";
import { useTestDatabase } from "../support/database";
import { contextFor, get, post, run } from "../support/requests";

await useTestDatabase();

async function login(username: string, password: string, ip = "10.0.0.1") {
  const context = await contextFor(null, ip);
  return run(() => loginAction({ request: post("/login", { username, password }), context, params: {} }));
}

function sessionCookie(headers: Headers) {
  return (headers.get("Set-Cookie") ?? "").split(";")[0];
}

describe("login", () => {
  it("signs a demo user in with a new session cookie that is HttpOnly and SameSite=Lax", async () => {
    const result = await login("beijing", "demo12345");
    expect(result.status).toBe(302);
    expect(result.location).toBe("/");
    const cookie = result.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^pilot_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const auth = await authenticate(sessionCookie(result.headers));
    expect(auth.user?.username).toBe("beijing");
    expect(auth.user?.regions).toEqual(["beijing"]);
    expect(auth.user?.permissions).toContain("case:edit:own-region");
  });

  it("gives every login a new session id", async () => {
    const a = await login("reviewer", "demo12345");
    const b = await login("reviewer", "demo12345");
    expect(sessionCookie(a.headers)).not.toEqual(sessionCookie(b.headers));
  });

  it("answers an unknown user and a wrong password with the same message", async () => {
    const unknown = await login("nobody", "demo12345", "10.0.0.2");
    const wrong = await login("publisher", "wrong-password", "10.0.0.2");
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    expect((unknown.data as { message: string }).message).toBe("用户名或密码错误。");
    expect((wrong.data as { message: string }).message).toBe((unknown.data as { message: string }).message);
  });

  it("asks for the missing fields in Chinese", async () => {
    const result = await login("", "");
    expect(result.status).toBe(400);
    expect((result.data as { errors: Record<string, string> }).errors).toEqual({ username: "请输入用户名。", password: "请输入密码。" });
  });

  it("locks an account after 5 failures with a 429 saying when to retry, even for the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await login("shanghai", "bad", `10.1.0.${i}`)).status).toBe(400);
    const sixth = await login("shanghai", "demo12345", "10.1.0.99");
    expect(sixth.status).toBe(429);
    expect((sixth.data as { message: string }).message).toMatch(/登录失败次数过多.*请在 \d{2}:\d{2}（约 1[45] 分钟后）再试/);
  });

  it("locks an address after 20 failures across accounts", async () => {
    for (let i = 0; i < 20; i++) await login(`user${i}`, "bad", "10.9.9.9");
    const next = await login("admin", "demo12345", "10.9.9.9");
    expect(next.status).toBe(429);
    // Another address is not affected.
    expect((await login("admin", "demo12345", "10.9.9.10")).status).toBe(302);
  });

  it("records successes and failures in the audit trail", async () => {
    const rows = rowsOf<{ action: string; n: number }>(
      await getDb().execute(sql`select action, count(*)::int as n from audit_events where action like 'auth.%' group by action`),
    );
    const counts = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(counts["auth.login"]).toBeGreaterThanOrEqual(3);
    expect(counts["auth.login_failed"]).toBeGreaterThanOrEqual(25);
    expect(counts["auth.login_throttled"]).toBeGreaterThanOrEqual(2);
  });

  it("never redirects off-site, nor to a forged path, after login", async () => {
    for (const to of ["//evil.example/x", "/\\evil.example", "/a\r\nSet-Cookie: x=1", "/m$I PI]JvPv"]) {
      const context = await contextFor(null, "10.2.0.1");
      const result = await run(() =>
        loginAction({ request: post(`/login?redirectTo=${encodeURIComponent(to)}`, { username: "publisher", password: "demo12345" }), context, params: {} }),
      );
      expect(result.location, to).toBe("/");
    }
    const context = await contextFor(null, "10.2.0.1");
    const ok = await run(() =>
      loginAction({ request: post(`/login?redirectTo=${encodeURIComponent("/cases?state=draft")}`, { username: "publisher", password: "demo12345" }), context, params: {} }),
    );
    expect(ok.location).toBe("/cases?state=draft");
  });
});

describe("sessions", () => {
  it("sends anonymous users to the login page, keeping where they wanted to go", async () => {
    const result = await run(() => dashboardLoader({ request: get("/admin/users"), context: { auth: { user: null, sessionId: null, setCookie: null } } as never, params: {} }));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login?redirectTo=%2Fadmin%2Fusers");
  });

  it("sends a signed-in user away from the login page", async () => {
    const context = await contextFor("admin");
    expect((await run(() => loginLoader({ request: get("/login"), context, params: {} }))).location).toBe("/");
  });

  it("logout ends the session on the server", async () => {
    const context = await contextFor("publisher");
    const result = await run(() => logoutAction({ request: post("/logout", {}), context, params: {} }));
    expect(result.location).toBe("/login");
    expect(result.headers.get("Set-Cookie")).toMatch(/pilot_session=;/);
    const again = await authenticate(`pilot_session=${context.auth.sessionId}`);
    expect(again.user).toBeNull();
  });

  it("changing a password ends every other session and keeps this browser signed in", async () => {
    const other = await contextFor("reviewer");
    const mine = await contextFor("reviewer");
    const result = await run(() =>
      passwordAction({
        request: post("/password", { currentPassword: "demo12345", newPassword: "new-secret-1", confirmPassword: "new-secret-1" }),
        context: mine,
        params: {},
      }),
    );
    expect(result.location).toBe("/password?changed=1");
    expect((await authenticate(`pilot_session=${other.auth.sessionId}`)).user).toBeNull();
    expect((await authenticate(`pilot_session=${mine.auth.sessionId}`)).user).toBeNull();
    expect((await authenticate(sessionCookie(result.headers))).user?.username).toBe("reviewer");
    expect((await login("reviewer", "new-secret-1", "10.3.0.1")).status).toBe(302);
    expect((await login("reviewer", "demo12345", "10.3.0.1")).status).toBe(400);
  });

  it("refuses a wrong current password and a mismatched confirmation", async () => {
    const context = await contextFor("admin");
    const wrong = await run(() =>
      passwordAction({ request: post("/password", { currentPassword: "nope", newPassword: "abcdefgh1", confirmPassword: "abcdefgh1" }), context, params: {} }),
    );
    expect(wrong.status).toBe(400);
    expect((wrong.data as { errors: Record<string, string> }).errors.currentPassword).toBe("当前密码不正确。");
    const mismatch = await run(() =>
      passwordAction({ request: post("/password", { currentPassword: "demo12345", newPassword: "abcdefgh1", confirmPassword: "abcdefgh2" }), context, params: {} }),
    );
    expect((mismatch.data as { errors: Record<string, string> }).errors.confirmPassword).toBe("两次输入的新密码不一致。");
  });
});
