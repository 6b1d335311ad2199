import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { batches, callRegions, calls, cases, categories, regions } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { getDb, type Executor } from "~/db/db.server";
import { queueEmailJobs } from "~/notifications/email.server";
import { insertNotifications } from "~/notifications/notifications.server";
import { leadRegionSubmitters } from "~/cases/transitions.server";
import { formatDateTime } from "~/ui/format";
import { serverNow } from "~/clock.server";
import { availableCallActions, CALL_OPENER_ROLES, CALL_STATE_LABELS, decide, effectiveCallState, isCallState, type CallState } from "#workflows/call";
import type { WorkflowActor } from "#workflows/shared";
import { addCaseToBatch, createBatch } from "~/batches/batch-editing.server";
import { BatchRefused, batchToken, defaultBatchTitle, nextBatchNumber } from "~/batches/batches.server";
import { CallRefused, canSeeCall } from "./access";
import { attachableCases, callCases } from "./call-cases.server";
import { callStrings as t } from "./strings";

export type CallRow = typeof calls.$inferSelect;
export type CallInput = { title: string; notice: string; deadline: Date; categories: string[]; regions: { code: string; quota: number | null }[]; remindDaysBefore: number };

export async function openCall(actor: WorkflowActor, auditActor: AuditActor, input: CallInput, now = serverNow()) {
  if (!actor.roles.some((r) => CALL_OPENER_ROLES.includes(r))) throw new CallRefused(t.forbidden, 403);
  if (input.deadline.getTime() <= now.getTime()) throw new CallRefused(t.deadlinePast, 400, "deadline");
  const db = getDb();
  const result = await db.transaction(async (tx) => {
    const known = await tx.select({ code: regions.code }).from(regions).where(and(inArray(regions.code, input.regions.map((r) => r.code)), eq(regions.active, true)));
    if (known.length !== input.regions.length) throw new CallRefused(t.regionUnknown, 400, "regions");
    if (input.categories.length) {
      const cats = await tx.select({ code: categories.code }).from(categories).where(inArray(categories.code, input.categories));
      if (cats.length !== input.categories.length) throw new CallRefused(t.categoryUnknown, 400, "categories");
    }
    const [row] = await tx
      .insert(calls)
      .values({
        title: input.title,
        notice: input.notice,
        categories: input.categories,
        deadline: input.deadline,
        originalDeadline: input.deadline,
        remindDaysBefore: input.remindDaysBefore,
        state: "open",
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: calls.id });
    await tx.insert(callRegions).values(input.regions.map((r) => ({ callId: row.id, regionCode: r.code, quota: r.quota })));
    const recipients = new Set<string>();
    for (const r of input.regions) for (const u of await leadRegionSubmitters(tx, r.code)) recipients.add(u.id);
    const emails = await insertNotifications(
      tx,
      [...recipients].map((userId) => ({ userId, kind: "call.open", caseId: null, message: () => t.openedMessage(input.title, input.deadline) })),
    );
    await recordAudit(tx, auditActor, {
      action: "call.open",
      entityType: "call",
      entityId: String(row.id),
      after: { title: input.title, deadline: formatDateTime(input.deadline), categories: input.categories, regionsInvited: input.regions.map((r) => r.code), quota: quotaText(input.regions) },
    });
    await queueEmailJobs(tx, emails);
    return { id: row.id };
  });
  return result.id;
}

function quotaText(rs: { code: string; quota: number | null }[]) {
  return rs.filter((r) => r.quota !== null).map((r) => `${r.code}:${r.quota}`);
}

export async function getCall(db: Executor, id: number) {
  const [row] = await db.select().from(calls).where(eq(calls.id, id)).limit(1);
  if (!row) return null;
  const invited = await db
    .select({ code: callRegions.regionCode, quota: callRegions.quota, name: regions.name })
    .from(callRegions)
    .innerJoin(regions, eq(regions.code, callRegions.regionCode))
    .where(eq(callRegions.callId, id))
    .orderBy(asc(regions.sortOrder), asc(regions.code));
  return { ...row, state: (isCallState(row.state) ? row.state : "open") as CallState, categories: (row.categories as string[]) ?? [], invited };
}

export type CallSummary = { id: number; title: string; deadline: Date; state: CallState; stateLabel: string; regions: string[] };

