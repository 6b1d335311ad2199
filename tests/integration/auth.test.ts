import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { loginAttempts, sessions } from "#db/schema";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as passwordAction } from "~/routes/password";
import { loader as dashboardLoader } from "~/routes/_index";
import { authenticate } from "~/auth/session.server";
import { getDb, queryStats, rowsOf } from "~/db/db.server";
import { attemptLogin } from "~/auth/login.server";
import { delayAfter, THROTTLE_RULES } from "~/auth/throttle.server";
import { actorOf } from "~/permissions/require.server";
import { takeFlash } from "~/flash/flash.server";
import { action as throttlesAction, loader as throttlesLoader } from "~/routes/admin.login-throttles";
import { useTestDatabase } from "../support/database";
import { contextFor, get, post, run } from "../support/requests";

await useTestDatabase();

async function login(username: string, password: string, ip = "10.0.0.1") {
  const context = await contextFor(null, ip);
  return run(() => loginAction({ request: post("/login", { username, password }), context, params: {} }));
}

async function loginAt(username: string, password: string, ip: string, now: Date) {
  const context = await contextFor(null, ip);
  // The action reads the clock itself; the domain function takes it, so delays are walked without waiting.
  const result = await attemptLogin({ username, password }, actorOf(context, null), now);
  return result.ok ? { status: 302, data: null } : { status: result.status, data: { message: result.message } };
}

