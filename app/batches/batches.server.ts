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
 */
import { queueBulletinExport } from "./export-job.server";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { batchCategories, batchErrata, batches, cases, categories, users } from "#db/schema";
import { queueAuditCheckpoint } from "~/audit/checkpoint-job.server";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { regionNameMap } from "~/bulletin/bulletins.server";
import { TransitionRefused, transitionCase } from "~/cases/transitions.server";
import { getDb, type Executor, type Transaction } from "~/db/db.server";
import { chineseNumeral } from "~/cases/content/numbering";
import type { RichText } from "~/cases/content/rich-text";
import {
  BATCH_STATE_LABELS,
  canEditBatchContent,
  decide,
  getBatchTransition,
  isBatchState,
  type BatchAction,
  type BatchState,
  type WorkflowActor,
} from "#workflows/batch";
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

const stateLabel = (state: string) => (isBatchState(state) ? BATCH_STATE_LABELS[state] : state);
const caseStateLabel = (state: string) => (isCaseState(state) ? CASE_STATE_LABELS[state] : state);

/** Strictly after the previous stamp, so two changes within one millisecond still differ. */
const nextStamp = (previous: Date) => new Date(Math.max(Date.now(), previous.getTime() + 1));

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

/** The page number of a list from `?page=`; anything else is page 1. */
export function batchListPage(url: URL) {
  const page = Number(url.searchParams.get("page"));
  return Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1;
}

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
    db
      .select({ id: cases.id, title: cases.title, categoryCode: cases.categoryCode, leadRegion: cases.leadRegion, updatedAt: cases.updatedAt })
      .from(cases)
      .where(and(eq(cases.state, "approved"), isNull(cases.batchId)))
      .orderBy(asc(cases.updatedAt), asc(cases.id)),
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
// Creating and editing

/** Serialises batch creation, so two publishers cannot both take the next number. */
const CREATE_LOCK_KEY = 0x6261746368; // "batch"

