import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { batchNumberParam } from "~/batches/params";
import { loadProof, requireExportReader, proofPageImage } from "~/batches/proofs.server";
import { batchErrors, proofStrings } from "~/batches/strings";
import { PAGE_IMAGE_WIDTH } from "~/bulletin/pdf-pages.server";
import { getBatchByNumber } from "~/bulletin/bulletins.server";
import { PdfUnavailable } from "~/bulletin/pdf.server";
import { getDb } from "~/db/db.server";
import { parseQuery, queryInt, queryText } from "~/ui/query.server";
import { z } from "zod";

/** `?w=` the image width in pixels (clamped to what is offered), `?v=` the proof key that makes the image cacheable. */
const proofImageQuery = z.object({ w: queryInt(1, 9999), v: queryText(128) });

/**
 * One page of a batch's proof as a PNG (/batches/3/proof/5.png?w=360). Access as for the PDF
 * download. The image of a given proof version (?v=) never changes, so browsers may keep it.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const number = batchNumberParam(params.number);
  const db = getDb();
  const batch = requireExportReader(request, context, await getBatchByNumber(db, number));
  const query = parseQuery(request, proofImageQuery);
  const index = /^[1-9]\d{0,3}$/.test(params.page ?? "") ? Number(params.page) : 0;
  const noPage = () => new Response(proofStrings.badPage, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (!index) return noPage();
  const width = query.w === undefined ? 360 : Math.min(PAGE_IMAGE_WIDTH.max, Math.max(PAGE_IMAGE_WIDTH.min, query.w));
  try {
    const proof = await loadProof(db, batch);
    if (index > proof.pages.length) return noPage();
    const image = await proofPageImage(proof, index, width);
    const current = query.v === proof.key;
    return new Response(new Uint8Array(image), {
      headers: {
        "Content-Type": "image/png",
        "Content-Length": String(image.byteLength),
        "Cache-Control": current ? `${batch.state === "published" ? "public" : "private"}, max-age=31536000, immutable` : "private, no-store",
        ETag: `"${proof.key}-${index}-${width}"`,
      },
    });
  } catch (error) {
    if (error instanceof PdfUnavailable) return new Response(error.message, { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "3600" } });
    throw error;
  }
}
