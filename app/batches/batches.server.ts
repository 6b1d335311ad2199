/**
 * Compiling and publishing a bulletin (批次公报): the publisher starts the next batch, adds
 * approved cases, groups them under categories and orders both, freezes the batch for
 * proofreading (unfreezing if needed) and publishes it; a published bulletin never changes, a
 * correction is an erratum note.
 *
 * Every mutation runs in one transaction that locks the batch row (`FOR UPDATE`), checks the
 * batch workflow (workflows/batch.ts: `canEditBatchContent`, `decide`) and the version of the
 * batch the user saw: `batches.updated_at` as an ISO string, sent back by every form as `token`
 * and bumped by every change, so a page that is out of date gets a 409 rather than a silent win.
 *
 * This module: the batch's shape, reading it, and the lock and token every change uses. Changes
 * to a compiling batch are in batch-editing.server.ts; freeze, publish and errata in
 * batch-publishing.server.ts.
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { batchCategories, batchErrata, batches, cases, categories, users } from "#db/schema";
import { regionNameMap } from "~/bulletin/bulletins.server";
import type { Executor, Transaction } from "~/db/db.server";
import { chineseNumeral } from "~/cases/content/numbering";
import { BATCH_STATE_LABELS, isBatchState } from "#workflows/batch";
import { CASE_STATE_LABELS, isCaseState } from "#workflows/case-review";
import { batchErrors as e } from "./strings";

export type BatchRow = typeof batches.$inferSelect;

export class BatchRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
  ) {
    super(message);
  }
}

/** "国家服务业扩大开放综合试点示范建设 第四批最佳实践案例" */
export const defaultBatchTitle = (n: number) => `国家服务业扩大开放综合试点示范建设 第${chineseNumeral(n)}批最佳实践案例`;

/** The optimistic-concurrency token of a batch: the instant of its last change. */
export const batchToken = (batch: Pick<BatchRow, "updatedAt">) => batch.updatedAt.toISOString();

export const stateLabel = (state: string) => (isBatchState(state) ? BATCH_STATE_LABELS[state] : state);
export const caseStateLabel = (state: string) => (isCaseState(state) ? CASE_STATE_LABELS[state] : state);

/** Strictly after the previous stamp, so two changes within one millisecond still differ. */
export const nextStamp = (previous: Date) => new Date(Math.max(Date.now(), previous.getTime() + 1));

