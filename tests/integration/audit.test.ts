import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { auditEvents } from "#db/schema";
import { recordAudit, verifyAuditChain } from "~/audit/audit.server";
import { loader as auditLoader } from "~/routes/admin.audit._index";
import { loader as csvLoader } from "~/routes/admin.audit[.]csv";
import { action as loginAction } from "~/routes/login";
import { getDb } from "~/db/db.server";
import { useTestDatabase } from "../support/database";
import { contextFor, get, post, run } from "../support/requests";
import { batchNumberOf } from "~/audit/audit.server";
import { auditSentenceText, type AuditSentence } from "~/audit/sentence";
import { submittedCase } from "./review-fixtures";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { AuditEventItem } from "~/audit/AuditEventRow";

await useTestDatabase();

describe("the audit trail", () => {
  it("is complete after seeding and its hash chain verifies", async () => {
    const verdict = await verifyAuditChain(getDb());
    expect(verdict.ok).toBe(true);
    // reference seed + 5 demo users
    expect(verdict.count).toBeGreaterThanOrEqual(6);
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    // drizzle wraps the database error; the trigger's message is in `cause`.
    const refusal = (e: unknown) => /append-only/.test(String((e as Error).cause ?? e));
    await expect(getDb().execute(sql`update audit_events set actor_name = 'x' where id = 1`)).rejects.toSatisfy(refusal);
    await expect(getDb().execute(sql`delete from audit_events where id = 1`)).rejects.toSatisfy(refusal);
    await expect(getDb().execute(sql`truncate audit_events`)).rejects.toSatisfy(refusal);
  });

  it("rolls the event back with the change it records", async () => {
    const before = (await getDb().select().from(auditEvents)).length;
    await expect(
      getDb().transaction(async (tx) => {
        await recordAudit(tx, { id: null, name: "测试" }, { action: "test.event", entityType: "test" });
        throw new Error("the change failed after the event was written");
      }),
    ).rejects.toThrow();
    expect((await getDb().select().from(auditEvents)).length).toBe(before);
  });

  it("keeps one unbroken chain under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        getDb().transaction(async (tx) => recordAudit(tx, { id: null, name: "并发" }, { action: "test.concurrent", entityType: "test", entityId: String(i) })),
      ),
    );
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
  });

  it("names the first broken event when a row is changed behind the trigger's back", async () => {
    const [target] = await getDb().select({ id: auditEvents.id }).from(auditEvents).orderBy(auditEvents.id).offset(2).limit(1);
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
      await tx.execute(sql`update audit_events set actor_name = '篡改者' where id = ${target.id}`);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
    });
    const verdict = await verifyAuditChain(getDb());
    expect(verdict).toMatchObject({ ok: false, brokenId: target.id });
  });
});

