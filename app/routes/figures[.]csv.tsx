import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { casesByRegionState, regionStateCsvRows } from "~/figures/figures.server";
import { getDb } from "~/db/db.server";
import { requirePermission } from "~/permissions/require.server";

/** The numbers of a figure as CSV (UTF-8 with BOM so Excel shows Chinese). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "case:read:any");
  const chart = new URL(request.url).searchParams.get("chart") ?? "region-state";
  if (chart !== "region-state") throw new Response("没有这个图表。", { status: 404 });
  const csv = stringify(regionStateCsvRows(await casesByRegionState(getDb())), { bom: true });
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="cases-by-region-state.csv"' } });
}
