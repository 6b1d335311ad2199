/**
 * A published bulletin's exports as stored by the `bulletin.export` job (export-job.server.ts),
 * and how the download route reads them: ready → the stored bytes; being made → wait briefly for
 * the job, then "正在生成" (503 with Retry-After); never generated on the request path.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { batchErrata, batches, bulletinExports } from "#db/schema";
import type { BatchRow } from "~/bulletin/bulletins.server";
import type { Executor } from "~/db/db.server";
import { rowsOf } from "~/db/db.server";
import { JOB_SCHEMA } from "~/jobs/boss.server";
import { EXPORT_FORMATS, exportFileName, type ExportFormat } from "./export-formats";
import { queueBulletinExport } from "./export-job.server";

/** A ready export carries its validators; its bytes are read only when asked (a 304 never reads them). */
export type StoredExport =
  | { status: "ready"; generatedAt: Date; etag: string; contentType: string; size: number; fileName: string; asciiName: string; readBody: () => Promise<Buffer> }
  | { status: "unavailable"; message: string }
  | { status: "pending" };

async function errataCountOf(db: Executor, batchId: number) {
  const [row] = await db.select({ n: count() }).from(batchErrata).where(eq(batchErrata.batchId, batchId));
  return Number(row?.n ?? 0);
}

/** Makes and stores every format of the batch's current edition that is not stored yet. */
export async function generateStoredExports(db: Executor, batchId: number) {
  const [batch] = await db.select().from(batches).where(eq(batches.id, batchId)).limit(1);
  if (!batch || batch.state !== "published") return { generated: [] as ExportFormat[] };
  const errataCount = await errataCountOf(db, batchId);
  const stored = await db
    .select({ format: bulletinExports.format })
    .from(bulletinExports)
    .where(and(eq(bulletinExports.batchId, batchId), eq(bulletinExports.errataCount, errataCount)));
  const have = new Set(stored.map((r) => r.format));
  // PDF before DOCX: the DOCX 目录 takes its page numbers from the PDF's pagination (shared in memory by exportBulletin).
  const todo = (["md", "pdf", "docx"] as const).filter((f) => !have.has(f));
  if (!todo.length) return { generated: [] as ExportFormat[] };
  const { exportBulletin, forgetExports } = await import("./exports.server");
  const { PdfUnavailable } = await import("~/bulletin/pdf.server");
  try {
    for (const format of todo) {
      let values: { body: Buffer | null; unavailable: string | null };
      try {
        values = { body: (await exportBulletin(db, batch, format)).body, unavailable: null };
      } catch (error) {
        if (!(error instanceof PdfUnavailable)) throw error;
        values = { body: null, unavailable: error.message };
      }
      const row = { ...values, errataCount, contentType: EXPORT_FORMATS[format].contentType, generatedAt: new Date() };
      await db
        .insert(bulletinExports)
        .values({ batchId, format, ...row })
        .onConflictDoUpdate({ target: [bulletinExports.batchId, bulletinExports.format], set: row });
    }
  } finally {
    forgetExports(batch.id);
  }
  return { generated: todo };
}

/** Is a `bulletin.export` job for this batch waiting or running? */
async function exportJobPending(db: Executor, batchId: number) {
  const rows = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from ${sql.raw(JOB_SCHEMA)}.job where name = 'bulletin.export' and singleton_key = ${`batch:${batchId}`} and state in ('created', 'retry', 'active')`,
    ),
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * The stored export of the batch's current edition, if there is one: one statement for its
 * validators and size (not the body, which may be megabytes), one more for the body when needed.
 */
export async function readStoredExport(db: Executor, batch: BatchRow, format: ExportFormat): Promise<StoredExport> {
  const [row] = await db
    .select({
      size: sql<number | null>`octet_length(${bulletinExports.body})`,
      unavailable: bulletinExports.unavailable,
      contentType: bulletinExports.contentType,
      generatedAt: bulletinExports.generatedAt,
      errataCount: bulletinExports.errataCount,
    })
    .from(bulletinExports)
    .where(
      and(
        eq(bulletinExports.batchId, batch.id),
        eq(bulletinExports.format, format),
        eq(bulletinExports.errataCount, sql`(select count(*)::int from ${batchErrata} where ${batchErrata.batchId} = ${batch.id})`),
      ),
    )
    .limit(1);
  if (!row) return { status: "pending" };
  if (row.size === null) return { status: "unavailable", message: row.unavailable ?? "" };
  const extension = EXPORT_FORMATS[format].extension;
  return {
    status: "ready",
    generatedAt: row.generatedAt,
    etag: `"b${batch.id}-${format}-e${row.errataCount}-${row.generatedAt.getTime().toString(36)}"`,
    contentType: row.contentType,
    size: Number(row.size),
    fileName: exportFileName(batch.number, format),
    asciiName: `bulletin-${batch.number}.${extension}`,
    readBody: async () => {
      const [found] = await db
        .select({ body: bulletinExports.body })
        .from(bulletinExports)
        .where(and(eq(bulletinExports.batchId, batch.id), eq(bulletinExports.format, format), eq(bulletinExports.errataCount, row.errataCount)))
        .limit(1);
      // Replaced between the two reads by a newer edition's job: the client simply asks again.
      if (!found?.body) throw new Error(`stored ${format} export of batch ${batch.id} is gone`);
      return found.body;
    },
  };
}

/**
 * For the download route: the stored export, waiting up to `waitMs` for a job that is making it.
 * With no job pending (a batch published before exports were stored) one is queued — at most one
 * waits per batch — and the answer is "pending".
 */
export async function storedExportFor(db: Executor, batch: BatchRow, format: ExportFormat, options: { waitMs?: number } = {}): Promise<StoredExport> {
  const deadline = Date.now() + (options.waitMs ?? 3_000);
  let first = true;
  for (;;) {
    const found = await readStoredExport(db, batch, format);
    if (found.status !== "pending") return found;
    if (first && !(await exportJobPending(db, batch.id))) await queueBulletinExport(db, batch.id);
    first = false;
    if (Date.now() >= deadline) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
}
