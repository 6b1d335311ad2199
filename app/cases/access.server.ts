import { eq } from "drizzle-orm";
import { data, type AppLoadContext } from "@remix-run/node";
import { caseRegions } from "#db/schema";
import type { Executor } from "~/db/db.server";
import { forbidden, requireUser } from "~/permissions/require.server";
import { canRead } from "#workflows/case-review";
import { getCase, type CaseRow } from "./cases.server";
import { workflowInfo } from "./transitions.server";
import { workflowMessages as wm } from "#workflows/strings";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Loads a case for the current user or throws: 404 when it does not exist, 403 when the workflow
 * table's `canRead` says no (a Shanghai submitter asking for a Beijing draft).
 */
export async function requireReadableCase(db: Executor, request: Request, context: AppLoadContext, caseId: string | undefined) {
  const user = requireUser(request, context);
  // Case ids are UUIDs: anything else (a NUL byte would even make PostgreSQL fail) is not a case.
  const row = caseId && UUID.test(caseId) ? await getCase(db, caseId) : null;
  if (!row) throw data({ message: wm.caseGone }, { status: 404 });
  const [info, participating] = await Promise.all([
    workflowInfo(db, row),
    db.select({ code: caseRegions.regionCode }).from(caseRegions).where(eq(caseRegions.caseId, row.id)),
  ]);
  if (!canRead(user, info, participating.map((p) => p.code))) forbidden(wm.caseForbidden);
  return { user, row: row as CaseRow, info, participatingRegions: participating.map((p) => p.code) };
}
