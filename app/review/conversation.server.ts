/**
 * What the review conversation needs from the database, for the case page and the editor: the
 * discussion re-anchored against the content shown, the reason the case was sent back, and — for
 * the reviewer it came back to — what changed since their review.
 */
import { and, desc, eq } from "drizzle-orm";
import { auditEvents } from "#db/schema";
import type { CaseRow } from "~/cases/cases.server";
import { getCaseContent } from "~/cases/cases.server";
import type { CaseContent } from "~/cases/content/schema";
import type { Executor } from "~/db/db.server";
import { anchorLabel } from "./anchors";
import { listComments } from "./comments.server";
import { diffCases, elideUnchanged } from "./diff";
import type { ReturnedFor } from "./ReviewBanner";
import type { SinceReviewView } from "./SinceReview";
import { reviewDiscussion, type ReviewDiscussion } from "./threads";

type DecisionAfter = { reason?: unknown };
type DecisionBefore = { version?: unknown };

/** The last request_changes on the case: who, when, why, and the version they reviewed. */
async function lastRequestChanges(db: Executor, caseId: string, actorId?: string) {
  const [event] = await db
    .select({ at: auditEvents.at, actorId: auditEvents.actorId, actorName: auditEvents.actorName, before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, "case"),
        eq(auditEvents.entityId, caseId),
        eq(auditEvents.action, "case.request_changes"),
        actorId ? eq(auditEvents.actorId, actorId) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return event ?? null;
}

/** The banner of a returned case: the reviewer's reason, who, when (null unless the case is 退回修改). */
export async function returnedFor(db: Executor, row: Pick<CaseRow, "id" | "state">): Promise<ReturnedFor | null> {
  if (row.state !== "changes_requested") return null;
  const event = await lastRequestChanges(db, row.id);
  if (!event) return null;
  const reason = (event.after as DecisionAfter | null)?.reason;
  return { reason: typeof reason === "string" ? reason : null, by: event.actorName, at: event.at };
}

export async function loadDiscussion(db: Executor, caseId: string, content: CaseContent | null): Promise<ReviewDiscussion> {
  return reviewDiscussion(await listComments(db, caseId), content);
}

/**
 * For the reviewer holding a case that came back to them: the changes since the version they
 * sent back, and their comments with 已解决 / 未解决 / 已过时. Null for anyone else.
 */
export async function sinceReview(
  db: Executor,
  row: Pick<CaseRow, "id" | "state" | "version" | "claimedBy">,
  userId: string,
  content: CaseContent,
  discussion: ReviewDiscussion,
): Promise<SinceReviewView | null> {
  if (row.state !== "in_review" || row.claimedBy !== userId) return null;
  const event = await lastRequestChanges(db, row.id, userId);
  const reviewed = (event?.before as DecisionBefore | null)?.version;
  if (typeof reviewed !== "number" || reviewed >= row.version) return null;
  const before = await getCaseContent(db, row.id, reviewed);
  if (!before) return null;
  const diff = diffCases(before, content);
  const theirs = statusList(discussion, content).filter((c) => c.authorId === userId);
  return {
    fromVersion: reviewed,
    toVersion: row.version,
    changedCount: diff.changedCount,
    sections: diff.sections.map((s) => ({ ...s, parts: elideUnchanged(s.parts) })),
    href: `/cases/${row.id}/diff?from=${reviewed}&to=${row.version}`,
    comments: theirs,
  };
}

/** Every thread of the discussion as a status line: where, 已解决 / 未解决 / 已过时, replies. */
export function statusList(discussion: ReviewDiscussion, content: CaseContent) {
  return discussion.groups.flatMap((g) =>
    g.threads.map((th) => ({ ...th.root, where: th.root.status === "outdated" ? anchorLabel(th.root.originalAnchor, content) : g.label, replies: th.replies.length })),
  );
}
