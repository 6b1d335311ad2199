/**
 * /admin/cases: every case an admin may read, through the review queue's own filter and query
 * (scope "all"), and the assignment of a reviewer from the list — the workflow's `assign`,
 * fired by transitionCase like on the case page: audited, refused on a stale version or claim.
 */
import { and, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import { cases, caseVersions } from "#db/schema";
import type { AuditActor } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { displayName, transitionCase, TransitionRefused, usersWithRole } from "~/cases/transitions.server";
import type { Executor } from "~/db/db.server";
import { getDb } from "~/db/db.server";
import { getCaseTransition, type CaseState } from "#workflows/case-review";
import type { QueueRow } from "./queue.server";
import { reviewStrings as t } from "./strings";

/** The states from which the workflow lets an admin assign (workflows/case-review-table.ts). */
const ASSIGNABLE_STATES: readonly CaseState[] = getCaseTransition("assign").from;

/**
 * For each row that can be assigned: the active reviewers who neither created nor edited it (the
 * workflow's `assignee-eligible` guard, checked again on the server when the form is posted).
 */
export async function assignmentOptions(db: Executor, rows: readonly Pick<QueueRow, "id" | "state">[]) {
  const ids = rows.filter((r) => (ASSIGNABLE_STATES as readonly string[]).includes(r.state)).map((r) => r.id);
  if (ids.length === 0) return new Map<string, { id: string; displayName: string }[]>();
  const [reviewers, contributions] = await Promise.all([
    usersWithRole(db, "reviewer"),
    db
      .select({ caseId: caseVersions.caseId, userId: caseVersions.createdBy })
      .from(caseVersions)
      .where(and(inArray(caseVersions.caseId, ids), isNotNull(caseVersions.createdBy), sql`${caseVersions.kind} <> 'import'`))
      .union(db.select({ caseId: cases.id, userId: cases.createdBy }).from(cases).where(and(inArray(cases.id, ids), isNotNull(cases.createdBy)))),
  ]);
  const contributors = new Map<string, Set<string>>();
  for (const c of contributions) {
    if (!c.userId) continue;
    if (!contributors.has(c.caseId)) contributors.set(c.caseId, new Set());
    contributors.get(c.caseId)!.add(c.userId);
  }
  return new Map(ids.map((id) => [id, reviewers.filter((r) => !contributors.get(id)?.has(r.id))]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const assignFormSchema = z.object({
  caseId: z.string().regex(UUID),
  assignee: z.string().regex(UUID, t.assigneeInvalid),
  expectedVersion: z.string().regex(/^\d{1,9}$/).transform(Number),
  expectedState: z.string().regex(/^[a-z_]{1,32}$/),
  /** The holder the admin saw: "none" when unclaimed. */
  expectedClaim: z.string().regex(/^(none|[0-9a-f-]{36})$/),
});

export type AssignOutcome = { ok: true; message: string } | { ok: false; status: 400 | 403 | 404 | 409; message: string; caseId: string | null };

export async function assignFromList(user: SessionUser, auditActor: AuditActor, formData: FormData | null): Promise<AssignOutcome> {
  const raw = Object.fromEntries(["caseId", "assignee", "expectedVersion", "expectedState", "expectedClaim"].map((k) => [k, formData?.get(k) ?? undefined]));
  const parsed = assignFormSchema.safeParse(raw);
  if (!parsed.success) {
    const assigneeIssue = parsed.error.issues.some((i) => i.path[0] === "assignee");
    return { ok: false, status: 400, message: assigneeIssue ? t.assigneeChooseFirst : t.badTransition, caseId: typeof raw.caseId === "string" ? raw.caseId : null };
  }
  const f = parsed.data;
  try {
    const result = await transitionCase(user, auditActor, {
      caseId: f.caseId,
      action: "assign",
      expectedVersion: f.expectedVersion,
      expectedState: f.expectedState,
      expectedClaimedBy: f.expectedClaim === "none" ? null : f.expectedClaim,
      input: { assignee: { id: f.assignee } },
    });
    const holder = result.claimedBy ? await displayName(getDb(), result.claimedBy) : null;
    return { ok: true, message: t.flash.transition("assign", result.title, result.to, holder) };
  } catch (error) {
    if (error instanceof TransitionRefused) return { ok: false, status: error.status, message: error.message, caseId: f.caseId };
    throw error;
  }
}
