import { type LoaderFunctionArgs } from "@remix-run/node";
import { reviewerAidsForCase } from "~/aids/aids.server";
import { figuresCsv } from "~/aids/figures-csv";
import { AIDS_STRINGS } from "~/aids/strings";
import { requireReadableCase } from "~/cases/access.server";
import { getDb } from "~/db/db.server";
import { forbidden } from "~/permissions/require.server";
import { canSeeReview } from "~/review/access";

/** The figures table of a case as CSV, for those who see its review side (canSeeReview). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, row, info, participatingRegions } = await requireReadableCase(db, request, context, params.caseId);
  if (!canSeeReview(user, info, participatingRegions)) forbidden(AIDS_STRINGS.panel.csvForbidden);
  const aids = await reviewerAidsForCase(db, row.id, { viewer: user, version: row.publishedVersion ?? row.version });
  const name = encodeURIComponent(`${AIDS_STRINGS.panel.csvFileName}-${row.title}.csv`);
  return new Response(figuresCsv(aids?.figures ?? []), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename*=UTF-8''${name}` },
  });
}
