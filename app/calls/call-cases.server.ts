/** The cases of a call: listing them and putting a region's case under a call. */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { callRegions, calls, cases, categories } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { serverNow } from "~/clock.server";
import { getDb, type Executor, type Transaction } from "~/db/db.server";
import { effectiveCallState, isCallState } from "#workflows/call";
import type { WorkflowActor } from "#workflows/shared";
import { CallRefused, canSeeCall } from "./access";
import { callStrings as t } from "./strings";

export async function callCases(db: Executor, callId: number, user: WorkflowActor) {
  const seesAll = canSeeCall(user, []);
  const rows = await db
    .select({ id: cases.id, title: cases.title, state: cases.state, leadRegion: cases.leadRegion, submittedAt: cases.submittedAt })
    .from(cases)
    .where(eq(cases.callId, callId))
    .orderBy(asc(cases.leadRegion), asc(cases.title));
  return seesAll ? rows : rows.filter((r) => user.regions.includes(r.leadRegion));
}

/** The submitter's own-region cases that could answer the call (draft or returned, not yet attached). */
export async function attachableCases(db: Executor, callId: number, user: WorkflowActor) {
  if (user.regions.length === 0) return [];
  return db
    .select({ id: cases.id, title: cases.title, state: cases.state })
    .from(cases)
    .where(
      and(
        inArray(cases.leadRegion, user.regions),
        inArray(cases.state, ["draft", "changes_requested"]),
        sql`(${cases.callId} is null or ${cases.callId} <> ${callId})`,
      ),
    )
    .orderBy(desc(cases.updatedAt))
    .limit(100);
}

/** A submitter puts one of their region's cases under the call (refused once the call is over). */
export async function attachCase(actor: WorkflowActor, auditActor: AuditActor, callId: number, caseId: string, now = serverNow()) {
  // Case ids are UUIDs: anything else (empty, NUL bytes …) names no case.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caseId)) throw new CallRefused(t.caseNotFound, 404, "caseId");
  return getDb().transaction((tx) => attachCaseIn(tx, actor, auditActor, callId, caseId, now));
}

/** attachCase inside the caller's transaction (a case created under a call: both or neither). */
export async function attachCaseIn(tx: Transaction, actor: WorkflowActor, auditActor: AuditActor, callId: number, caseId: string, now = serverNow()) {
  const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).for("update").limit(1);
  if (!call) throw new CallRefused(t.notFound, 404);
  const invited = (await tx.select({ code: callRegions.regionCode }).from(callRegions).where(eq(callRegions.callId, callId))).map((r) => r.code);
  if (!canSeeCall(actor, invited)) throw new CallRefused(t.notFound, 404);
  if (!actor.roles.includes("submitter")) throw new CallRefused(t.caseNotYours, 403);
  const [row] = await tx.select({ id: cases.id, leadRegion: cases.leadRegion, state: cases.state, callId: cases.callId, title: cases.title, categoryCode: cases.categoryCode }).from(cases).where(eq(cases.id, caseId)).for("update").limit(1);
  if (!row) throw new CallRefused(t.caseNotFound, 404, "caseId");
  if (!actor.regions.includes(row.leadRegion)) throw new CallRefused(t.caseNotYours, 403, "caseId");
  if (!invited.includes(row.leadRegion)) throw new CallRefused(t.regionNotInvited, 403, "caseId");
  if (row.callId === callId) throw new CallRefused(t.caseInCall, 409, "caseId");
  if (!["draft", "changes_requested"].includes(row.state)) throw new CallRefused(t.caseNotAttachable, 409, "caseId");
  const state = effectiveCallState({ state: isCallState(call.state) ? call.state : "open", deadline: call.deadline }, now);
  if (state !== "open") throw new CallRefused(t.callNotOpen(call.title), 409, "caseId");
  // The call's categories bind its cases (checked again when the case is submitted).
  const asked = Array.isArray(call.categories) ? (call.categories as string[]) : [];
  if (asked.length && !asked.includes(row.categoryCode)) {
    const names = await tx.select({ name: categories.name }).from(categories).where(inArray(categories.code, asked)).orderBy(asc(categories.sortOrder));
    throw new CallRefused(t.categoryNotAsked(names.map((n) => n.name)), 409, "caseId");
  }
  await tx.update(cases).set({ callId }).where(eq(cases.id, caseId));
  await recordAudit(tx, auditActor, { action: "case.attach_call", entityType: "case", entityId: caseId, before: { call: row.callId }, after: { call: callId, callTitle: call.title } });
}