export async function createBatch(actor: WorkflowActor, auditActor: AuditActor, input: { title: string; preface: RichText[] }) {
  if (!actor.roles.includes("publisher")) throw new BatchRefused(e.notPublisher, 403, "forbidden-role");
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CREATE_LOCK_KEY})`);
    const open = await openBatch(tx);
    if (open) throw new BatchRefused(e.unpublishedExists(open.number), 409, "unpublished-exists");
    const number = await nextBatchNumber(tx);
    const now = new Date();
    const [row] = await tx
      .insert(batches)
      .values({ number, title: input.title, preface: input.preface, state: "compiling", createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning({ id: batches.id, number: batches.number });
    await recordAudit(tx, auditActor, {
      action: "batch.create",
      entityType: "batch",
      entityId: String(row.id),
      after: { number, title: input.title, state: "compiling", prefaceParagraphs: input.preface.length },
    });
    return row;
  });
}

async function lockBatch(tx: Transaction, number: number): Promise<BatchRow> {
  const [batch] = await tx.select().from(batches).where(eq(batches.number, number)).for("update").limit(1);
  if (!batch) throw new BatchRefused(e.notFound, 404, "not-found");
  return batch;
}

function checkToken(batch: BatchRow, token: string | null | undefined) {
  if (!token || token !== batchToken(batch)) throw new BatchRefused(e.stale, 409, "stale");
}

/**
 * Runs a content change of a compiling batch: lock, workflow check (publisher, state compiling),
 * token check, the change, positions normalised, the token bumped, one audit event.
 */
async function editBatch(
  actor: WorkflowActor,
  auditActor: AuditActor,
  request: { number: number; token: string | null | undefined },
  change: (tx: Transaction, batch: BatchRow) => Promise<{ audit: Record<string, unknown> } | null>,
) {
  return getDb().transaction(async (tx) => {
    const batch = await lockBatch(tx, request.number);
    if (!actor.roles.includes("publisher")) throw new BatchRefused(e.notPublisher, 403, "forbidden-role");
    if (!canEditBatchContent(actor, { state: batch.state as BatchState })) {
      throw new BatchRefused(e.locked(stateLabel(batch.state)), 409, "locked");
    }
    checkToken(batch, request.token);
    const outcome = await change(tx, batch);
    if (!outcome) return { token: batchToken(batch) };
    await normalizePositions(tx, batch.id);
    const updatedAt = nextStamp(batch.updatedAt);
    await tx.update(batches).set({ updatedAt }).where(eq(batches.id, batch.id));
    await recordAudit(tx, auditActor, { action: "batch.update", entityType: "batch", entityId: String(batch.id), after: { number: batch.number, ...outcome.audit } });
    return { token: updatedAt.toISOString() };
  });
}

export function updateBatchMeta(actor: WorkflowActor, auditActor: AuditActor, request: { number: number; token: string; title: string; preface: RichText[] }) {
  return editBatch(actor, auditActor, request, async (tx, batch) => {
    await tx.update(batches).set({ title: request.title, preface: request.preface }).where(eq(batches.id, batch.id));
    return {
      audit: {
        change: "meta",
        title: request.title,
        ...(batch.title !== request.title ? { previousTitle: batch.title } : {}),
        prefaceParagraphs: request.preface.length,
      },
    };
  });
}

async function requireCategory(tx: Transaction, code: string) {
  const [row] = await tx.select({ code: categories.code, active: categories.active }).from(categories).where(eq(categories.code, code)).limit(1);
  if (!row || !row.active) throw new BatchRefused(e.categoryNotFound, 400, "category-not-found");
  return row.code;
}

/** Adds the category to the batch (at the end) unless it is there already. */
async function ensureBatchCategory(tx: Transaction, batchId: number, code: string) {
  const rows = await tx.select({ code: batchCategories.categoryCode }).from(batchCategories).where(eq(batchCategories.batchId, batchId));
  if (rows.some((r) => r.code === code)) return;
  await tx.insert(batchCategories).values({ batchId, categoryCode: code, position: 1_000_000 });
}

const END = 1_000_000;

export function addCaseToBatch(
  actor: WorkflowActor,
  auditActor: AuditActor,
  request: { number: number; token: string; caseId: string; categoryCode?: string | null },
) {
  return editBatch(actor, auditActor, request, async (tx, batch) => {
    const [row] = await tx
      .select({ id: cases.id, title: cases.title, state: cases.state, batchId: cases.batchId, categoryCode: cases.categoryCode, version: cases.version })
      .from(cases)
      .where(eq(cases.id, request.caseId))
      .for("update")
      .limit(1);
    if (!row) throw new BatchRefused(e.caseNotFound, 404, "case-not-found");
    if (row.batchId !== null) {
      const [other] = await tx.select({ number: batches.number }).from(batches).where(eq(batches.id, row.batchId));
      throw new BatchRefused(e.caseInOtherBatch(row.title, other?.number ?? batch.number), 409, "case-in-batch");
    }
    if (row.state !== "approved") throw new BatchRefused(e.caseNotApproved(row.title, caseStateLabel(row.state)), 409, "case-not-approved");
    const categoryCode = await requireCategory(tx, request.categoryCode || row.categoryCode);
    await ensureBatchCategory(tx, batch.id, categoryCode);
    await tx.update(cases).set({ batchId: batch.id, batchCategoryCode: categoryCode, batchPosition: END }).where(eq(cases.id, row.id));
    return { audit: { change: "add-case", caseId: row.id, title: row.title, version: row.version, category: categoryCode } };
  });
}

async function caseInBatch(tx: Transaction, batchId: number, caseId: string) {
  const [row] = await tx
    .select({ id: cases.id, title: cases.title, categoryCode: cases.batchCategoryCode, position: cases.batchPosition })
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.batchId, batchId)))
    .limit(1);
  if (!row) throw new BatchRefused(e.caseNotInBatch, 404, "case-not-in-batch");
  return row;
}

export function removeCaseFromBatch(actor: WorkflowActor, auditActor: AuditActor, request: { number: number; token: string; caseId: string }) {
  return editBatch(actor, auditActor, request, async (tx, batch) => {
    const row = await caseInBatch(tx, batch.id, request.caseId);
    await tx.update(cases).set({ batchId: null, batchCategoryCode: null, batchPosition: null }).where(eq(cases.id, row.id));
    return { audit: { change: "remove-case", caseId: row.id, title: row.title } };
  });
}

export type Direction = "up" | "down";

export function moveCaseInBatch(actor: WorkflowActor, auditActor: AuditActor, request: { number: number; token: string; caseId: string; direction: Direction }) {
  return editBatch(actor, auditActor, request, async (tx, batch) => {
    const row = await caseInBatch(tx, batch.id, request.caseId);
    const siblings = await tx
      .select({ id: cases.id, position: cases.batchPosition })
      .from(cases)
      .where(and(eq(cases.batchId, batch.id), eq(cases.batchCategoryCode, row.categoryCode!)))
      .orderBy(asc(cases.batchPosition), asc(cases.title));
    const i = siblings.findIndex((s) => s.id === row.id);
    const j = request.direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= siblings.length) return null;
    // Write the new order as a whole: positions 0..n-1.
    [siblings[i], siblings[j]] = [siblings[j], siblings[i]];
    for (const [position, s] of siblings.entries()) await tx.update(cases).set({ batchPosition: position }).where(eq(cases.id, s.id));
    return { audit: { change: `move-case-${request.direction}`, caseId: row.id, title: row.title, position: j } };
  });
}

export function moveCategoryInBatch(
  actor: WorkflowActor,
  auditActor: AuditActor,
  request: { number: number; token: string; categoryCode: string; direction: Direction },
) {
  return editBatch(actor, auditActor, request, async (tx, batch) => {
    const rows = await tx
      .select({ code: batchCategories.categoryCode })
      .from(batchCategories)
      .where(eq(batchCategories.batchId, batch.id))
      .orderBy(asc(batchCategories.position));
    const i = rows.findIndex((r) => r.code === request.categoryCode);
    if (i < 0) throw new BatchRefused(e.categoryNotInBatch, 404, "category-not-in-batch");
    const j = request.direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= rows.length) return null;
    [rows[i], rows[j]] = [rows[j], rows[i]];
    for (const [position, r] of rows.entries()) {
      await tx.update(batchCategories).set({ position }).where(and(eq(batchCategories.batchId, batch.id), eq(batchCategories.categoryCode, r.code)));
    }
    return { audit: { change: `move-category-${request.direction}`, category: request.categoryCode, position: j } };
  });
}

export function setCaseCategory(
  actor: WorkflowActor,
  auditActor: AuditActor,
  request: { number: number; token: string; caseId: string; categoryCode: string },
) {
  return editBatch(actor, auditActor, request, async (tx, batch) => {
    const row = await caseInBatch(tx, batch.id, request.caseId);
    const categoryCode = await requireCategory(tx, request.categoryCode);
    if (categoryCode === row.categoryCode) return null;
    await ensureBatchCategory(tx, batch.id, categoryCode);
    await tx.update(cases).set({ batchCategoryCode: categoryCode, batchPosition: END }).where(eq(cases.id, row.id));
    return { audit: { change: "set-category", caseId: row.id, title: row.title, from: row.categoryCode, category: categoryCode } };
  });
}

/**
 * Positions 0..n-1 for the categories of the batch and for the cases within each category,
 * keeping the current order; categories left without cases are dropped from the batch.
 */
async function normalizePositions(tx: Transaction, batchId: number) {
  const [categoryRows, caseRows] = await Promise.all([
    tx.select({ code: batchCategories.categoryCode, position: batchCategories.position }).from(batchCategories).where(eq(batchCategories.batchId, batchId)).orderBy(asc(batchCategories.position)),
    tx.select({ id: cases.id, code: cases.batchCategoryCode, position: cases.batchPosition }).from(cases).where(eq(cases.batchId, batchId)).orderBy(asc(cases.batchPosition), asc(cases.title)),
  ]);
  const used = new Set(caseRows.map((c) => c.code));
  const empty = categoryRows.filter((c) => !used.has(c.code)).map((c) => c.code);
  if (empty.length) await tx.delete(batchCategories).where(and(eq(batchCategories.batchId, batchId), inArray(batchCategories.categoryCode, empty)));
  for (const [position, cat] of categoryRows.filter((c) => used.has(c.code)).entries()) {
    if (cat.position !== position) {
      await tx.update(batchCategories).set({ position }).where(and(eq(batchCategories.batchId, batchId), eq(batchCategories.categoryCode, cat.code)));
    }
    for (const [p, c] of caseRows.filter((c) => c.code === cat.code).entries()) {
      if (c.position !== p) await tx.update(cases).set({ batchPosition: p }).where(eq(cases.id, c.id));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Workflow: freeze, unfreeze, publish

export type BatchTransitionResult = { from: BatchState; to: BatchState; token: string; publishedCases?: { id: string; version: number }[] };

/**
 * Fires a transition of workflows/batch.ts. Publishing moves every case of the batch
 * approved → published through the case workflow (`transitionCase` in this same transaction, one
 * audit event each), pins each case's content version, and refuses — writing nothing — when any
 * case is no longer approved, naming it.
 */
export async function transitionBatch(
  actor: WorkflowActor,
  auditActor: AuditActor,
  request: { number: number; token: string | null | undefined; action: BatchAction | (string & {}) },
  /** Check everything, write nothing: for the confirmation step of publishing (nobody confirms what would be refused). */
  options: { dryRun?: boolean } = {},
): Promise<BatchTransitionResult> {
  return getDb().transaction(async (tx) => {
    const batch = await lockBatch(tx, request.number);
    const members = await tx
      .select({ id: cases.id, title: cases.title, state: cases.state, version: cases.version })
      .from(cases)
      .where(eq(cases.batchId, batch.id))
      .orderBy(asc(cases.batchCategoryCode), asc(cases.batchPosition));
    const state = (isBatchState(batch.state) ? batch.state : "compiling") as BatchState;
    const verdict = decide(actor, { state, caseCount: members.length }, request.action);
    if (!verdict.ok) {
      const status = verdict.code === "forbidden-role" ? 403 : verdict.code === "wrong-state" || verdict.code === "guard" ? 409 : 400;
      throw new BatchRefused(verdict.message, status, verdict.code);
    }
    checkToken(batch, request.token);
    const now = nextStamp(batch.updatedAt);
    let publishedCases: { id: string; version: number }[] | undefined;

    if (verdict.action === "publish") {
      const notApproved = members.filter((c) => c.state !== "approved");
      if (notApproved.length) {
        throw new BatchRefused(e.notApprovedAtPublish(notApproved.map((c) => `“${c.title}”（${caseStateLabel(c.state)}）`)), 409, "case-not-approved");
      }
    }
    if (options.dryRun) return { from: state, to: verdict.to, token: batchToken(batch) };
    if (verdict.action === "publish") {
      publishedCases = [];
      for (const c of members) {
        try {
          const moved = await transitionCase(actor, auditActor, { caseId: c.id, action: "publish", expectedState: "approved", expectedVersion: c.version }, tx);
          publishedCases.push({ id: c.id, version: moved.version });
        } catch (error) {
          if (error instanceof TransitionRefused) throw new BatchRefused(`“${c.title}”：${error.message}`, error.status, "case-refused");
          throw error;
        }
      }
      // Pin the exact content each case is published with.
      await tx.update(cases).set({ publishedVersion: sql`${cases.version}` }).where(eq(cases.batchId, batch.id));
      // Its Markdown/DOCX/PDF are made once, by a job that exists only if this commits.
      await queueBulletinExport(tx, batch.id);
    }

    await tx
      .update(batches)
      .set({ state: verdict.to, updatedAt: now, ...(verdict.to === "published" ? { publishedAt: now } : {}) })
      .where(eq(batches.id, batch.id));
    const transition = getBatchTransition(verdict.action);
    await recordAudit(tx, auditActor, {
      action: `batch.${verdict.action}`,
      entityType: "batch",
      entityId: String(batch.id),
      before: { state: batch.state },
      after: {
        number: batch.number,
        state: verdict.to,
        label: transition.timelineLabel,
        // freeze snapshots what is being proofread; publish records the pinned versions.
        cases: (publishedCases ?? members).map((c) => ({ id: c.id, version: c.version })),
      },
    });
    // Every publication anchors the audit chain: a signed checkpoint (when AUDIT_SIGNING_KEY is
    // set), made by a job once this transaction has committed.
    if (verdict.to === "published") await queueAuditCheckpoint(tx);
    return { from: verdict.from, to: verdict.to, token: now.toISOString(), publishedCases };
  });
}

// ---------------------------------------------------------------------------------------------
// Errata

export async function addErratum(actor: WorkflowActor, auditActor: AuditActor, request: { number: number; body: string }) {
  if (!actor.roles.includes("publisher")) throw new BatchRefused(e.notPublisher, 403, "forbidden-role");
  return getDb().transaction(async (tx) => {
    const batch = await lockBatch(tx, request.number);
    if (batch.state !== "published") throw new BatchRefused(e.erratumNotPublished, 409, "not-published");
    const [row] = await tx.insert(batchErrata).values({ batchId: batch.id, body: request.body, createdBy: actor.id }).returning({ id: batchErrata.id });
    await recordAudit(tx, auditActor, {
      action: "batch.erratum",
      entityType: "batch",
      entityId: String(batch.id),
      after: { number: batch.number, erratumId: row.id, body: request.body },
    });
    // The erratum is part of every export: a new edition of the stored files.
    await queueBulletinExport(tx, batch.id);
    return row;
  });
}