/** Calls visible to `user`, newest deadline first; `openOnly` for the dashboard. */
export async function listCalls(db: Executor, user: WorkflowActor, now: Date, options: { openOnly?: boolean } = {}): Promise<CallSummary[]> {
  const seesAll = canSeeCall(user, []);
  const rows = await db
    .select({ id: calls.id, title: calls.title, deadline: calls.deadline, state: calls.state, regions: sql<string[]>`array_agg(${callRegions.regionCode} order by ${callRegions.regionCode})` })
    .from(calls)
    .innerJoin(callRegions, eq(callRegions.callId, calls.id))
    .groupBy(calls.id)
    .orderBy(desc(calls.deadline), desc(calls.id));
  return rows
    .map((r) => {
      const state = effectiveCallState({ state: isCallState(r.state) ? r.state : "open", deadline: r.deadline }, now);
      return { id: r.id, title: r.title, deadline: r.deadline, state, stateLabel: CALL_STATE_LABELS[state], regions: r.regions };
    })
    .filter((c) => (seesAll || user.regions.some((r) => c.regions.includes(r))) && (!options.openOnly || c.state === "open"));
}

export type RegionProgress = {
  code: string;
  name: string;
  quota: number | null;
  drafts: number;
  submitted: number;
  inReview: number;
  changesRequested: number;
  approved: number;
  late: number;
};

/** Per invited region: the call's cases by state, approved vs quota, late submissions. */
export async function callProgress(db: Executor, call: NonNullable<Awaited<ReturnType<typeof getCall>>>): Promise<RegionProgress[]> {
  const rows = await db
    .select({
      region: cases.leadRegion,
      state: cases.state,
      n: count(),
      late: sql<number>`count(*) filter (where ${cases.submittedAt} > ${call.originalDeadline.toISOString()}::timestamptz)`.mapWith(Number),
    })
    .from(cases)
    .where(eq(cases.callId, call.id))
    .groupBy(cases.leadRegion, cases.state);
  return call.invited.map((r) => {
    const of = (state: string) => rows.filter((x) => x.region === r.code && x.state === state).reduce((a, x) => a + x.n, 0);
    return {
      code: r.code,
      name: r.name,
      quota: r.quota,
      drafts: of("draft"),
      submitted: of("submitted"),
      inReview: of("in_review"),
      changesRequested: of("changes_requested"),
      approved: of("approved") + of("published"),
      late: rows.filter((x) => x.region === r.code && x.state !== "draft").reduce((a, x) => a + x.late, 0),
    };
  });
}

/** close / extend: a workflow transition with the version as concurrency token. */
export async function transitionCall(
  actor: WorkflowActor,
  auditActor: AuditActor,
  request: { callId: number; action: string; expectedVersion: number; deadline?: Date | null },
  now = serverNow(),
) {
  await getDb().transaction(async (tx) => {
    const call = await getCall(tx, request.callId);
    if (!call) throw new CallRefused(t.notFound, 404);
    if (call.version !== request.expectedVersion) throw new CallRefused(t.stale, 409);
    const approved = await approvedCaseIds(tx, call.id);
    const verdict = decide(actor, { state: call.state, deadline: call.deadline, approvedCount: approved.length }, request.action, now, { deadline: request.deadline });
    if (!verdict.ok) throw new CallRefused(verdict.message, verdict.code === "forbidden-role" ? 403 : verdict.code === "guard" && verdict.guard === "later-deadline" ? 400 : 409, verdict.guard === "later-deadline" ? "deadline" : undefined);
    if (verdict.action === "compile") throw new CallRefused("compile goes through compileCall", 400);
    const deadline = verdict.action === "extend" && request.deadline ? request.deadline : verdict.action === "close" ? now : call.deadline;
    await tx.update(calls).set({ state: verdict.to, deadline, version: call.version + 1, updatedAt: now }).where(and(eq(calls.id, call.id), eq(calls.version, call.version)));
    let emails: Awaited<ReturnType<typeof insertNotifications>> = [];
    if (verdict.effects.includes("notify-regions")) {
      const recipients = new Set<string>();
      for (const r of call.invited) for (const u of await leadRegionSubmitters(tx, r.code)) recipients.add(u.id);
      emails = await insertNotifications(tx, [...recipients].map((userId) => ({ userId, kind: `call.${verdict.action}`, caseId: null, message: () => t.extendedMessage(call.title, deadline) })));
    }
    await recordAudit(tx, auditActor, {
      action: `call.${verdict.action}`,
      entityType: "call",
      entityId: String(call.id),
      before: { state: effectiveCallState(call, now), deadline: formatDateTime(call.deadline) },
      after: { state: verdict.to, deadline: formatDateTime(deadline) },
    });
    await queueEmailJobs(tx, emails);
  });
}

export async function approvedCaseIds(db: Executor, callId: number) {
  const rows = await db.select({ id: cases.id }).from(cases).where(and(eq(cases.callId, callId), eq(cases.state, "approved"), sql`${cases.batchId} is null`)).orderBy(asc(cases.submittedAt), asc(cases.id));
  return rows.map((r) => r.id);
}

/**
 * Compiles the call into the next batch in one step: a new batch with the call's approved cases as
 * its content, the call marked compiled. Refused (nothing written) when the workflow says no or a
 * batch is already being compiled.
 */
