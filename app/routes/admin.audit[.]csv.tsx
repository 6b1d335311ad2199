import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { stringify } from "csv-stringify";
import { iterateAuditEvents } from "~/audit/audit.server";
import { auditFilterFromUrl, auditQuery } from "~/audit/filter.server";
import { auditActionLabel, auditWords } from "~/audit/strings";
import { getDb } from "~/db/db.server";
import { parseQuery } from "~/ui/query.server";
import { requirePermission } from "~/permissions/require.server";

/** The filtered audit trail as CSV (UTF-8 with BOM so Excel shows Chinese; the header row in the reader's language), streamed page by page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "audit:read:any");
  parseQuery(request, auditQuery);
  const { filter } = auditFilterFromUrl(new URL(request.url));
  const rows = Readable.from(
    (async function* () {
      for await (const e of iterateAuditEvents(getDb(), filter)) {
        yield [e.id, e.at.toISOString(), e.actorId ?? "", e.actorName, e.action, auditActionLabel(e.action), e.entityType, e.entityId ?? "", e.before === null ? "" : JSON.stringify(e.before), e.after === null ? "" : JSON.stringify(e.after), e.ip ?? "", e.userAgent ?? "", e.hash];
      }
    })(),
  );
  const csv = rows.pipe(
    stringify({
      bom: true,
      header: true,
      // A cell starting with = + - @ tab or CR gets a leading ' : a spreadsheet shows it as text
      // instead of running it (a failed login's username or a User-Agent is anyone's to choose).
      escape_formulas: true,
      columns: [...auditWords.csvColumns],
    }),
  );
  const day = new Date().toISOString().slice(0, 10);
  return new Response(createReadableStreamFromReadable(csv), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${day}.csv"`,
    },
  });
}
