import { and, eq, isNotNull, sql } from "drizzle-orm";
import { cases, caseVersions, notifications, userRegions, userRoles, users } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { getDb, type Executor, type Transaction } from "~/db/db.server";
import {
  CASE_STATE_LABELS,
  decide,
  getCaseTransition,
  isCaseState,
  type CaseAction,
  type CaseDecisionInput,
  type CaseState,
  type CaseWorkflowInfo,
  type WorkflowActor,
} from "#workflows/case-review";

/**
 * Fires a workflow transition of workflows/case-review.ts, atomically: one transaction checks the
 * table's verdict, moves the case with `UPDATE … WHERE id AND state AND version` (so of two people
 * acting at once exactly one wins), snapshots the version, notifies and audits. Any failure rolls
 * all of it back.
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

async function usersWithRole(tx: Transaction, role: string) {
  return tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, role), eq(users.active, true)));
}

export async function leadRegionSubmitters(tx: Executor, regionCode: string) {
  return tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "submitter")))
    .innerJoin(userRegions, and(eq(userRegions.userId, users.id), eq(userRegions.regionCode, regionCode)))
    .where(eq(users.active, true));
}

export type TransitionRequest = {
  caseId: string;
  action: string;
  /** The version and state the user saw: a case that moved on since is a conflict, not a silent win. */
  expectedVersion?: number;
  expectedState?: string;
  input?: CaseDecisionInput;
};

export type TransitionResult = { from: CaseState; to: CaseState; version: number };

export async function transitionCase(actor: WorkflowActor, auditActor: AuditActor, request: TransitionRequest, tx?: Transaction): Promise<TransitionResult> {
  const run = async (tx: Transaction): Promise<TransitionResult> => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, request.caseId)).limit(1);
    if (!row) throw new TransitionRefused("案例不存在。", 404, "not-found");
    const info = await workflowInfo(tx, row);
    if ((request.expectedVersion !== undefined && request.expectedVersion !== row.version) || (request.expectedState && request.expectedState !== row.state)) {
      throw new TransitionRefused(staleMessage(info.state), 409, "stale", info.state);
    }
    const verdict = decide(actor, info, request.action as CaseAction, request.input ?? {});
    if (!verdict.ok) {
      const status = verdict.code === "forbidden-role" || verdict.code === "guard" ? 403 : verdict.code === "wrong-state" ? 409 : 400;
      throw new TransitionRefused(verdict.message, status, verdict.code, info.state);
    }
    const transition = getCaseTransition(verdict.action);
    const snapshot = verdict.effects.includes("snapshot-version");
    const now = new Date();
    const [moved] = await tx
      .update(cases)
      .set({
        state: verdict.to,
        claimedBy: verdict.claimedBy,
        version: snapshot ? row.version + 1 : row.version,
        updatedAt: now,
        updatedBy: actor.id,
        ...(verdict.to === "submitted" && verdict.from !== "in_review" ? { submittedAt: now } : {}),
      })
      .where(and(eq(cases.id, row.id), eq(cases.state, row.state), eq(cases.version, row.version)))
      .returning({ version: cases.version });
    if (!moved) {
      const [now2] = await tx.select({ state: cases.state }).from(cases).where(eq(cases.id, row.id));
      throw new TransitionRefused(staleMessage(now2?.state as CaseState), 409, "stale", now2?.state as CaseState);
    }
    if (snapshot) {
      await tx.execute(
        sql`insert into case_versions (case_id, version, content, kind, created_by, created_at)
            select case_id, ${moved.version}, content, 'submission', ${actor.id}, ${now} from case_versions
            where case_id = ${row.id} and version = ${row.version}`,
      );
    }
    const recipients = new Set<string>();
    if (verdict.effects.includes("notify-reviewers")) for (const u of await usersWithRole(tx, "reviewer")) recipients.add(u.id);
    if (verdict.effects.includes("notify-submitters")) for (const u of await leadRegionSubmitters(tx, row.leadRegion)) recipients.add(u.id);
    recipients.delete(actor.id);
    if (recipients.size) {
      const message = `“${row.title}”：${transition.timelineLabel}${verdict.reason ? `（${verdict.reason.slice(0, 200)}）` : ""}`;
      await tx.insert(notifications).values([...recipients].map((userId) => ({ userId, kind: `case.${verdict.action}`, caseId: row.id, message })));
    }
    await recordAudit(tx, auditActor, {
      action: `case.${verdict.action}`,
      entityType: "case",
      entityId: row.id,
      before: { state: row.state, version: row.version, claimedBy: row.claimedBy },
      after: { state: verdict.to, version: moved.version, claimedBy: verdict.claimedBy, reason: verdict.reason },
    });
    return { from: verdict.from, to: verdict.to, version: moved.version };
  };
  return tx ? run(tx) : getDb().transaction(run);
}

function staleMessage(state: CaseState | undefined) {
  return `该案例已被他人处理，当前状态为“${state ? CASE_STATE_LABELS[state] ?? state : "未知"}”。请刷新页面查看最新情况后再操作。`;
}

