import { describe, expect, it } from "vitest";
import { count, ne } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { cases } from "#db/schema";
import { getDb } from "~/db/db.server";
import { RegionStateChart } from "~/figures/RegionStateChart";
import type { RegionStateRow } from "~/figures/states";
import { FIGURE_STATES } from "~/figures/states";
import { loader as figuresLoader } from "~/routes/figures";
import { loader as csvLoader } from "~/routes/figures[.]csv";
import { useTestDatabase } from "../support/database";
import { contextFor, get, run } from "../support/requests";
import { submittedCase } from "./review-fixtures";

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
