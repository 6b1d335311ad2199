import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, users } from "#db/schema";
import { action as newUserAction, loader as newUserLoader } from "~/routes/admin.users.new";
import { action as editUserAction } from "~/routes/admin.users.$userId";
import { loader as usersLoader } from "~/routes/admin.users._index";
import { action as regionsAction, loader as regionsLoader } from "~/routes/admin.regions";
import { action as categoriesAction } from "~/routes/admin.categories";
import { action as loginAction } from "~/routes/login";
import { loader as dashboardLoader } from "~/routes/_index";
import { authenticate } from "~/auth/session.server";
import { getDb } from "~/db/db.server";
import { useTestDatabase } from "../support/database";
import { contextFor, get, post, run } from "../support/requests";

await useTestDatabase();

async function userId(username: string) {
  const [row] = await getDb().select({ id: users.id }).from(users).where(eq(users.username, username));
  return row.id;
}

describe("admin pages are for admins only", () => {
  for (const username of ["beijing", "reviewer", "publisher"]) {
    it(`${username} gets 403 from the user pages, by loader and by action`, async () => {
      const context = await contextFor(username);
      expect((await run(() => usersLoader({ request: get("/admin/users"), context, params: {} }))).status).toBe(403);
      expect((await run(() => newUserLoader({ request: get("/admin/users/new"), context, params: {} }))).status).toBe(403);
      const created = await run(() =>
        newUserAction({ request: post("/admin/users/new", { username: "sneaky", displayName: "x", password: "12345678", roles: "admin" }), context, params: {} }),
      );
      expect(created.status).toBe(403);
      expect(await getDb().select().from(users).where(eq(users.username, "sneaky"))).toHaveLength(0);
      expect((await run(() => regionsLoader({ request: get("/admin/regions"), context, params: {} }))).status).toBe(403);
    });
  }
});

