/**
 * Creating a batch and changing a compiling one: title and preface, its cases, their categories
 * and order. Every change runs in one transaction that locks the batch, checks the workflow
 * (`canEditBatchContent`) and the token the page was made from, then bumps the token and records
 * one audit event (`editBatch`).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { batchCategories, batches, cases, categories } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { getDb, type Transaction } from "~/db/db.server";
import type { RichText } from "~/cases/content/rich-text";
import { canEditBatchContent, type BatchState, type WorkflowActor } from "#workflows/batch";
import { BatchRefused, batchToken, caseStateLabel, checkToken, lockBatch, nextBatchNumber, nextStamp, openBatch, stateLabel, type BatchRow } from "./batches.server";
import { batchErrors as e } from "./strings";

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
