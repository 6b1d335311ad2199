import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { casesByRegionState, regionStateCsvRows } from "~/figures/figures.server";
import { casesByCategoryBatch, stageMediansByBatch } from "~/figures/batch-figures.server";
import { categoryBatchCsvRows, stageCsvRows } from "~/figures/batch-csv";
import { getDb, type Executor } from "~/db/db.server";
import { requirePermission } from "~/permissions/require.server";
import { parseQuery, queryEnum } from "~/ui/query.server";
import { z } from "zod";

/** Each chart's numbers, by `?chart=`, and the file name they download as. */
const CHARTS = {
  "region-state": { file: "cases-by-region-state.csv", rows: async (db: Executor) => regionStateCsvRows(await casesByRegionState(db)) },
  "category-batch": { file: "cases-by-category-batch.csv", rows: async (db: Executor) => categoryBatchCsvRows(await casesByCategoryBatch(db)) },
  stages: { file: "median-days-per-stage.csv", rows: async (db: Executor) => stageCsvRows(await stageMediansByBatch(db)) },
} satisfies Record<string, { file: string; rows: (db: Executor) => Promise<string[][]> }>;

/** `?chart=` which figure (an unknown one is a 400 in Chinese). */
const figuresCsvQuery = z.object({ chart: queryEnum(Object.keys(CHARTS) as [keyof typeof CHARTS, ...(keyof typeof CHARTS)[]]) });

/** The numbers of a figure as CSV (UTF-8 with BOM so Excel shows Chinese). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "case:read:any");
  const { chart: name = "region-state" } = parseQuery(request, figuresCsvQuery);
  const chart = CHARTS[name];
  const csv = stringify(await chart.rows(getDb()), { bom: true });
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${chart.file}"` } });
}