async function pastFailures(rows: { username: string; ip: string; at: Date }[]) {
  await getDb().insert(loginAttempts).values(rows.map((r) => ({ ...r, success: false })));
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

  it("slows a guesser with growing delays on their own account+address pair, and says when to retry", async () => {
    const t0 = Date.now();
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    for (let i = 0; i < 5; i++) expect((await loginAt("shanghai", "bad", "10.1.0.1", at(i / 10))).status).toBe(400);
    // The sixth, right after: wait 1 s (even the right password from this address).
    const sixth = await loginAt("shanghai", "demo12345", "10.1.0.1", at(0.5));
    expect(sixth.status).toBe(429);
    expect((sixth.data as { message: string }).message).toMatch(/登录失败次数过多，请在 \d{2}:\d{2}（约 1 秒后）再试.*不会因此被锁定/);
    // After the delay a try is allowed again; each failure doubles the next wait: 1, 2, 4, 8 … seconds.
    let clock = 0.5;
    const waits: number[] = [];
    for (let k = 0; k < 6; k++) {
      let wait = 0;
      while ((await loginAt("shanghai", "bad", "10.1.0.1", at(clock))).status === 429) {
        wait += 1;
        clock += 1;
      }
      waits.push(wait);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32]);
    // …capped at 15 minutes, never a lock: one try every 15 minutes is always answered (the doubling
    // alone would reach 34 minutes within these six).
    for (let k = 0; k < 6; k++) {
      clock += 15 * 60;
      expect((await loginAt("shanghai", "bad", "10.1.0.1", at(clock))).status).toBe(400);
    }
  });

  it("never locks the owner out: their correct password from another address signs in during an attack", async () => {
    const t0 = new Date();
    // 60 wrong passwords for admin from one address, then from 40 addresses (a botnet spreading guesses).
    // (Recorded as past failures: the throttle reads only these rows, and 100 password hashes take long.)
    await pastFailures(Array.from({ length: 60 }, (_, i) => ({ username: "admin", ip: "10.66.0.1", at: new Date(t0.getTime() - 1000 + i) })));
    await pastFailures(Array.from({ length: 40 }, (_, i) => ({ username: "admin", ip: `10.67.0.${i}`, at: new Date(t0.getTime() - 900 + i) })));
    expect((await loginAt("admin", "demo12345", "10.66.0.1", new Date(t0.getTime() + 200))).status).toBe(429);
    // A botnet address that failed once is slowed for this account (the account-wide key)…
    expect((await loginAt("admin", "guess-x", "10.67.0.1", new Date(t0.getTime() + 300))).status).toBe(429);
    // …but an address that has not been failing gets straight in.
    const owner = await loginAt("admin", "demo12345", "10.66.0.2", new Date(t0.getTime() + 400));
    expect(owner.status).toBe(302);
  });

  it("shows the owner the failed attempts since their last login", async () => {
    expect((await login("publisher", "demo12345", "10.5.0.1")).status).toBe(302);
    await login("publisher", "wrong-1", "198.51.100.7");
    await login("publisher", "wrong-2", "198.51.100.7");
    const next = await login("publisher", "demo12345", "10.5.0.1");
    expect(next.status).toBe(302);
    const cookie = /pilot_flash=[^;]+/.exec(next.headers.get("Set-Cookie") ?? "")?.[0] ?? "";
    const { flash } = await takeFlash(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    expect(flash?.message).toMatch(/有 2 次使用您的用户名、但密码错误的登录尝试.*来自 198\.51\.100\.7/);
    // Seen once: the login after that has nothing to report.
    const third = await login("publisher", "demo12345", "10.5.0.1");
    expect(third.headers.get("Set-Cookie")).not.toMatch(/pilot_flash=/);
  });

  it("keeps an office behind one NAT working: 90 failures on assorted names from one address block no one else there", async () => {
    const t0 = Date.now();
    await pastFailures(Array.from({ length: 90 }, (_, i) => ({ username: `colleague${i}`, ip: "10.9.9.9", at: new Date(t0 - 1000 + i) })));
    expect((await loginAt("reviewer", "demo12345", "10.9.9.9", new Date(t0 + 100))).status).toBe(302);
  });

  it("slows an address past the office-sized limit, and an admin can clear it (audited)", async () => {
    const t0 = Date.now();
    // 100 free failures (recorded), then ten more tried, each after the delay the previous one earned (1 s … 512 s).
    await pastFailures(Array.from({ length: 100 }, (_, i) => ({ username: `spray${i}`, ip: "10.8.8.8", at: new Date(t0 - 1000 + i) })));
    let clock = t0 - 1000 + 99;
    for (let n = 100; n < 110; n++) {
      clock += delayAfter(n, THROTTLE_RULES.address.free);
      expect((await loginAt(`spray${n}`, "bad", "10.8.8.8", new Date(clock - 1))).status, `failure ${n} comes too soon`).toBe(429);
      expect((await loginAt(`spray${n}`, "bad", "10.8.8.8", new Date(clock))).status).toBe(400);
    }
    expect((await loginAt("beijing", "demo12345", "10.8.8.8", new Date(clock + 1000))).status).toBe(429);
    // Another address is not affected.
    expect((await loginAt("beijing", "demo12345", "10.8.8.9", new Date(clock + 1000))).status).toBe(302);

    const admin = await contextFor("admin");
    const page = await run(() => throttlesLoader({ request: get("/admin/login-throttles"), context: admin, params: {} }));
    const throttles = (page.data as { throttles: { kind: string; ip: string | null }[] }).throttles;
    expect(throttles).toContainEqual(expect.objectContaining({ kind: "address", ip: "10.8.8.8" }));
    const bad = await run(() => throttlesAction({ request: post("/admin/login-throttles", { kind: "address", ip: "x'; drop" }), context: admin, params: {} }));
    expect(bad.status).toBe(400);
    const cleared = await run(() => throttlesAction({ request: post("/admin/login-throttles", { kind: "address", ip: "10.8.8.8" }), context: admin, params: {} }));
    expect(cleared.status).toBe(302);
    expect((await login("beijing", "demo12345", "10.8.8.8")).status).toBe(302);
    const audit = rowsOf<{ after: { ip: string; cleared: number } }>(
      await getDb().execute(sql`select after from audit_events where action = 'auth.throttle_cleared' order by id desc limit 1`),
    );
    expect(audit[0]?.after).toMatchObject({ ip: "10.8.8.8", cleared: 110 });
    // Non-admins cannot see or clear throttles.
    const submitter = await contextFor("beijing");
    expect((await run(() => throttlesLoader({ request: get("/admin/login-throttles"), context: submitter, params: {} }))).status).toBe(403);
  });

  it("records successes and failures in the audit trail", async () => {
    const rows = rowsOf<{ action: string; n: number }>(
      await getDb().execute(sql`select action, count(*)::int as n from audit_events where action like 'auth.%' group by action`),
    );
    const counts = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(counts["auth.login"]).toBeGreaterThanOrEqual(3);
    expect(counts["auth.login_failed"]).toBeGreaterThanOrEqual(20);
    expect(counts["auth.throttle_cleared"]).toBe(1);
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

  it("checks a session in one statement and writes nothing on an ordinary request; an old session still slides", async () => {
    const context = await contextFor("reviewer");
    const id = context.auth.sessionId!;
    const expiresAt = async () => (await getDb().select({ at: sessions.expiresAt }).from(sessions).where(eq(sessions.id, id)))[0]!.at.getTime();
    const before = await expiresAt();
    const statements = queryStats.count;
    const fresh = await authenticate(`pilot_session=${id}`);
    expect(queryStats.count - statements).toBe(1); // session, user, roles and regions together; no UPDATE
    expect(fresh.user).toMatchObject({ username: "reviewer", roles: ["reviewer"] });
    expect(fresh.user?.permissions.length).toBeGreaterThan(0);
    expect(fresh.setCookie).toBeNull();
    expect(await expiresAt()).toBe(before);

    // 20 of its 30 days gone: the next request extends it to 30 days from now and sends the cookie again.
    await getDb().update(sessions).set({ expiresAt: new Date(Date.now() + 10 * 24 * 3600 * 1000) }).where(eq(sessions.id, id));
    const old = await authenticate(`pilot_session=${id}`);
    expect(old.user?.username).toBe("reviewer");
    expect(old.setCookie).toMatch(/^pilot_session=/);
    expect(await expiresAt()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

    // Expired: no user, the cookie is cleared and the row is gone.
    await getDb().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, id));
    const expired = await authenticate(`pilot_session=${id}`);
    expect(expired.user).toBeNull();
    expect(expired.setCookie).toMatch(/pilot_session=;/);
    expect(await getDb().select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
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
