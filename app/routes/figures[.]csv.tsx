import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { casesByRegionState, regionStateCsvRows } from "~/figures/figures.server";
import { casesByCategoryBatch, stageMediansByBatch } from "~/figures/batch-figures.server";
import { categoryBatchCsvRows, stageCsvRows } from "~/figures/batch-csv";
import { getDb, type Executor } from "~/db/db.server";
import { requirePermission } from "~/permissions/require.server";
import { figureStrings as t } from "~/figures/strings";

/** Each chart's numbers, by `?chart=`, and the file name they download as. */
const CHARTS: Record<string, { file: string; rows: (db: Executor) => Promise<string[][]> }> = {
  "region-state": { file: "cases-by-region-state.csv", rows: async (db) => regionStateCsvRows(await casesByRegionState(db)) },
  "category-batch": { file: "cases-by-category-batch.csv", rows: async (db) => categoryBatchCsvRows(await casesByCategoryBatch(db)) },
  stages: { file: "median-days-per-stage.csv", rows: async (db) => stageCsvRows(await stageMediansByBatch(db)) },
};

/** The numbers of a figure as CSV (UTF-8 with BOM so Excel shows Chinese). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "case:read:any");
  const name = new URL(request.url).searchParams.get("chart") ?? "region-state";
  if (!Object.hasOwn(CHARTS, name)) throw new Response(t.noChart, { status: 404 });
  const chart = CHARTS[name];
  const csv = stringify(await chart.rows(getDb()), { bom: true });
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${chart.file}"` } });
}
