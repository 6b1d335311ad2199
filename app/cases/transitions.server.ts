import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { cases, caseVersions, userRegions, userRoles, users } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { getDb, type Executor, type Transaction } from "~/db/db.server";
import { insertNotifications, type PendingEmail } from "~/notifications/notifications.server";
import { isRole } from "~/permissions/permissions";
import { sentences } from "~/review/strings";
import {
  CASE_STATE_LABELS,
  decide,
  getCaseTransition,
  isCaseAction,
  isCaseState,
  type CaseAction,
  type CaseDecisionInput,
  type CaseState,
  type CaseWorkflowInfo,
  type WorkflowActor,
} from "#workflows/case-review";
import { caseContentSchema } from "./content";
import { callAcceptsSubmission } from "~/calls/submission.server";
import { serverNow } from "~/clock.server";
import { workflowMessages as wm } from "#workflows/strings";

/**
 * Fires a workflow transition of workflows/case-review.ts, atomically: one transaction checks the
 * table's verdict, moves the case with `UPDATE … WHERE id AND state AND version AND claimed_by`
 * (so of two people acting at once exactly one wins), snapshots the version, notifies and audits.
 * Any failure rolls all of it back. E-mail copies of the notifications go out after the commit.
 */
export class TransitionRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    /** For a lost race: the state the case is in now. */
    readonly currentState?: CaseState,
  ) {
    super(message);
  }
}

/** Users who saved content of the case (and its creator): they may not review it. */
export async function contributorIds(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: caseVersions.createdBy })
    .from(caseVersions)
    .where(and(eq(caseVersions.caseId, caseId), isNotNull(caseVersions.createdBy), sql`${caseVersions.kind} <> 'import'`));
  return rows.map((r) => r.id!).filter(Boolean);
}

export async function workflowInfo(db: Executor, row: { id: string; state: string; leadRegion: string; claimedBy: string | null; createdBy: string | null }): Promise<CaseWorkflowInfo> {
  const contributors = await contributorIds(db, row.id);
  if (row.createdBy && !contributors.includes(row.createdBy)) contributors.push(row.createdBy);
  return { state: isCaseState(row.state) ? row.state : "draft", leadRegion: row.leadRegion, claimedBy: row.claimedBy, contributorIds: contributors };
}

/** Active users holding a role. */
export async function usersWithRole(db: Executor, role: string) {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, role), eq(users.active, true)))
    .orderBy(users.displayName);
}

export async function leadRegionSubmitters(tx: Executor, regionCode: string) {
  return tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "submitter")))
    .innerJoin(userRegions, and(eq(userRegions.userId, users.id), eq(userRegions.regionCode, regionCode)))
    .where(eq(users.active, true));
}

export async function displayName(db: Executor, userId: string) {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name ?? null;
}

/** Roles of an active user, read from the database (never trusted from a form). Null when unknown or deactivated. */
async function activeUserRoles(db: Executor, userId: string) {
  const rows = await db
    .select({ role: userRoles.role })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.id, userId), eq(users.active, true)));
  if (rows.length === 0) return null;
  return rows.map((r) => r.role).filter((r): r is string => r !== null).filter(isRole);
}

export type TransitionRequest = {
  caseId: string;
  action: string;
  /** The version and state the user saw: a case that moved on since is a conflict, not a silent win. */
  expectedVersion?: number;
  expectedState?: string;
  /** The claim holder the user saw (null: unclaimed); omitted → not checked. */
  expectedClaimedBy?: string | null;
  /** `assignee` needs only its id: its roles are read from the database. */
  input?: { reason?: string | null; assignee?: { id: string; roles?: readonly string[] } | null };
  /** The moment of the request (a call's deadline is judged against it); defaults to now. */
  now?: Date;
};

export type TransitionResult = {
  title: string;
  from: CaseState;
  to: CaseState;
  version: number;
  claimedBy: string | null;
  /**
   * The e-mail copies of the notifications written. They are queued automatically: after the
   * commit when transitionCase runs its own transaction; when the caller passes `tx`, once the
   * database reports that transaction committed (never if it rolls back).
   */
  emails: PendingEmail[];
};

