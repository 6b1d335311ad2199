/** /admin/users: search by name, username, region and role; deactivate and reset a password from the list. */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, users } from "#db/schema";
import { action as usersAction, loader as usersLoader } from "~/routes/admin.users._index";
import { action as loginAction } from "~/routes/login";
import { authenticate } from "~/auth/session.server";
import { getDb } from "~/db/db.server";
import { useTestDatabase } from "../support/database";
import { contextFor, get, post, run } from "../support/requests";
import { ensureUser, userIdOf } from "./review-fixtures";

await useTestDatabase();

async function usernames(query: string) {
  const result = await run(async () => usersLoader({ request: get(`/admin/users${query}`), context: await contextFor("admin"), params: {} }));
  expect(result.status, query).toBe(200);
  return (result.data as { users: { username: string }[] }).users.map((u) => u.username);
}

async function rowAction(fields: Record<string, string>, username = "admin") {
  return run(async () => usersAction({ request: post("/admin/users", fields), context: await contextFor(username), params: {} }));
}

async function auditFor(userId: string, action: string) {
  return getDb().select().from(auditEvents).where(and(eq(auditEvents.entityId, userId), eq(auditEvents.action, action)));
}

describe("searching users", () => {
  it("finds by a fragment of the username or the name, by region and by role, and combines them", async () => {
    await ensureUser("guangzhou01", "广州市填报人", ["submitter"], ["guangzhou"]);
    expect(await usernames("?q=beij")).toEqual(["beijing"]);
    expect(await usernames("?q=北京")).toEqual(["beijing"]);
    expect(await usernames("?q=填报人")).toEqual(expect.arrayContaining(["beijing", "shanghai", "guangzhou01"]));
    expect(await usernames("?region=guangzhou")).toEqual(["guangzhou01"]);
    expect(await usernames("?role=admin")).toEqual(["admin"]);
    expect(await usernames("?role=submitter&region=shanghai")).toEqual(["shanghai"]);
    expect(await usernames("?q=%25")).toEqual([]); // % is a character, not a wildcard
  });

  it("answers a bad role or region in the query with 400 and a Chinese message", async () => {
    for (const query of ["?role=superuser", "?region=%00", `?q=${"x".repeat(65)}`]) {
      const result = await run(async () => usersLoader({ request: get(`/admin/users${query}`), context: await contextFor("admin"), params: {} }));
      expect(result.status, query).toBe(400);
    }
  });
});

describe("row actions on the list", () => {
  it("asks first without JavaScript, then deactivates (sessions ended, audited) and reactivates", async () => {
    const id = await ensureUser("leaving", "离职人员", ["reviewer"]);
    const victim = await contextFor("leaving");
    const asked = await rowAction({ intent: "deactivate", userId: id, username: "leaving" });
    expect(asked.status).toBe(200);
    expect((asked.data as { confirm: { intent: string } }).confirm.intent).toBe("deactivate");
    expect((await getDb().select().from(users).where(eq(users.id, id)))[0].active).toBe(true);

    const done = await rowAction({ intent: "deactivate", userId: id, username: "leaving", confirmed: "1" });
    expect(done.status).toBe(200);
    expect((done.data as { outcome: { ok: boolean; message: string } }).outcome).toMatchObject({ ok: true, message: "账号“leaving”已停用，其登录会话已全部结束。" });
    expect((await getDb().select().from(users).where(eq(users.id, id)))[0].active).toBe(false);
    expect((await authenticate(`pilot_session=${victim.auth.sessionId}`)).user).toBeNull();
    const [event] = await auditFor(id, "user.deactivate");
    expect(event.after).toMatchObject({ active: false });

    await rowAction({ intent: "reactivate", userId: id, confirmed: "1" });
    expect((await getDb().select().from(users).where(eq(users.id, id)))[0].active).toBe(true);
    expect(await auditFor(id, "user.reactivate")).toHaveLength(1);
  });

  it("never deactivates the last active admin", async () => {
    const id = await userIdOf("admin");
    const refused = await rowAction({ intent: "deactivate", userId: id, confirmed: "1" });
    expect(refused.status).toBe(409);
    expect((refused.data as { outcome: { message: string } }).outcome.message).toBe("不能移除最后一位系统管理员（不能取消其管理员角色或停用其账号）。");
    expect((await getDb().select().from(users).where(eq(users.id, id)))[0].active).toBe(true);
  });

  it("resets a password to a temporary one shown once, which signs in and must be changed", async () => {
    const id = await ensureUser("forgetful", "忘记密码的人", ["publisher"]);
    const victim = await contextFor("forgetful");
    const result = await rowAction({ intent: "reset-password", userId: id, confirmed: "1" });
    const outcome = (result.data as { outcome: { ok: boolean; temporaryPassword: string } }).outcome;
    expect(outcome.ok).toBe(true);
    expect(outcome.temporaryPassword).toMatch(/^[A-Za-z2-9]{12}$/);
    expect((await authenticate(`pilot_session=${victim.auth.sessionId}`)).user).toBeNull();
    expect(await auditFor(id, "user.password_reset")).toHaveLength(1);
    const login = await run(async () =>
      loginAction({ request: post("/login", { username: "forgetful", password: outcome.temporaryPassword }), context: await contextFor(null, "10.6.0.1"), params: {} }),
    );
    expect(login.location).toBe("/password");
  });

  it("refuses a malformed action with 400, and non-admins with 403", async () => {
    expect((await rowAction({ intent: "delete", userId: await userIdOf("beijing"), confirmed: "1" })).status).toBe(400);
    expect((await rowAction({ intent: "deactivate", userId: "not-a-uuid", confirmed: "1" })).status).toBe(400);
    for (const username of ["reviewer", "publisher", "beijing"]) {
      const id = await userIdOf("shanghai");
      const refused = await rowAction({ intent: "deactivate", userId: id, confirmed: "1" }, username);
      expect(refused.status, username).toBe(403);
      expect((await getDb().select().from(users).where(eq(users.id, id)))[0].active).toBe(true);
    }
  });
});
