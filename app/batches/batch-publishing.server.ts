/**
 * The batch workflow (workflows/batch.ts): freezing for proofreading, unfreezing, publishing —
 * which publishes every case of the batch in the same transaction and queues its exports and an
 * audit checkpoint — and errata of a published batch.
 */
import { asc, eq, sql } from "drizzle-orm";
import { batchErrata, batches, cases } from "#db/schema";
import { queueAuditCheckpoint } from "~/audit/checkpoint-job.server";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { TransitionRefused, transitionCase } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { decide, getBatchTransition, isBatchState, type BatchAction, type BatchState, type WorkflowActor } from "#workflows/batch";
import { BatchRefused, batchToken, caseStateLabel, checkToken, lockBatch, nextStamp } from "./batches.server";
import { queueBulletinExport } from "./export-job.server";
import { batchErrors as e } from "./strings";

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