const statusOf = (code: string): 400 | 403 | 409 =>
  code === "forbidden-role" || code === "guard" ? 403 : code === "wrong-state" ? 409 : 400;

/** Loads the case and asks the workflow table, refusing a stale request: shared by the transition and its preview. */
async function decideRequest(db: Executor, actor: WorkflowActor, request: TransitionRequest) {
  const [row] = await db.select().from(cases).where(eq(cases.id, request.caseId)).limit(1);
  if (!row) throw new TransitionRefused(wm.caseNotFound, 404, "not-found");
  const info = await workflowInfo(db, row);
  if (
    (request.expectedVersion !== undefined && request.expectedVersion !== row.version) ||
    (request.expectedState && request.expectedState !== row.state) ||
    (request.expectedClaimedBy !== undefined && request.expectedClaimedBy !== row.claimedBy)
  ) {
    throw new TransitionRefused(staleMessage(info.state), 409, "stale", info.state);
  }

  let assignee: CaseDecisionInput["assignee"] = null;
  const assigneeId = request.input?.assignee?.id;
  if (assigneeId) {
    const roles = await activeUserRoles(db, assigneeId);
    if (!roles) throw new TransitionRefused(wm.assigneeGone, 400, "invalid-input", info.state);
    assignee = { id: assigneeId, roles };
  }
  const verdict = decide(actor, info, request.action as CaseAction, { reason: request.input?.reason, assignee });
  if (!verdict.ok) throw new TransitionRefused(verdict.message, statusOf(verdict.code), verdict.code, info.state);
  // A case answering a call for cases is submitted only while the call takes submissions.
  if (row.callId !== null && verdict.effects.includes("snapshot-version")) {
    const check = await callAcceptsSubmission(db, row.callId, request.now ?? serverNow(), row);
    if (!check.ok) throw new TransitionRefused(check.message, 409, "call-closed", info.state);
  }
  return { row, info, verdict };
}

/**
 * Would the transition go through now? Throws the refusal it would get; writes nothing. For the
 * confirmation step of irreversible transitions: nobody is asked to confirm what they may not do.
 */
export async function previewTransition(actor: WorkflowActor, request: TransitionRequest) {
  const { row, verdict } = await decideRequest(getDb(), actor, request);
  return { title: row.title, to: verdict.to, reason: verdict.reason };
}