export async function compileCall(actor: WorkflowActor, auditActor: AuditActor, request: { callId: number; expectedVersion: number }, now = serverNow()) {
  const db = getDb();
  const call = await getCall(db, request.callId);
  if (!call) throw new CallRefused(t.notFound, 404);
  if (call.version !== request.expectedVersion) throw new CallRefused(t.stale, 409);
  const approved = await approvedCaseIds(db, call.id);
  const verdict = decide(actor, { state: call.state, deadline: call.deadline, approvedCount: approved.length }, "compile", now);
  if (!verdict.ok) throw new CallRefused(verdict.message, verdict.code === "forbidden-role" ? 403 : 409);
  let batch: { id: number; number: number };
  try {
    batch = await createBatch(actor, auditActor, { title: defaultBatchTitle(await nextBatchNumber(db)), preface: [] });
    const [row] = await db.select({ updatedAt: batches.updatedAt }).from(batches).where(eq(batches.id, batch.id));
    let token = batchToken(row);
    for (const caseId of approved) token = (await addCaseToBatch(actor, auditActor, { number: batch.number, token, caseId })).token;
  } catch (error) {
    if (error instanceof BatchRefused) throw new CallRefused(error.message, error.status === 403 ? 403 : 409);
    throw error;
  }
  await db.transaction(async (tx) => {
    await tx.update(calls).set({ state: "compiled", batchId: batch.id, version: call.version + 1, updatedAt: now }).where(eq(calls.id, call.id));
    await recordAudit(tx, auditActor, {
      action: "call.compile",
      entityType: "call",
      entityId: String(call.id),
      before: { state: effectiveCallState(call, now) },
      after: { state: "compiled", number: batch.number, cases: approved.length },
    });
  });
  return { number: batch.number, cases: approved.length };
}

/** Active regions and categories for the new-call form. */
export async function callFormOptions(db: Executor) {
  const [regionRows, categoryRows] = await Promise.all([
    db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.active, true)).orderBy(asc(regions.sortOrder), asc(regions.code)),
    db.select({ code: categories.code, name: categories.name }).from(categories).where(eq(categories.active, true)).orderBy(asc(categories.sortOrder), asc(categories.code)),
  ]);
  return { regions: regionRows, categories: categoryRows };
}

/** Everything the call page shows `user` at `now`; null when the call does not exist or is not theirs to see. */
export async function loadCallPage(db: Executor, user: WorkflowActor, id: number, now: Date) {
  const call = await getCall(db, id);
  if (!call || !canSeeCall(user, call.invited.map((r) => r.code))) return null;
  const [progress, caseRows, approved, attachable, categoryRows, batchRow] = await Promise.all([
    callProgress(db, call),
    callCases(db, call.id, user),
    approvedCaseIds(db, call.id),
    user.roles.includes("submitter") ? attachableCases(db, call.id, user) : Promise.resolve([]),
    call.categories.length ? db.select({ code: categories.code, name: categories.name }).from(categories).where(inArray(categories.code, call.categories)) : Promise.resolve([]),
    call.batchId ? db.select({ number: batches.number }).from(batches).where(eq(batches.id, call.batchId)) : Promise.resolve([]),
  ]);
  const state = effectiveCallState(call, now);
  const actions = availableCallActions(user, { state: call.state, deadline: call.deadline, approvedCount: approved.length }, now).map((a) => ({ action: a.action, label: a.label }));
  const invitedCodes = call.invited.map((r) => r.code);
  return {
    call: { id: call.id, title: call.title, notice: call.notice, deadline: call.deadline, originalDeadline: call.originalDeadline, version: call.version, state, stateLabel: CALL_STATE_LABELS[state], remindAt: new Date(call.deadline.getTime() - call.remindDaysBefore * 24 * 3600 * 1000) },
    categories: categoryRows.map((c) => c.name),
    batchNumber: batchRow[0]?.number ?? null,
    progress: canSeeCall(user, []) ? progress : progress.filter((p) => user.regions.includes(p.code)),
    cases: caseRows.map((c) => ({ ...c, late: c.submittedAt !== null && c.submittedAt.getTime() > call.originalDeadline.getTime() })),
    canAnswer: state === "open" && user.roles.includes("submitter") && user.regions.some((r) => invitedCodes.includes(r)),
    attachable: state === "open" ? attachable.filter(() => user.regions.some((r) => invitedCodes.includes(r))) : [],
    actions,
  };
}

export async function callVisibleTo(db: Executor, user: WorkflowActor, id: number) {
  const invited = await db.select({ code: callRegions.regionCode }).from(callRegions).where(eq(callRegions.callId, id));
  return invited.length > 0 && canSeeCall(user, invited.map((r) => r.code));
}
