import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { auditEvents, batches, cases, caseVersions, regions } from "#db/schema";
import { bulletinToMarkdown } from "~/bulletin/markdown";
import { getBatchByNumber, loadBulletin } from "~/bulletin/bulletins.server";
import { missingSentences } from "~/bulletin/sentences";
import { THIRD_BATCH_FILE } from "~/db/seed.server";
import { getDb } from "~/db/db.server";
import { importBulletin, ImportRefused } from "~/import/import.server";
import { parseBulletin } from "~/import/parse";
import { action as importAction, loader as importLoader } from "~/routes/admin.import";
import { loader as caseLoader } from "~/routes/cases.$caseId._index";
import { useTestDatabase } from "../support/database";
import { contextFor, get, post, run } from "../support/requests";

await useTestDatabase();
const original = fs.readFileSync(THIRD_BATCH_FILE, "utf8");

async function counts() {
  const db = getDb();
  const [[b], [c], [v], [a]] = await Promise.all([
    db.select({ n: count() }).from(batches),
    db.select({ n: count() }).from(cases),
    db.select({ n: count() }).from(caseVersions),
    db.select({ n: count() }).from(auditEvents),
  ]);
  return { batches: b.n, cases: c.n, versions: v.n, audit: a.n };
}

describe("the seeded third batch", () => {
  it("is a published batch of 11 published cases, each audited", async () => {
    const batch = await getBatchByNumber(getDb(), 3);
    expect(batch?.state).toBe("published");
    const rows = await getDb().select().from(cases).where(eq(cases.batchId, batch!.id));
    expect(rows).toHaveLength(11);
    expect(rows.every((r) => r.state === "published" && r.publishedVersion === 1)).toBe(true);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "case.import"));
    expect(events).toHaveLength(11);
  });

  it("exports as Markdown without losing a sentence of the original (round trip through the database)", async () => {
    const batch = await getBatchByNumber(getDb(), 3);
    const { input, regionNames } = await loadBulletin(getDb(), batch!);
    const markdown = bulletinToMarkdown(input, { regionNames });
    expect(missingSentences(original, markdown)).toEqual([]);
    expect(markdown).toContain("## 目录");
    expect(markdown).toContain("#### 一、主要做法");
  });

  it("is readable on the case page by every signed-in role, rendered like the bulletin", async () => {
    const [first] = await getDb().select({ id: cases.id }).from(cases).where(eq(cases.title, "优化文化服务供给模式和协同治理体系"));
    for (const username of ["shanghai", "reviewer", "publisher", "admin"]) {
      const result = await run(async () => caseLoader({ request: get(`/cases/${first.id}`), context: await contextFor(username), params: { caseId: first.id } }));
      expect(result.status).toBe(200);
      const model = (result.data as { model: { blocks: { kind: string; number?: string; text?: string }[] } }).model;
      expect(model.blocks.filter((b) => b.kind === "heading" && b.number === "一、")[0]?.text).toBe("主要做法");
    }
    const anonymous = await run(async () => caseLoader({ request: get(`/cases/${first.id}`), context: await contextFor(null), params: { caseId: first.id } }));
    expect(anonymous.status).toBe(302);
  });
});

describe("importing", () => {
  it("refuses a batch number that already exists and writes nothing", async () => {
    const parsed = parseBulletin(original);
    if (!parsed.ok) throw new Error("seed must parse");
    const before = await counts();
    await expect(importBulletin({ id: null, name: "测试" }, parsed.bulletin)).rejects.toBeInstanceOf(ImportRefused);
    expect(await counts()).toEqual(before);
  });

  it("never half-imports: a case the model refuses rolls back the whole batch", async () => {
    const parsed = parseBulletin(original.replace("第三批", "第九批"));
    if (!parsed.ok) throw new Error("must parse");
    parsed.bulletin.categories[2].cases[1].content.title = "超".repeat(60);
    const before = await counts();
    const error = await importBulletin({ id: null, name: "测试" }, parsed.bulletin).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRefused);
    expect((error as ImportRefused).issues[0].message).toContain("标题不能超过 40 个字");
    expect(await counts()).toEqual(before);
  });

  for (const [label, text, message] of [
    ["an empty file", "", /请选择文件或粘贴公报全文/],
    ["a file without 目录", "# 第五批最佳实践案例\n\n## 前言\n\n正文。\n", /目录/],
    ["binary junk", "\u0000\u0001\u0002PK\u0003\u0004".repeat(50), /./],
  ] as const) {
    it(`answers ${label} with a clear error and writes nothing`, async () => {
      const before = await counts();
      const context = await contextFor("admin");
      const result = await run(() => importAction({ request: post("/admin/import", { intent: "confirm", text }), context, params: {} }));
      expect(result.status).toBe(400);
      const errors = (result.data as { errors: { message: string }[] }).errors;
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0].message).toMatch(message);
      expect(await counts()).toEqual(before);
    });
  }

  it("answers a 50 MB text with a size error, fast, and writes nothing", async () => {
    const parsed = parseBulletin("案".repeat(50 * 1024 * 1024 / 3));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0].message).toMatch(/过大|MB/);
  });

  it("previews first, then imports with the regions a person confirmed", async () => {
    const context = await contextFor("admin");
    const text = original.replace("第三批", "第七批");
    const preview = await run(() => importAction({ request: post("/admin/import", { intent: "parse", text }), context, params: {} }));
    const data = preview.data as { preview: { batchNumber: number; categories: { cases: { proposedRegions: string[] }[] }[] } };
    expect(data.preview.batchNumber).toBe(7);
    expect(data.preview.categories.flatMap((c) => c.cases)).toHaveLength(11);
    expect((await counts()).batches).toBe(1);

    // Posted region codes are checked: an unknown code and a deactivated region are a 400 in Chinese, nothing written.
    await getDb().update(regions).set({ active: false }).where(eq(regions.code, "wuhan"));
    for (const bad of [{ "lead.0": "atlantis" }, { "lead.0": "hangzhou", "regions.0": ["wuhan"] }, { "lead.3": "x'; drop table cases; --" }] as Record<string, string | string[]>[]) {
      const refused = await run(() => importAction({ request: post("/admin/import", { intent: "confirm", text, ...bad }), context, params: {} }));
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect((refused.data as { errors: { message: string }[] }).errors[0]!.message).toMatch(/所选地区无效或已停用/);
    }
    await getDb().update(regions).set({ active: true }).where(eq(regions.code, "wuhan"));
    expect((await counts()).batches).toBe(1);

    const fields: Record<string, string | string[]> = { intent: "confirm", text, "lead.0": "hangzhou", "regions.0": ["hangzhou", "beijing"] };
    const done = await run(() => importAction({ request: post("/admin/import", fields), context, params: {} }));
    expect(done.location).toBe("/admin/import?imported=7&cases=11");
    const seventh = await getBatchByNumber(getDb(), 7);
    const [firstCase] = await getDb().select().from(cases).where(eq(cases.batchId, seventh!.id)).orderBy(cases.batchPosition).limit(1);
    expect(firstCase.leadRegion).toBe("hangzhou");
    const [importedBy] = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "batch.import")).orderBy(auditEvents.id);
    expect(importedBy).toBeDefined();
  });

  it("is for admins only", async () => {
    for (const username of ["beijing", "reviewer", "publisher"]) {
      const context = await contextFor(username);
      expect((await run(() => importLoader({ request: get("/admin/import"), context, params: {} }))).status).toBe(403);
      expect((await run(() => importAction({ request: post("/admin/import", { intent: "confirm", text: original }), context, params: {} }))).status).toBe(403);
    }
  });
});
