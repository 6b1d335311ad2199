/**
 * The proof of a batch: its PDF as the publisher will publish it, page by page, so it can be
 * checked on the batch page without downloading. Who may see it is who may download the PDF:
 * anyone for a published bulletin, publishers for a batch not yet published.
 *
 * Proofs are kept by content (a hash of the rendered bulletin and its errata), so reloading the
 * page or scrolling the thumbnails never prints the bulletin again, and any edit makes a new proof.
 */
import { createHash } from "node:crypto";
import { renderPdfPage } from "~/bulletin/pdf-pages.server";
import { renderBulletinPdf } from "~/bulletin/pdf.server";
import type { BatchRow } from "~/bulletin/bulletins.server";
import type { Executor } from "~/db/db.server";
import { data, type AppLoadContext } from "@remix-run/node";
import { hasPermission } from "~/permissions/permissions";
import { requireUser } from "~/permissions/require.server";
import { batchErrors } from "./strings";
import { loadBulletinDocument } from "./exports.server";

/** Downloads and proofs: published for everyone, unpublished for those who compile batches. */
export function mayReadExports(user: Parameters<typeof hasPermission>[0], batch: BatchRow | null): batch is BatchRow {
  return !!batch && (batch.state === "published" || hasPermission(user, "batch:compile:any"));
}

/**
 * The loaders' guard: a published batch is public; for one not yet published the signed-in user
 * goes through requireUser (so a publisher who must still change a temporary password is sent to
 * /password first, issue #13) and needs the compile permission; anyone else gets a 404.
 */
export function requireExportReader(request: Request, context: AppLoadContext, batch: BatchRow | null): BatchRow {
  if (batch && batch.state !== "published" && context.auth?.user) requireUser(request, context);
  if (!mayReadExports(context.auth?.user, batch)) throw data({ message: batchErrors.notFound }, { status: 404 });
  return batch;
}

export type ProofPage = {
  /** 1-based, as a PDF viewer counts. */
  index: number;
  /** The printed page number ("— 3 —"), or null for the unnumbered cover, 前言 and 目录. */
  printed: number | null;
  /** Categories and cases that start on this page. */
  starts: { level: 1 | 2; text: string }[];
};

export type Proof = { key: string; pdf: Buffer; pages: ProofPage[] };

const proofs = new Map<string, Promise<Proof>>();
const images = new Map<string, Promise<Buffer>>();
const PROOF_LIMIT = 4;
const IMAGE_LIMIT = 400;

function remember<T>(map: Map<string, Promise<T>>, key: string, limit: number, make: () => Promise<T>): Promise<T> {
  let entry = map.get(key);
  if (!entry) {
    entry = make();
    map.set(key, entry);
    entry.catch(() => map.delete(key));
    while (map.size > limit) map.delete(map.keys().next().value!);
  }
  return entry;
}

/** The batch's proof: rendered once per content. Throws PdfUnavailable without a browser. */
export async function loadProof(db: Executor, batch: BatchRow): Promise<Proof> {
  const doc = await loadBulletinDocument(db, batch);
  const key = createHash("sha256")
    .update(JSON.stringify([batch.id, doc.model, doc.errata.map((e) => [e.body, e.date])]))
    .digest("hex")
    .slice(0, 20);
  return remember(proofs, key, PROOF_LIMIT, async () => {
    const result = await renderBulletinPdf(doc.model, { errata: doc.errata });
    const first = result.absolutePages["category-1"] ?? Infinity;
    const starts = new Map<number, ProofPage["starts"]>();
    for (const entry of doc.model.toc) {
      const page = result.absolutePages[entry.anchor];
      if (page !== undefined) starts.set(page, [...(starts.get(page) ?? []), { level: entry.level, text: entry.text }]);
    }
    const pages = Array.from({ length: result.pageCount }, (_, i) => ({
      index: i + 1,
      printed: i + 1 >= first ? i + 2 - first : null,
      starts: starts.get(i + 1) ?? [],
    }));
    return { key, pdf: result.pdf, pages };
  });
}

/** Page `index` of a proof as a PNG, `width` pixels wide (kept for the next request). */
export function proofPageImage(proof: Proof, index: number, width: number): Promise<Buffer> {
  return remember(images, `${proof.key}:${index}:${width}`, IMAGE_LIMIT, () => renderPdfPage(proof.pdf, index, width));
}

/** For tests: forget every proof. */
export function clearProofs() {
  proofs.clear();
  images.clear();
}
