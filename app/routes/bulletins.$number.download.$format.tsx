import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { storedExportFor, type StoredExport } from "~/batches/stored-exports.server";
import { contentDisposition, exportBulletin, isExportFormat } from "~/batches/exports.server";
import { batchNumberParam } from "~/batches/params";
import { requireExportReader } from "~/batches/proofs.server";
import { batchErrors, storedExportStrings } from "~/batches/strings";
import { getBatchByNumber } from "~/bulletin/bulletins.server";
import { notModified } from "~/bulletin/page-validators.server";
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
  if (batch.state === "published") return servePublished(request, await storedExportFor(db, batch, format));
  try {
    const file = await exportBulletin(db, batch, format);
    return new Response(new Uint8Array(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.body.byteLength),
        "Content-Disposition": contentDisposition(file.fileName, file.asciiName),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof PdfUnavailable) {
      return new Response(error.message, { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "3600" } });
    }
    throw error;
  }
}

/**
 * A published bulletin's stored file, the same bytes from every process: validators for a proxy or
 * CDN (ETag + Last-Modified, 304 when they match); "being prepared" (503, Retry-After) while the
 * job that makes it has not finished.
 */
async function servePublished(request: Request, stored: StoredExport) {
  const text = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
  if (stored.status === "pending") return new Response(storedExportStrings.preparing, { status: 503, headers: { ...text, "Retry-After": "5" } });
  if (stored.status === "unavailable") return new Response(stored.message, { status: 503, headers: { ...text, "Retry-After": "3600" } });
  const { etag, generatedAt } = stored;
  const validators = { ETag: etag, "Last-Modified": generatedAt.toUTCString(), "Cache-Control": "public, max-age=300, must-revalidate" };
  const conditional = { ifNoneMatch: request.headers.get("If-None-Match"), ifModifiedSince: request.headers.get("If-Modified-Since") };
  if (notModified(conditional, { etag, lastModified: generatedAt })) {
    return new Response(null, { status: 304, headers: validators });
  }
  // Only now the bytes: a revalidation (304) has been answered from the validators alone.
  const body = await stored.readBody();
  return new Response(new Uint8Array(body), {
    headers: {
      ...validators,
      "Content-Type": stored.contentType,
      "Content-Length": String(body.byteLength),
      "Content-Disposition": contentDisposition(stored.fileName, stored.asciiName),
    },
  });
}