export async function transitionCase(actor: WorkflowActor, auditActor: AuditActor, request: TransitionRequest, tx?: Transaction): Promise<TransitionResult> {
  const run = async (tx: Transaction): Promise<TransitionResult> => {
    const { row, info, verdict } = await decideRequest(tx, actor, request);

    const transition = getCaseTransition(verdict.action);
    const snapshot = verdict.effects.includes("snapshot-version");
    if (snapshot) await assertSubmittable(tx, row.id, row.version, transition.label, info.state);

    // Timestamps use the wall clock (the e2e test clock only moves deadlines: see clock.server.ts).
    const now = request.now ?? new Date();
    const claimChanged = verdict.claimedBy !== row.claimedBy;
    const [moved] = await tx
      .update(cases)
      .set({
        state: verdict.to,
        claimedBy: verdict.claimedBy,
        // When the holder took it: kept while the same reviewer holds the case.
        ...(claimChanged ? { claimedAt: verdict.claimedBy ? now : null } : {}),
        version: snapshot ? row.version + 1 : row.version,
        // Claim, release and assign change who works on the case, not the case (最后修改 stays).
        ...(transition.changesCase ? { updatedAt: now, updatedBy: actor.id } : {}),
        // A submission (first or again) starts the wait anew; a release back to the queue does not.
        ...(snapshot ? { submittedAt: now } : {}),
      })
      .where(
        and(
          eq(cases.id, row.id),
          eq(cases.state, row.state),
          eq(cases.version, row.version),
          // The claim is part of what was decided on: two admins assigning at once must not both win.
          row.claimedBy === null ? isNull(cases.claimedBy) : eq(cases.claimedBy, row.claimedBy),
        ),
      )
      .returning({ version: cases.version });
    if (!moved) {
      const [current] = await tx.select({ state: cases.state }).from(cases).where(eq(cases.id, row.id));
      const state = current && isCaseState(current.state) ? current.state : undefined;
      throw new TransitionRefused(staleMessage(state), 409, "stale", state);
    }
    if (snapshot) {
      // (A Date bound into raw SQL breaks postgres.js: pass the instant as text and cast it.)
      await tx.execute(
        sql`insert into case_versions (case_id, version, content, kind, created_by, created_at)
            select case_id, ${moved.version}, content, 'submission', ${actor.id}, ${now.toISOString()}::timestamptz from case_versions
            where case_id = ${row.id} and version = ${row.version}`,
      );
    }

    const recipients = new Set<string>();
    if (verdict.effects.includes("notify-reviewers")) {
      if (verdict.claimedBy) {
        // Assignment: the reviewer who now holds the case, and the one who lost it.
        recipients.add(verdict.claimedBy);
        if (row.claimedBy) recipients.add(row.claimedBy);
      } else {
        for (const u of await usersWithRole(tx, "reviewer")) recipients.add(u.id);
      }
    }
    if (verdict.effects.includes("notify-submitters")) for (const u of await leadRegionSubmitters(tx, row.leadRegion)) recipients.add(u.id);
    recipients.delete(actor.id);
    const assigneeName = verdict.action === "assign" && verdict.claimedBy ? await displayName(tx, verdict.claimedBy) : null;
    // Composed per recipient, in their language (insertNotifications).
    const message = () => sentences.transition({
      action: verdict.action,
      actor: "displayName" in actor && typeof actor.displayName === "string" ? actor.displayName : auditActor.name,
      title: row.title,
      reason: verdict.reason ? truncate(verdict.reason, 200) : null,
      assignee: assigneeName,
      to: verdict.to,
    });
    const emails = await insertNotifications(
      tx,
      [...recipients].map((userId) => ({ userId, kind: `case.${verdict.action}`, caseId: row.id, message })),
    );

    await recordAudit(tx, auditActor, {
      action: `case.${verdict.action}`,
      entityType: "case",
      entityId: row.id,
      before: { state: row.state, version: row.version, claimedBy: row.claimedBy },
      after: { state: verdict.to, version: moved.version, claimedBy: verdict.claimedBy, reason: verdict.reason },
    });
    return { title: row.title, from: verdict.from, to: verdict.to, version: moved.version, claimedBy: verdict.claimedBy, emails };
  };
  // E-mail copies are outbox jobs queued by insertNotifications in the same transaction.
  if (tx) return run(tx);
  return getDb().transaction(run);
}

/** A submission must be a complete case: the content schema is the rule, not the editor's goodwill. */
async function assertSubmittable(tx: Transaction, caseId: string, version: number, label: string, state: CaseState) {
  const [current] = await tx
    .select({ content: caseVersions.content })
    .from(caseVersions)
    .where(and(eq(caseVersions.caseId, caseId), eq(caseVersions.version, version)))
    .limit(1);
  if (!current) throw new TransitionRefused(wm.contentMissing(label), 400, "invalid-content", state);
  const parsed = caseContentSchema.safeParse(current.content);
  if (!parsed.success) {
    const messages = [...new Set(parsed.error.issues.map((i) => i.message))].slice(0, 3);
    throw new TransitionRefused(wm.contentIncomplete(label, messages), 400, "invalid-content", state);
  }
}

function truncate(text: string, max: number) {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : text;
}

function staleMessage(state: CaseState | undefined) {
  return wm.stale(state ? CASE_STATE_LABELS[state] ?? state : null);
}

/** The transitions a route may fire from a form: known, and not system-only (publish goes through the batch). */
export function isFormAction(action: string): action is CaseAction {
  return isCaseAction(action) && !getCaseTransition(action).system;
}

/** Reviewers an admin may assign the case to: active reviewers who did not submit or edit it. */
export async function assignableReviewers(db: Executor, info: CaseWorkflowInfo) {
  const reviewers = await usersWithRole(db, "reviewer");
  return reviewers.filter((r) => !info.contributorIds.includes(r.id));
}