describe("user administration", () => {
  it("creates a submitter who must set a new password at first login", async () => {
    const context = await contextFor("admin");
    const result = await run(() =>
      newUserAction({
        request: post("/admin/users/new", { username: " Wuhan01 ", displayName: "武汉填报人", password: "temp-pass-1", roles: "submitter", regions: "wuhan" }),
        context,
        params: {},
      }),
    );
    expect(result.location).toBe("/admin/users?created=1");
    const login = await run(async () =>
      loginAction({ request: post("/login", { username: "wuhan01", password: "temp-pass-1" }), context: await contextFor(null, "10.5.0.1"), params: {} }),
    );
    expect(login.location).toBe("/password");
    const auth = await authenticate((login.headers.get("Set-Cookie") ?? "").split(";")[0]);
    expect(auth.user?.regions).toEqual(["wuhan"]);
    // Until the password is changed, every other page sends the user to /password.
    const dashboard = await run(() => dashboardLoader({ request: get("/"), context: { ...context, auth }, params: {} }));
    expect(dashboard.location).toBe("/password");
    const [event] = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "user.create")).orderBy(auditEvents.id);
    expect(event).toBeDefined();
  });

  it("explains every invalid field in Chinese and keeps what was typed", async () => {
    const context = await contextFor("admin");
    const result = await run(() =>
      newUserAction({ request: post("/admin/users/new", { username: "a", displayName: "", password: "short", roles: "submitter" }), context, params: {} }),
    );
    expect(result.status).toBe(400);
    const data = result.data as { errors: Record<string, string>; values: { username: string } };
    expect(data.errors).toMatchObject({
      username: "用户名长度应为 2–32 个字符。",
      displayName: "请输入姓名。",
      password: "密码至少需要 8 个字符。",
      regions: "地方填报人必须绑定至少一个试点地区。",
    });
    expect(data.values.username).toBe("a");
  });

  it("refuses a taken username with 409", async () => {
    const context = await contextFor("admin");
    const result = await run(() =>
      newUserAction({ request: post("/admin/users/new", { username: "beijing", displayName: "重复", password: "12345678", roles: "reviewer" }), context, params: {} }),
    );
    expect(result.status).toBe(409);
    expect((result.data as { errors: Record<string, string> }).errors.username).toBe("该用户名已被使用。");
  });

  it("deactivating a user ends their sessions at once", async () => {
    const victim = await contextFor("shanghai");
    const context = await contextFor("admin");
    const id = await userId("shanghai");
    const result = await run(() =>
      editUserAction({ request: post(`/admin/users/${id}`, { intent: "save", displayName: "上海市填报人", roles: "submitter", regions: "shanghai" }), context, params: { userId: id } }),
    );
    expect(result.location).toBe("/admin/users?saved=1");
    expect((await authenticate(`pilot_session=${victim.auth.sessionId}`)).user).toBeNull();
    const [event] = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "user.deactivate"));
    expect(event.before).toMatchObject({ active: true });
    expect(event.after).toMatchObject({ active: false });
  });

  it("an admin cannot remove the last admin, by role or by deactivation", async () => {
    const context = await contextFor("admin");
    const id = await userId("admin");
    const attempts: Record<string, string>[] = [
      { intent: "save", displayName: "系统管理员", roles: "reviewer", active: "on" },
      { intent: "save", displayName: "系统管理员", roles: "admin" },
    ];
    for (const fields of attempts) {
      const result = await run(() => editUserAction({ request: post(`/admin/users/${id}`, fields), context, params: { userId: id } }));
      expect(result.status).toBe(409);
      expect((result.data as { errors: Record<string, string> }).errors.roles).toBe("不能移除最后一位系统管理员（不能取消其管理员角色或停用其账号）。");
    }
  });

  it("resetting a password ends sessions and forces a new password", async () => {
    const victim = await contextFor("publisher");
    const context = await contextFor("admin");
    const id = await userId("publisher");
    const result = await run(() =>
      editUserAction({ request: post(`/admin/users/${id}`, { intent: "reset-password", password: "fresh-pass-9" }), context, params: { userId: id } }),
    );
    expect(result.location).toBe(`/admin/users/${id}?reset=1`);
    expect((await authenticate(`pilot_session=${victim.auth.sessionId}`)).user).toBeNull();
    const [row] = await getDb().select().from(users).where(eq(users.id, id));
    expect(row.mustChangePassword).toBe(true);
  });

  it("answers 404 for an unknown user", async () => {
    const context = await contextFor("admin");
    const result = await run(() => editUserAction({ request: post("/admin/users/nope", { intent: "save" }), context, params: { userId: "nope" } }));
    expect(result.status).toBe(404);
  });
});

describe("reference data", () => {
  it("renames a region and adds a category, each audited", async () => {
    const context = await contextFor("admin");
    const renamed = await run(() =>
      regionsAction({ request: post("/admin/regions", { intent: "update", code: "hainan", name: "海南省（自贸港）", shortName: "海南", sortOrder: "40", active: "on" }), context, params: {} }),
    );
    expect(renamed.location).toBe("/admin/regions?saved=1");
    const added = await run(() =>
      categoriesAction({ request: post("/admin/categories", { intent: "create", code: "digital-trade", name: "数字贸易", sortOrder: "40" }), context, params: {} }),
    );
    expect(added.location).toBe("/admin/categories?saved=1");
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.entityId, "hainan"));
    expect(events.at(-1)?.after).toMatchObject({ name: "海南省（自贸港）" });
    expect(await getDb().select().from(auditEvents).where(eq(auditEvents.action, "category.create"))).toHaveLength(1);
  });

  it("refuses duplicate codes and names with a clear message", async () => {
    const context = await contextFor("admin");
    const dupCode = await run(() =>
      categoriesAction({ request: post("/admin/categories", { intent: "create", code: "digital-trade", name: "别的名字", sortOrder: "1" }), context, params: {} }),
    );
    expect(dupCode.status).toBe(409);
    expect((dupCode.data as { errors: Record<string, string> }).errors.code).toBe("该代码已存在。");
    const dupName = await run(() =>
      categoriesAction({ request: post("/admin/categories", { intent: "create", code: "another", name: "体制机制创新", sortOrder: "1" }), context, params: {} }),
    );
    expect(dupName.status).toBe(409);
    expect((dupName.data as { errors: Record<string, string> }).errors.name).toBe("该名称已存在。");
  });
});
