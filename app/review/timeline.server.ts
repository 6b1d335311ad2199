import { and, asc, eq, inArray } from "drizzle-orm";
import { auditEvents, caseVersions, users } from "#db/schema";
import { auditActionLabel } from "~/audit/strings";
import { isCaseAction } from "#workflows/case-review";
import type { CaseContent } from "~/cases/content/schema";
import type { Executor } from "~/db/db.server";
import { anchorPlace } from "./anchors";
import { sentences } from "./strings";

/**
 * A case's history, oldest first, from the audit trail: every event recorded on the case (its
 * transitions, saves, imports, and the comment events, which are recorded on the case too).
 * Versions written by saves and submissions link to the diff. Runs of autosaves by one person are
 * folded into one entry.
 */
export type TimelineEntry = {
  id: number;
  at: Date;
  actorName: string;
  action: string;
  /** Short name of the event ("退回修改"), for filters and tests. */
  label: string;
  /** The history line: a complete sentence naming the case ("部委审核人（reviewer）将案例“…”退回修改。理由：…"). */
  sentence: string;
  reason: string | null;
  /** For assignments: the new holder. */
  assignee: string | null;
  version: number | null;
  diffHref: string | null;
  count: number;
};

const VERSION_ACTIONS = new Set(["case.create", "case.save", "case.autosave", "case.submit", "case.resubmit"]);
const SUBMISSION_ACTIONS = new Set(["case.submit", "case.resubmit"]);

type AuditAfter = { version?: unknown; reason?: unknown; claimedBy?: unknown; anchor?: unknown; body?: unknown; parentId?: unknown; quote?: unknown; state?: unknown };

const str = (v: unknown) => (typeof v === "string" && v ? v : null);

function sentenceOf(action: string, actor: string, title: string, after: AuditAfter, assignee: string | null, version: number | null, count: number): string {
  if (action === "case.create") return sentences.created(actor, title);
  if (action === "case.import") return sentences.imported(actor, title);
  if (action === "case.save") return sentences.saved(actor, title, version);
  if (action === "case.autosave") return sentences.autosaved(actor, title, count, version);
  if (action.startsWith("comment.")) {
    const where = str(after.anchor) ? anchorPlace(after.anchor as string) : null;
    const kind = action === "comment.resolve" ? "resolve" : action === "comment.reopen" ? "reopen" : after.parentId != null ? "reply" : "comment";
    return sentences.comment({ actor, title, where, quote: str(after.quote) ? excerpt(after.quote as string, 30) : null, excerpt: str(after.body) ? excerpt(after.body as string) : null, kind });
  }
  const caseAction = action.startsWith("case.") ? action.slice(5) : "";
  if (isCaseAction(caseAction)) return sentences.transition({ action: caseAction, actor, title, reason: str(after.reason), assignee, to: str(after.state) });
  return sentences.other(actor, title, auditActionLabel(action));
}

export async function caseTimeline(db: Executor, caseId: string, content: CaseContent | null): Promise<TimelineEntry[]> {
  const [events, submissions] = await Promise.all([
    db
      .select({ id: auditEvents.id, at: auditEvents.at, actorName: auditEvents.actorName, action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "case"), eq(auditEvents.entityId, caseId)))
      .orderBy(asc(auditEvents.id)),
    db
      .select({ version: caseVersions.version })
      .from(caseVersions)
      .where(and(eq(caseVersions.caseId, caseId), eq(caseVersions.kind, "submission")))
      .orderBy(asc(caseVersions.version)),
  ]);
  const submissionVersions = submissions.map((s) => s.version);
  const title = content?.title ?? "";

  const assigneeIds = [
    ...new Set(events.filter((e) => e.action === "case.assign").map((e) => (e.after as AuditAfter | null)?.claimedBy).filter((v): v is string => typeof v === "string")),
  ];
  const names = new Map(
    assigneeIds.length ? (await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, assigneeIds))).map((u) => [u.id, u.name]) : [],
  );

  const entries: TimelineEntry[] = [];
  const runStart = new Map<TimelineEntry, number | null>();
  for (const e of events) {
    const after = (e.after ?? {}) as AuditAfter;
    const version = VERSION_ACTIONS.has(e.action) && typeof after.version === "number" ? after.version : null;
    let diffHref: string | null = null;
    if (version !== null) {
      if (SUBMISSION_ACTIONS.has(e.action)) {
        // A submission compares with the submission before it (none before the first one).
        if (submissionVersions.some((v) => v < version)) diffHref = `/cases/${caseId}/diff?to=${version}`;
      } else if (version > 1) diffHref = `/cases/${caseId}/diff?from=${version - 1}&to=${version}`;
    }
    const entry: TimelineEntry = {
      id: e.id,
      at: e.at,
      actorName: e.actorName,
      action: e.action,
      label: auditActionLabel(e.action),
      sentence: "",
      reason: typeof after.reason === "string" && after.reason ? after.reason : null,
      assignee: e.action === "case.assign" && typeof after.claimedBy === "string" ? (names.get(after.claimedBy) ?? null) : null,
      version,
      diffHref,
      count: 1,
    };
    const last = entries[entries.length - 1];
    if (e.action === "case.autosave" && last?.action === "case.autosave" && last.actorName === e.actorName) {
      // Fold a run of autosaves: the first time, the count, the diff from before the run to its end.
      const start = runStart.get(last) ?? last.version;
      last.count++;
      last.version = version;
      if (version !== null && start !== null && start > 1) last.diffHref = `/cases/${caseId}/diff?from=${start - 1}&to=${version}`;
      last.sentence = sentenceOf(e.action, e.actorName, title, after, null, version, last.count);
      continue;
    }
    if (e.action === "case.autosave") runStart.set(entry, version);
    entry.sentence = sentenceOf(e.action, e.actorName, title, after, entry.assignee, version, 1);
    entries.push(entry);
  }
  return entries;
}

function excerpt(text: string, max = 60) {
  const chars = [...text.replace(/\s+/g, " ")];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : chars.join("");
}
