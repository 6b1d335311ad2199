/**
 * Exports of a bulletin — Markdown, DOCX, PDF — from one rendering model, named like the printed
 * bulletin (第四批最佳实践案例.docx). A published bulletin never changes, so its exports are kept
 * in memory, keyed by batch, format and the number of errata (an erratum is part of every export);
 * a request for an export being generated waits for that same generation instead of starting
 * another. Unpublished batches (the publisher's proofs) are generated afresh every time.
 */
import { eq, sql } from "drizzle-orm";
import { batchErrata } from "#db/schema";
import { bulletinToMarkdown, escapeMarkdown } from "~/bulletin/markdown";
import { loadBulletin, type BatchRow } from "~/bulletin/bulletins.server";
import { BULLETIN_DOCUMENT_STRINGS, type BulletinErratum } from "~/bulletin/BulletinDocument";
import { renderBulletinDocx } from "~/bulletin/docx.server";
import { PdfUnavailable, renderBulletinPdf, type PdfResult } from "~/bulletin/pdf.server";
import { renderBulletinModel, type BulletinModel } from "~/bulletin/render-model";
import { EXPORT_FORMATS, exportFileName, type ExportFile, type ExportFormat } from "./export-formats";
import type { Executor } from "~/db/db.server";
import { formatDateTime } from "~/ui/format";
import { listErrata } from "./batches.server";

export { EXPORT_FORMATS, contentDisposition, exportFileName, isExportFormat, type ExportFile, type ExportFormat } from "./export-formats";

export type LoadedBulletin = {
  model: BulletinModel;
  errata: BulletinErratum[];
  markdown: () => string;
};

export async function loadBulletinDocument(db: Executor, batch: BatchRow): Promise<LoadedBulletin> {
  const [{ input, regionNames }, errataRows] = await Promise.all([loadBulletin(db, batch), listErrata(db, batch.id)]);
  const errata = errataRows.map((r) => ({ id: r.id, body: r.body, date: formatDateTime(r.createdAt, "date") }));
  return {
    model: renderBulletinModel(input, { regionNames }),
    errata,
    markdown: () => bulletinToMarkdown(input, { regionNames }) + errataMarkdown(errata),
  };
}

function errataMarkdown(errata: readonly BulletinErratum[]) {
  if (!errata.length) return "";
  const parts = [`## ${BULLETIN_DOCUMENT_STRINGS.errata}`];
  for (const e of errata) parts.push(`**${escapeMarkdown(BULLETIN_DOCUMENT_STRINGS.erratumDate(e.date))}**`, escapeMarkdown(e.body));
  return "\n" + parts.join("\n\n") + "\n";
}


/**
 * Published bulletins never change: their exports (and the PDF pagination the DOCX 目录 reuses)
 * are kept, keyed by batch id and the number of errata. Failed generations are not kept.
 */
const cache = new Map<string, Promise<unknown>>();
const CACHE_LIMIT = 24;

function cached<T>(key: string | null, make: () => Promise<T>): Promise<T> {
  if (key === null) return make();
  let entry = cache.get(key) as Promise<T> | undefined;
  if (!entry) {
    entry = make();
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
    while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  return entry;
}

/** The PDF and its pagination; the DOCX takes its 目录 page numbers from it. */
function pdfOf(key: string | null, doc: LoadedBulletin): Promise<PdfResult> {
  return cached(key && `${key}:pdf-render`, () => renderBulletinPdf(doc.model, { errata: doc.errata }));
}

async function docxPageNumbers(key: string | null, doc: LoadedBulletin): Promise<Record<string, number> | undefined> {
  try {
    return (await pdfOf(key, doc)).pageNumbers;
  } catch (error) {
    // No browser here: the DOCX 目录 is written without numbers, for Word to fill in.
    if (error instanceof PdfUnavailable) return undefined;
    throw error;
  }
}

/** The export of a batch in a format; cached when the batch is published. */
export async function exportBulletin(db: Executor, batch: BatchRow, format: ExportFormat): Promise<ExportFile> {
  const published = batch.state === "published";
  let key: string | null = null;
  if (published) {
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(batchErrata).where(eq(batchErrata.batchId, batch.id));
    key = `${batch.id}:${Number(n)}`;
  }
  return cached(key && `${key}:${format}`, async (): Promise<ExportFile> => {
    const doc = await loadBulletinDocument(db, batch);
    const body =
      format === "md"
        ? Buffer.from(doc.markdown(), "utf8")
        : format === "docx"
          ? await renderBulletinDocx(doc.model, { errata: doc.errata, pageNumbers: await docxPageNumbers(key, doc) })
          : (await pdfOf(key, doc)).pdf;
    return {
      body,
      contentType: EXPORT_FORMATS[format].contentType,
      fileName: exportFileName(batch.number, format, published),
      asciiName: `bulletin-${batch.number}${published ? "" : "-proof"}.${EXPORT_FORMATS[format].extension}`,
    };
  });
}

/** Drops one batch's cached exports (the `bulletin.export` job, once it has stored them). */
export function forgetExports(batchId: number) {
  for (const key of [...cache.keys()]) if (key.startsWith(`${batchId}:`)) cache.delete(key);
}

/** For tests: forget cached exports. */
export function clearExportCache() {
  cache.clear();
}
