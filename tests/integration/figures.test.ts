import { describe, expect, it } from "vitest";
import { and, count, eq, isNotNull, ne } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { auditEvents, batches, cases, categories } from "#db/schema";
import { transitionCase } from "~/cases/transitions.server";
import { createBatch } from "~/batches/batch-editing.server";
import { batchName, CategoryBatchChart, StageMedianChart } from "~/figures/BatchCharts";
import { getDb } from "~/db/db.server";
import { RegionStateChart } from "~/figures/RegionStateChart";
import type { RegionStateRow } from "~/figures/states";
import { FIGURE_STATES } from "~/figures/states";
import { loader as figuresLoader } from "~/routes/figures";
import { loader as csvLoader } from "~/routes/figures[.]csv";
import { useTestDatabase } from "../support/database";
import { contextFor, get, run } from "../support/requests";
import { signedIn, submittedCase } from "./review-fixtures";

await useTestDatabase();

async function rowsFor(username: string) {
  const result = await run(async () => figuresLoader({ request: get("/figures"), context: await contextFor(username), params: {} }));
  return result;
}

describe("figures", () => {
  it("count cases by region and state, drafts left out, summing to the cases there are", async () => {
    await submittedCase("beijing");
    const result = await rowsFor("reviewer");
    expect(result.status).toBe(200);
    const rows = (result.data as { regionState: RegionStateRow[] }).regionState;
    const [{ n }] = await getDb().select({ n: count() }).from(cases).where(ne(cases.state, "draft"));
    expect(rows.reduce((a, r) => a + r.total, 0)).toBe(n);
    const beijing = rows.find((r) => r.code === "beijing")!;
    expect(beijing.submitted).toBeGreaterThanOrEqual(1);
    expect(beijing.total).toBe(FIGURE_STATES.reduce((a, s) => a + beijing[s], 0));
  });

  it("draw an accessible SVG on the server: titled, described, one titled bar segment per non-zero number", async () => {
    const rows = ((await rowsFor("publisher")).data as { regionState: RegionStateRow[] }).regionState;
    const html = renderToString(createElement(RegionStateChart, { rows }));
    expect(html).toMatch(/^<figure class="chart"><svg role="img" aria-labelledby="chart-region-state-title chart-region-state-desc"/);
    expect(html).toContain("<title id=\"chart-region-state-title\">各地区案例状态分布</title>");
    const segments = rows.flatMap((r) => FIGURE_STATES.filter((s) => r[s] > 0).map((s) => [r, s] as const));
    expect((html.match(/<rect [^>]*fill="#[0-9A-F]{6}"><title>/g) ?? []).length).toBe(segments.length);
    expect(html).toContain("北京市 · 已提交：");
  });

  it("download the same numbers as CSV with a BOM", async () => {
    const rows = ((await rowsFor("admin")).data as { regionState: RegionStateRow[] }).regionState;
    const response = (await csvLoader({ request: get("/figures.csv?chart=region-state"), context: await contextFor("admin"), params: {} })) as Response;
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split("\n");
    expect(lines[0]).toBe("地区,已提交,审核中,退回修改,审核通过,不予采用,已撤回,已发布,合计");
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[1].split(",").at(-1)).toBe(String(rows[0].total));
  });

  it("are closed to submitters", async () => {
    expect((await rowsFor("beijing")).status).toBe(403);
    expect((await run(async () => csvLoader({ request: get("/figures.csv"), context: await contextFor("beijing"), params: {} }))).status).toBe(403);
  });
});

