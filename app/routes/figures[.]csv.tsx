import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { casesByRegionState, regionStateCsvRows } from "~/figures/figures.server";
import { getDb } from "~/db/db.server";
import { requirePermission } from "~/permissions/require.server";
import { parseQuery, queryEnum } from "~/ui/query.server";
import { z } from "zod";

/** `?chart=` which figure (one so far). */
const figuresCsvQuery = z.object({ chart: queryEnum(["region-state"]) });

/** The numbers of a figure as CSV (UTF-8 with BOM so Excel shows Chinese). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "case:read:any");
  parseQuery(request, figuresCsvQuery);
  const csv = stringify(regionStateCsvRows(await casesByRegionState(getDb())), { bom: true });
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="cases-by-region-state.csv"' } });
}