export async function nextBatchNumber(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${batches.number}), 0)::int` }).from(batches);
  return Number(row?.n ?? 0) + 1;
}

/** The batch still being compiled or proofread, if any (there is at most one). */
export async function openBatch(db: Executor) {
  const [row] = await db
    .select({ number: batches.number })
    .from(batches)
    .where(sql`${batches.state} <> 'published'`)
    .orderBy(asc(batches.number))
    .limit(1);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Batches, newest first, with their case counts. (The subquery names `batches.id` in full: a bare
 * "id" inside it would mean `cases.id`.)
 */
export async function listAllBatches(db: Executor, options: { publishedOnly?: boolean } = {}) {
  return batchListQuery(db, options);
}

function batchListQuery(db: Executor, options: { publishedOnly?: boolean }) {
  const q = db
    .select({
      number: batches.number,
      title: batches.title,
      state: batches.state,
      publishedAt: batches.publishedAt,
      updatedAt: batches.updatedAt,
      caseCount: sql<number>`(select count(*)::int from cases c where c.batch_id = "batches"."id")`,
    })
    .from(batches)
    .where(options.publishedOnly ? eq(batches.state, "published") : undefined)
    .orderBy(desc(batches.number));
  return q;
}

/** Batches per page of /batches and /bulletins. */
export const BATCH_LIST_PAGE_SIZE = 30;

/** One page of the batches, newest first, and whether another follows (issue #7: every list is paginated). */
export async function listBatchPage(db: Executor, options: { publishedOnly?: boolean; page: number }) {
  const rows = await batchListQuery(db, options)
    .offset((options.page - 1) * BATCH_LIST_PAGE_SIZE)
    .limit(BATCH_LIST_PAGE_SIZE + 1);
  return { rows: rows.slice(0, BATCH_LIST_PAGE_SIZE), hasMore: rows.length > BATCH_LIST_PAGE_SIZE };
}

export async function listErrata(db: Executor, batchId: number) {
  return db
    .select({ id: batchErrata.id, body: batchErrata.body, createdAt: batchErrata.createdAt, author: users.displayName })
    .from(batchErrata)
    .leftJoin(users, eq(users.id, batchErrata.createdBy))
    .where(eq(batchErrata.batchId, batchId))
    .orderBy(asc(batchErrata.id));
}

/** Approved cases not yet in a batch, oldest approval first: the batch page's candidates (and the publisher's dashboard). */
export function approvedCandidates(db: Executor, limit?: number) {
  const q = db
    .select({ id: cases.id, title: cases.title, categoryCode: cases.categoryCode, leadRegion: cases.leadRegion, updatedAt: cases.updatedAt })
    .from(cases)
    .where(APPROVED_UNBATCHED)
    .orderBy(asc(cases.updatedAt), asc(cases.id));
  return limit === undefined ? q : q.limit(limit);
}

export const APPROVED_UNBATCHED = and(eq(cases.state, "approved"), isNull(cases.batchId));

/** Everything the compile page shows: the batch, its categories and cases in order, the cases that may be added. */
export async function loadCompileView(db: Executor, number: number) {
  const [batch] = await db.select().from(batches).where(eq(batches.number, number)).limit(1);
  if (!batch) return null;
  const [categoryRows, caseRows, candidateRows, allCategories, regionNames, errata] = await Promise.all([
    db
      .select({ code: batchCategories.categoryCode, name: categories.name, position: batchCategories.position })
      .from(batchCategories)
      .innerJoin(categories, eq(categories.code, batchCategories.categoryCode))
      .where(eq(batchCategories.batchId, batch.id))
      .orderBy(asc(batchCategories.position)),
    db
      .select({
        id: cases.id,
        title: cases.title,
        state: cases.state,
        version: cases.version,
        publishedVersion: cases.publishedVersion,
        leadRegion: cases.leadRegion,
        categoryCode: cases.batchCategoryCode,
        position: cases.batchPosition,
      })
      .from(cases)
      .where(eq(cases.batchId, batch.id))
      .orderBy(asc(cases.batchPosition), asc(cases.title)),
    approvedCandidates(db),
    db
      .select({ code: categories.code, name: categories.name, active: categories.active })
      .from(categories)
      .orderBy(asc(categories.sortOrder), asc(categories.name)),
    regionNameMap(db),
    listErrata(db, batch.id),
  ]);
  const categoryName = new Map(allCategories.map((c) => [c.code, c.name]));
  return {
    batch,
    token: batchToken(batch),
    categories: categoryRows.map((cat) => ({
      ...cat,
      cases: caseRows
        .filter((c) => c.categoryCode === cat.code)
        .map((c) => ({ ...c, leadRegionName: regionNames[c.leadRegion] ?? c.leadRegion, stateLabel: caseStateLabel(c.state) })),
    })),
    caseCount: caseRows.length,
    candidates: candidateRows.map((c) => ({
      ...c,
      categoryName: categoryName.get(c.categoryCode) ?? c.categoryCode,
      leadRegionName: regionNames[c.leadRegion] ?? c.leadRegion,
    })),
    categoryOptions: allCategories.filter((c) => c.active).map((c) => ({ code: c.code, name: c.name })),
    errata,
  };
}

// ---------------------------------------------------------------------------------------------
// Shared by the editing and publishing modules (batch-editing.server.ts, batch-publishing.server.ts)

/** Locks the batch row for the transaction (FOR UPDATE); 404 when there is no such batch. */
export async function lockBatch(tx: Transaction, number: number): Promise<BatchRow> {
  const [batch] = await tx.select().from(batches).where(eq(batches.number, number)).for("update").limit(1);
  if (!batch) throw new BatchRefused(e.notFound, 404, "not-found");
  return batch;
}

/** A 409 unless the page was made from the batch as it is now (its `token`). */
export function checkToken(batch: BatchRow, token: string | null | undefined) {
  if (!token || token !== batchToken(batch)) throw new BatchRefused(e.stale, 409, "stale");
}