describe("the per-batch figures", () => {
  const DAY = 86_400_000;

  /** Two cases through submit and approve, written 10 and 20 days before submission, in a new batch published 4 days later. */
  async function batchWithKnownTimes() {
    const { user: reviewer, actor } = await signedIn("reviewer");
    const publisher = await signedIn("publisher");
    const cats = await getDb().select({ code: categories.code, name: categories.name }).from(categories).orderBy(categories.sortOrder).limit(2);
    const ids: string[] = [];
    for (const daysWritten of [10, 20]) {
      const id = await submittedCase("beijing");
      const [submitted] = await getDb().select({ at: auditEvents.at }).from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "case.submit")));
      await getDb().update(cases).set({ createdAt: new Date(submitted.at.getTime() - daysWritten * DAY) }).where(eq(cases.id, id));
      await transitionCase(reviewer, actor, { caseId: id, action: "approve" });
      ids.push(id);
    }
    const batch = await createBatch(publisher.user, publisher.actor, { title: "统计测试批次", preface: [] });
    const [b] = await getDb().select().from(batches).where(eq(batches.number, batch.number));
    await getDb().update(cases).set({ batchId: b.id, batchCategoryCode: cats[0].code }).where(eq(cases.id, ids[0]));
    await getDb().update(cases).set({ batchId: b.id, batchCategoryCode: cats[1].code }).where(eq(cases.id, ids[1]));
    const [approved] = await getDb().select({ at: auditEvents.at }).from(auditEvents).where(and(eq(auditEvents.entityId, ids[1]), eq(auditEvents.action, "case.approve")));
    await getDb().update(batches).set({ state: "published", publishedAt: new Date(approved.at.getTime() + 4 * DAY) }).where(eq(batches.id, b.id));
    return { number: batch.number, cats };
  }

  it("count cases by category per batch, and give the median days of each stage, both as drawn, tabled and downloaded", async () => {
    const { number, cats } = await batchWithKnownTimes();
    const result = await rowsFor("reviewer");
    const data = result.data as {
      categoryBatch: { categories: { code: string; name: string }[]; rows: { number: number; total: number; counts: Record<string, number> }[] };
      stages: { number: number; cases: number; draft: number | null; review: number | null; publish: number | null }[];
    };
    const mine = data.categoryBatch.rows.find((r) => r.number === number)!;
    expect(mine).toEqual({ number, total: 2, counts: { [cats[0].code]: 1, [cats[1].code]: 1 } });
    // Every batched case is counted once.
    const [{ n }] = await getDb().select({ n: count() }).from(cases).where(isNotNull(cases.batchId));
    expect(data.categoryBatch.rows.reduce((a, r) => a + r.total, 0)).toBe(n);

    const stage = data.stages.find((r) => r.number === number)!;
    expect(stage).toEqual({ number, cases: 2, draft: 15, review: 0, publish: 4 });
    // Imported bulletins have no submission or approval in the trail: no stage times, still counted.
    const imported = data.stages.find((r) => r.number !== number);
    if (imported) expect(imported.draft).toBeNull();

    const stagesSvg = renderToString(createElement(StageMedianChart, { rows: data.stages }));
    expect(stagesSvg).toContain('<svg role="img" aria-labelledby="chart-stages-title chart-stages-desc"');
    expect(stagesSvg).toContain("审核通过→发布：4 天");
    const catSvg = renderToString(createElement(CategoryBatchChart, data.categoryBatch));
    expect(catSvg).toContain('<title id="chart-category-batch-title">各批次案例类别分布</title>');
    expect(catSvg).toContain(`${batchName(number)} · ${cats[0].name}：1`);

    const csvText = async (chart: string) => {
      const response = (await csvLoader({ request: get(`/figures.csv?chart=${chart}`), context: await contextFor("admin"), params: {} })) as Response;
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()).slice(1).trim().split("\n");
    };
    const stagesCsv = await csvText("stages");
    expect(stagesCsv[0]).toBe("批次,案例数,起草→提交,提交→审核通过,审核通过→发布");
    expect(stagesCsv).toContain(`${batchName(number)},2,15,0,4`);
    const catCsv = await csvText("category-batch");
    expect(catCsv[0].split(",")).toEqual(["批次", ...data.categoryBatch.categories.map((c) => c.name), "合计"]);
    expect(catCsv.find((l) => l.startsWith(batchName(number)))!.split(",").at(-1)).toBe("2");
    expect((await run(async () => csvLoader({ request: get("/figures.csv?chart=toString"), context: await contextFor("admin"), params: {} }))).status).toBe(400);
  });
});
