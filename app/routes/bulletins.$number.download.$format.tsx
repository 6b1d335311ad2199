import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { contentDisposition, exportBulletin, isExportFormat } from "~/batches/exports.server";
import { batchNumberParam } from "~/batches/params";
import { requireExportReader } from "~/batches/proofs.server";
import { batchErrors } from "~/batches/strings";
import { getBatchByNumber } from "~/bulletin/bulletins.server";
import { PdfUnavailable } from "~/bulletin/pdf.server";
import { getDb } from "~/db/db.server";

/**
 * Public for a published bulletin (Markdown, DOCX, PDF); a batch not yet published only for
 * publishers (their proofs). Anything else is a 404, so unpublished batches stay invisible.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const number = batchNumberParam(params.number);
  const format = params.format;
  if (!isExportFormat(format)) throw data({ message: batchErrors.notFound }, { status: 404 });
  const db = getDb();
  const batch = requireExportReader(request, context, await getBatchByNumber(db, number));
  const published = batch.state === "published";
  try {
    const file = await exportBulletin(db, batch, format);
    return new Response(new Uint8Array(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.body.byteLength),
        "Content-Disposition": contentDisposition(file.fileName, file.asciiName),
        "Cache-Control": published ? "public, max-age=300" : "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof PdfUnavailable) {
      return new Response(error.message, { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "3600" } });
    }
    throw error;
  }
}