describe("the audit pages", () => {
  it("filters by action and pages by id", async () => {
    const context = await contextFor("admin");
    const result = await run(() => auditLoader({ request: get("/admin/audit?action=user.create"), context, params: {} }));
    const data = result.data as { events: { action: string }[] };
    expect(data.events.length).toBe(5);
    expect(data.events.every((e) => e.action === "user.create")).toBe(true);
  });

  it("filters by date range (Beijing days) and reports an invalid date", async () => {
    const context = await contextFor("admin");
    const empty = await run(() => auditLoader({ request: get("/admin/audit?from=2000-01-01&to=2000-01-02"), context, params: {} }));
    expect((empty.data as { events: unknown[] }).events).toHaveLength(0);
    const bad = await run(() => auditLoader({ request: get("/admin/audit?from=yesterday"), context, params: {} }));
    expect((bad.data as { invalid: string[] }).invalid).toEqual(["from"]);
  });

  it("downloads the filtered events as CSV with a BOM", async () => {
    const context = await contextFor("admin");
    const response = (await csvLoader({ request: get("/admin/audit.csv?action=user.create"), context, params: {} })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain("创建用户");
  });

  it("escapes formula-leading cells (a username or User-Agent a stranger chose) so a spreadsheet shows them as text", async () => {
    const hostile = { ...(await contextFor(null, "10.77.0.1")), userAgent: "=cmd|' /C calc'!A0" };
    const username = '=HYPERLINK("http://evil.example","点我")';
    await run(() => loginAction({ request: post("/login", { username, password: "wrong-password" }), context: hostile, params: {} }));
    for (const prefix of ["+1+1", "-2+3", "@SUM(A1)"]) {
      await run(() => loginAction({ request: post("/login", { username: prefix, password: "wrong-password" }), context: { ...hostile, userAgent: "vitest" }, params: {} }));
    }
    const context = await contextFor("admin");
    const response = (await csvLoader({ request: get("/admin/audit.csv?action=auth.login_failed"), context, params: {} })) as Response;
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text).toContain(`"'=cmd|' /C calc'!A0"`.replace(/^"|"$/g, ""));
    expect(text.toLowerCase()).toContain(`'=hyperlink(`);
    for (const prefix of ["'+1+1", "'-2+3", "'@sum(a1)"]) expect(text).toContain(prefix);
    // No cell of any line starts with a formula character.
    for (const line of text.split("\n")) expect(line, line).not.toMatch(/(^|,)"?[=+\-@]/);
  });

  it("is closed to non-admins", async () => {
    const context = await contextFor("reviewer");
    expect((await run(() => auditLoader({ request: get("/admin/audit"), context, params: {} }))).status).toBe(403);
    expect((await run(() => csvLoader({ request: get("/admin/audit.csv"), context, params: {} }))).status).toBe(403);
  });
});

type PageEvent = { id: number; at: string; sentence: AuditSentence; raw: Parameters<typeof AuditEventItem>[0]["raw"]; ip: string | null };
type PageData = { events: PageEvent[] };

function renderEvents(events: PageEvent[]) {
  return renderToString(createElement(StaticRouter, { location: "/admin/audit" }, ...events.map((e) => createElement(AuditEventItem, { key: e.id, ...e }))));
}

async function auditPage(path: string) {
  const context = await contextFor("admin");
  const result = await run(() => auditLoader({ request: get(path), context, params: {} }));
  expect(result.status).toBe(200);
  return result.data as PageData;
}

describe("the audit trail read as sentences", () => {
  it("says who submitted which case, by its title and version, with the state change in Chinese", async () => {
    const caseId = await submittedCase();
    const data = await auditPage(`/admin/audit?entityId=${caseId}&action=case.submit`);
    expect(data.events).toHaveLength(1);
    const s = data.events[0].sentence;
    expect(auditSentenceText(s)).toBe("北京市填报人 提交了案例《深化外资企业注册登记便利化改革》第 2 版");
    expect(s.object?.href).toBe(`/cases/${caseId}`);
    const state = s.changes.find((c) => c.field === "state");
    expect(state).toMatchObject({ label: "状态", before: "草稿", after: "已提交" });
  });

  it("names a user's changed fields with Chinese labels and values", async () => {
    const data = await auditPage("/admin/audit?action=user.create");
    const created = data.events.map((e) => e.sentence).find((s) => s.object?.label.includes("beijing"))!;
    expect(auditSentenceText(created)).toMatch(/^系统 创建了用户 北京市填报人（beijing）/);
    expect(created.changes.find((c) => c.field === "roles")).toMatchObject({ label: "角色", after: "地方填报人" });
    expect(created.changes.find((c) => c.field === "regions")?.after).toBe("北京市");
  });

  it("finds beijing's events by username and by a fragment of the name", async () => {
    await submittedCase();
    const byUsername = await auditPage("/admin/audit?actor=beijing");
    const byName = await auditPage("/admin/audit?actor=北京");
    expect(byUsername.events.length).toBeGreaterThan(0);
    expect(byUsername.events.every((e) => e.sentence.actor === "北京市填报人")).toBe(true);
    expect(byName.events.map((e) => e.id)).toEqual(byUsername.events.map((e) => e.id));
    // A LIKE wildcard typed in the box is taken literally.
    expect((await auditPage("/admin/audit?actor=%25")).events).toHaveLength(0);
  });

  it("filters by a fragment of the case title", async () => {
    const caseId = await submittedCase();
    const data = await auditPage(`/admin/audit?object=${encodeURIComponent("注册登记便利化")}`);
    expect(data.events.some((e) => e.sentence.object?.href === `/cases/${caseId}`)).toBe(true);
    expect(data.events.every((e) => e.sentence.object?.label.includes("注册登记便利化"))).toBe(true);
  });

  it("reads 第N批 in digits or Chinese numerals", () => {
    expect(batchNumberOf("第四批")).toBe(4);
    expect(batchNumberOf("第12批")).toBe(12);
    expect(batchNumberOf("第十二批")).toBe(12);
    expect(batchNumberOf("二十")).toBe(20);
    expect(batchNumberOf("医疗")).toBeNull();
  });

  it("shows no raw JSON unless the technical details are asked for", async () => {
    await submittedCase();
    const plain = await auditPage("/admin/audit");
    expect(plain.events.every((e) => e.raw === null)).toBe(true);
    const html = renderEvents(plain.events);
    expect(html).toContain("提交了");
    expect(html).not.toContain("技术详情");
    expect(html).not.toMatch(/\{&quot;/);

    const raw = await auditPage("/admin/audit?raw=1");
    expect(raw.events.every((e) => e.raw !== null)).toBe(true);
    const rawHtml = renderEvents(raw.events);
    expect(rawHtml).toContain("技术详情");
    expect(rawHtml).toMatch(/\{&quot;/);
  });
});
