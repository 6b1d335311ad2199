import { asc, count, eq, ne } from "drizzle-orm";
import { cases, regions } from "#db/schema";
import type { Executor } from "~/db/db.server";
import { CASE_STATE_LABELS } from "#workflows/case-review";
import { FIGURE_STATES, type FigureState, type RegionStateRow } from "./states";

export { FIGURE_STATES, type RegionStateRow };

/** Cases by lead region × state, one grouped query; regions without cases are left out. */
export async function casesByRegionState(db: Executor): Promise<RegionStateRow[]> {
  const rows = await db
    .select({ code: cases.leadRegion, name: regions.name, sort: regions.sortOrder, state: cases.state, n: count() })
    .from(cases)
    .innerJoin(regions, eq(regions.code, cases.leadRegion))
    .where(ne(cases.state, "draft"))
    .groupBy(cases.leadRegion, regions.name, regions.sortOrder, cases.state)
    .orderBy(asc(regions.sortOrder), asc(cases.leadRegion));
  const byRegion = new Map<string, RegionStateRow>();
  for (const r of rows) {
    let row = byRegion.get(r.code);
    if (!row) {
      row = { code: r.code, name: r.name, total: 0, ...(Object.fromEntries(FIGURE_STATES.map((s) => [s, 0])) as Record<FigureState, number>) };
      byRegion.set(r.code, row);
    }
    if ((FIGURE_STATES as string[]).includes(r.state)) {
      row[r.state as FigureState] += r.n;
      row.total += r.n;
    }
  }
  return [...byRegion.values()];
}

/** The same numbers as CSV rows (header first), for the download. */
export function regionStateCsvRows(rows: RegionStateRow[]): string[][] {
  return [["地区", ...FIGURE_STATES.map((s) => CASE_STATE_LABELS[s]), "合计"], ...rows.map((r) => [r.name, ...FIGURE_STATES.map((s) => String(r[s])), String(r.total)])];
}
