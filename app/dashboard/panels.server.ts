/**
 * The work on the reviewer's, publisher's and admin's dashboard panels (issue #16). Every count is
 * computed with the very condition of the list it links to (the review queue's `queueCondition`,
 * the open batch's candidates, the user list's role filter, the failed jobs, the throttles), so
 * the number and the list cannot disagree; each panel also shows the first few rows.
 */
import { count, desc, eq, gt, sql } from "drizzle-orm";
import { auditCheckpoints, auditEvents, batches, cases, userRoles, users } from "#db/schema";
import type { SessionUser } from "~/auth/session.server";
import { countReviewQueue, listReviewQueue, type QueueFilter } from "~/review/queue.server";
import { callProgress, getCall, listCalls } from "~/calls/calls.server";
import { APPROVED_UNBATCHED, approvedCandidates, openBatch } from "~/batches/batches.server";
import { activeThrottles } from "~/auth/throttle.server";
import { ROLES, type Role } from "~/permissions/permissions";
import { JOB_SCHEMA } from "~/jobs/boss.server";
import { rowsOf, type Executor } from "~/db/db.server";
import { listJobs } from "~/jobs/admin.server";

/** Rows shown under each count (the link leads to all of them). */
export const PANEL_ROWS = 5;

const NO_FILTER: QueueFilter = { state: null, region: null, category: null, mine: false };

/** A queue list the reviewer panel counts, with the URL of the queue that lists exactly those. */
const REVIEWER_LISTS = {
  held: { filter: { ...NO_FILTER, mine: true }, href: "/review?mine=1" },
  resubmitted: { filter: { ...NO_FILTER, state: "resubmitted", mine: true }, href: "/review?state=resubmitted&mine=1" },
  unclaimed: { filter: { ...NO_FILTER, state: "submitted" }, href: "/review?state=submitted" },
} satisfies Record<string, { filter: QueueFilter; href: string }>;

export type ReviewerList = keyof typeof REVIEWER_LISTS;

/** Cases I hold (oldest submission first, days waiting), resubmitted to me, unclaimed waiting longest. */
export async function reviewerPanel(db: Executor, user: SessionUser, now = new Date()) {
  const entries = await Promise.all(
    (Object.keys(REVIEWER_LISTS) as ReviewerList[]).map(async (key) => {
      const { filter, href } = REVIEWER_LISTS[key];
      const [n, { rows }] = await Promise.all([countReviewQueue(db, user.id, filter), listReviewQueue(db, user.id, filter, 1, PANEL_ROWS, now)]);
      return [key, { count: n, href, rows: rows.map((r) => ({ id: r.id, title: r.title, regionName: r.regionName, daysWaiting: r.daysWaiting })) }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ReviewerList, { count: number; href: string; rows: { id: string; title: string; regionName: string; daysWaiting: number | null }[] }>;
}

/** Calls in progress with deadline and progress, approved cases awaiting a batch, the batch being compiled. */
export async function publisherPanel(db: Executor, user: SessionUser, now: Date) {
  const [open, approvedRows, approvedCount, batchRef] = await Promise.all([
    listCalls(db, user, now, { openOnly: true }),
    approvedCandidates(db, PANEL_ROWS),
    db.select({ n: count() }).from(cases).where(APPROVED_UNBATCHED),
    openBatch(db),
  ]);
  const callsInProgress = await Promise.all(
    open.map(async (c) => {
      const call = await getCall(db, c.id);
      const progress = call ? await callProgress(db, call) : [];
      const sum = (f: (p: (typeof progress)[number]) => number) => progress.reduce((a, p) => a + f(p), 0);
      const quotas = progress.map((p) => p.quota);
      return {
        id: c.id,
        title: c.title,
        deadline: c.deadline,
        regions: progress.length,
        submitted: sum((p) => p.submitted + p.inReview + p.changesRequested + p.approved),
        approved: sum((p) => p.approved),
        quota: quotas.every((q) => q !== null) && quotas.length ? quotas.reduce((a, q) => a + (q ?? 0), 0) : null,
      };
    }),
  );
  let batch: { number: number; title: string; state: string; caseCount: number } | null = null;
  if (batchRef) {
    const [row] = await db
      .select({ number: batches.number, title: batches.title, state: batches.state, caseCount: sql<number>`(select count(*)::int from cases c where c.batch_id = "batches"."id")` })
      .from(batches)
      .where(eq(batches.number, batchRef.number));
    if (row) batch = { ...row, caseCount: Number(row.caseCount) };
  }
  return {
    calls: callsInProgress,
    approved: {
      count: Number(approvedCount[0]?.n ?? 0),
      // The candidates are listed on the batch being compiled, or on the page that starts the next one.
      href: batch ? `/batches/${batch.number}#batch-candidates` : "/batches/new#batch-candidates",
      rows: approvedRows.map((r) => ({ id: r.id, title: r.title })),
    },
    batch,
  };
}

/** People and roles, failed jobs, sign-in throttles, the audit chain's last signed checkpoint. */
export async function adminPanel(db: Executor, now: Date) {
  const [roleRows, activeRows, failedRows, failedJobs, throttles, checkpoint, head] = await Promise.all([
    db.select({ role: userRoles.role, n: count() }).from(userRoles).groupBy(userRoles.role),
    db.select({ total: count(), active: sql<number>`count(*) filter (where ${users.active})`.mapWith(Number) }).from(users),
    db.execute(sql`select count(*)::int as n from ${sql.raw(JOB_SCHEMA)}.job where name not like '\\_\\_%' and state = 'failed'`),
    listJobs(db, { state: "failed", limit: PANEL_ROWS }),
    activeThrottles(db, now),
    db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.eventId)).limit(1),
    db.select({ n: count() }).from(auditEvents),
  ]);
  const byRole = new Map(roleRows.map((r) => [r.role, Number(r.n)]));
  const last = checkpoint[0] ?? null;
  const since = last ? (await db.select({ n: count() }).from(auditEvents).where(gt(auditEvents.id, last.eventId)))[0]?.n : head[0]?.n;
  return {
    users: { total: Number(activeRows[0]?.total ?? 0), active: activeRows[0]?.active ?? 0, href: "/admin/users" },
    roles: ROLES.map((role: Role) => ({ role, count: byRole.get(role) ?? 0, href: `/admin/users?role=${role}` })),
    failedJobs: {
      count: Number(rowsOf<{ n: number }>(failedRows)[0]?.n ?? 0),
      href: "/admin/jobs?state=failed",
      rows: failedJobs.jobs.map((j) => ({ id: j.id, label: j.label, createdOn: j.createdOn, error: j.error })),
    },
    throttles: { count: throttles.length, href: "/admin/login-throttles" },
    // Events written since the last signed checkpoint: what `audit:verify` could not yet anchor.
    audit: { signedAt: last?.signedAt ?? null, eventId: last?.eventId ?? null, eventsSince: Number(since ?? 0), href: "/admin/audit" },
  };
}
