import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { caseComments, cases, categories, regions, users } from "#db/schema";
import type { AuditActor } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { transitionCase, TransitionRefused } from "~/cases/transitions.server";
import type { Executor } from "~/db/db.server";
import { cursorTime, encodeCursor, keysetPage, timeOf, type PageCursor } from "~/ui/keyset.server";
import { CASE_STATES, getCaseTransition, type CaseState } from "#workflows/case-review";
import { reviewStrings as t } from "./strings";

/**
 * The review queue: submitted and in-review cases, oldest submission first, with what a reviewer
 * needs to pick one (region, category, waiting days, who holds it, open comment threads) in ONE
 * query per page, whatever its length.
 */
export const QUEUE_STATES = ["submitted", "in_review"] as const;
export type QueueState = (typeof QUEUE_STATES)[number];
/** The queue's state filter: the two states, or the in-review cases resubmitted to their reviewer. */
export const QUEUE_FILTER_STATES = [...QUEUE_STATES, "resubmitted"] as const;
/**
 * The admins' list of all cases (/admin/cases) is the same query and filter over every case an
 * admin may read (drafts are the region's own until submitted): scope "all".
 */
export const ALL_CASES_STATES = CASE_STATES.filter((s) => s !== "draft");
export const ALL_CASES_FILTER_STATES = [...ALL_CASES_STATES, "resubmitted"] as const;
export type QueueScope = "queue" | "all";
export type QueueFilterState = CaseState | "resubmitted";
export const QUEUE_PAGE_SIZE = 25;

export type QueueFilter = { state: QueueFilterState | null; region: string | null; category: string | null; mine: boolean; scope?: QueueScope };

const CODE_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reads the filter from the URL; anything malformed is ignored rather than an error. */
export function queueFilterFromUrl(url: URL, scope: QueueScope = "queue"): { filter: QueueFilter; page: number } {
  const p = url.searchParams;
  const state = p.get("state");
  const region = p.get("region");
  const category = p.get("category");
  const page = Number(p.get("page"));
  return {
    filter: {
      state: state && ((scope === "all" ? ALL_CASES_FILTER_STATES : QUEUE_FILTER_STATES) as readonly string[]).includes(state) ? (state as QueueFilterState) : null,
      region: region && CODE_RE.test(region) ? region : null,
      category: category && CODE_RE.test(category) ? category : null,
      mine: p.get("mine") === "1",
      scope,
    },
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

export type QueueRow = {
  id: string;
  title: string;
  state: string;
  version: number;
  leadRegion: string;
  regionName: string;
  categoryCode: string;
  categoryName: string;
  submittedAt: Date | null;
  claimedBy: string | null;
  claimedByName: string | null;
  openThreads: number;
  daysWaiting: number | null;
  /** Sent back by its reviewer, revised and resubmitted: back with the same reviewer (已重新提交). */
  resubmitted: boolean;
};

const DAY = 86_400_000;

/** Whole days since submission (0 on the day itself). */
export function daysWaiting(submittedAt: Date | null, now: Date = new Date()): number | null {
  if (!submittedAt) return null;
  return Math.max(0, Math.floor((now.getTime() - submittedAt.getTime()) / DAY));
}

/** The queue's cursor: submitted_at (null last), created_at, then the id. */
export const QUEUE_CURSOR = ["time?", "time"] as const;

/** Rows strictly after (or before) the cursor's row in the queue's order: submitted_at asc nulls last, created_at, id. */
function queueCursorCondition({ direction, cursor }: NonNullable<PageCursor>): SQL {
  const [submitted, created] = cursor.keys;
  const c = timeOf(created!);
  const later = sql`(${cases.createdAt}, ${cases.id}) > (${c}, ${cursor.id})`;
  const earlier = sql`(${cases.createdAt}, ${cases.id}) < (${c}, ${cursor.id})`;
  if (submitted === null || submitted === undefined) {
    return direction === "after"
      ? sql`(${cases.submittedAt} is null and ${later})`
      : sql`(${cases.submittedAt} is not null or ${earlier})`;
  }
  const s = timeOf(submitted);
  return direction === "after"
    ? sql`(${cases.submittedAt} is null or ${cases.submittedAt} > ${s} or (${cases.submittedAt} = ${s} and ${later}))`
    : sql`(${cases.submittedAt} < ${s} or (${cases.submittedAt} = ${s} and ${earlier}))`;
}

/** The holder took the case before its last submission: it came back to them. */
const RESUBMITTED = sql`(${cases.state} = 'in_review' and ${cases.claimedAt} is not null and ${cases.submittedAt} > ${cases.claimedAt})`;

/** The rows a queue filter selects: shared by the list and every count that links to it (dashboards). */
export function queueCondition(userId: string, filter: QueueFilter): SQL {
  const conditions: SQL[] = [
    filter.state === "resubmitted"
      ? RESUBMITTED
      : filter.state
        ? eq(cases.state, filter.state)
        : inArray(cases.state, filter.scope === "all" ? ALL_CASES_STATES : [...QUEUE_STATES]),
  ];
  if (filter.region) conditions.push(eq(cases.leadRegion, filter.region));
  if (filter.category) conditions.push(eq(cases.categoryCode, filter.category));
  if (filter.mine) conditions.push(eq(cases.claimedBy, userId));
  return and(...conditions)!;
}

/** How many cases the queue with this filter lists (all pages). */
export async function countReviewQueue(db: Executor, userId: string, filter: QueueFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(queueCondition(userId, filter));
  return Number(row?.n ?? 0);
}

/**
 * One page of the queue. With a cursor (the pager's `after=` / `before=`) the page continues from a
 * row through the queue's index, without OFFSET; without one, `page` is an offset (a typed-in link).
 */
export async function listReviewQueue(db: Executor, userId: string, filter: QueueFilter, page: number, pageSize = QUEUE_PAGE_SIZE, now = new Date(), cursor: PageCursor = null) {
  const resubmitted = RESUBMITTED;
  const where = cursor ? and(queueCondition(userId, filter), queueCursorCondition(cursor))! : queueCondition(userId, filter);
  const backwards = cursor?.direction === "before";
  const order = backwards
    ? [sql`${cases.submittedAt} desc nulls first`, desc(cases.createdAt), desc(cases.id)]
    : [sql`${cases.submittedAt} asc nulls last`, asc(cases.createdAt), asc(cases.id)];
  // The page is chosen first; only its rows get their open threads counted (counting in the same
  // SELECT counted them for every row skipped by the offset too: 2,455 subqueries for page 99 of
  // the 10,000-case benchmark, issue #7).
  const page_ = db
    .select({
      id: cases.id,
      title: cases.title,
      state: cases.state,
      version: cases.version,
      leadRegion: cases.leadRegion,
      regionName: sql<string>`${regions.name}`.as("region_name"),
      categoryCode: cases.categoryCode,
      categoryName: sql<string>`${categories.name}`.as("category_name"),
      submittedAt: cases.submittedAt,
      createdAt: cases.createdAt,
      claimedBy: cases.claimedBy,
      claimedByName: sql<string | null>`${users.displayName}`.as("claimed_by_name"),
      resubmitted: sql<boolean>`${resubmitted}`.as("resubmitted"),
      submittedCursor: sql<string | null>`${cursorTime(cases.submittedAt)}`.as("submitted_cursor"),
      createdCursor: sql<string>`${cursorTime(cases.createdAt)}`.as("created_cursor"),
    })
    .from(cases)
    .innerJoin(regions, eq(regions.code, cases.leadRegion))
    .innerJoin(categories, eq(categories.code, cases.categoryCode))
    .leftJoin(users, eq(users.id, cases.claimedBy))
    .where(where)
    .orderBy(...order)
    .offset(cursor ? 0 : (page - 1) * pageSize)
    .limit(pageSize + 1)
    .as("page");
  const rows = await db
    .select({
      id: page_.id,
      title: page_.title,
      state: page_.state,
      version: page_.version,
      leadRegion: page_.leadRegion,
      regionName: page_.regionName,
      categoryCode: page_.categoryCode,
      categoryName: page_.categoryName,
      submittedAt: page_.submittedAt,
      claimedBy: page_.claimedBy,
      claimedByName: page_.claimedByName,
      resubmitted: page_.resubmitted,
      submittedCursor: page_.submittedCursor,
      createdCursor: page_.createdCursor,
      openThreads: sql<number>`(select count(*)::int from ${caseComments} cc where cc.case_id = "page"."id" and cc.parent_id is null and cc.resolved_at is null)`,
    })
    .from(page_)
    .orderBy(
      ...(backwards
        ? [sql`${page_.submittedAt} desc nulls first`, desc(page_.createdAt), desc(page_.id)]
        : [sql`${page_.submittedAt} asc nulls last`, asc(page_.createdAt), asc(page_.id)]),
    );
  const { rows: pageRows, hasMore, hasPrevious } = keysetPage(rows, pageSize, cursor, page);
  const cursorOf = (r: (typeof rows)[number] | undefined) => (r ? encodeCursor([r.submittedCursor, r.createdCursor], r.id) : null);
  return {
    rows: pageRows.map(({ submittedCursor: _s, createdCursor: _c, ...r }): QueueRow => ({ ...r, resubmitted: Boolean(r.resubmitted), openThreads: Number(r.openThreads), daysWaiting: daysWaiting(r.submittedAt, now) })),
    hasMore,
    hasPrevious,
    firstCursor: cursorOf(pageRows[0]),
    lastCursor: cursorOf(pageRows[pageRows.length - 1]),
  };
}

// ---------------------------------------------------------------------------------------------
// Bulk actions: the same transitionCase per case, each in its own transaction, so one refusal
// leaves the others alone and every success has its own audit event.

export const BULK_ACTIONS = ["claim", "approve"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_MAX = 50;

/** A checkbox value: "<caseId>:<version>:<state>", what the reviewer saw. */
export function bulkItemValue(row: Pick<QueueRow, "id" | "version" | "state">) {
  return `${row.id}:${row.version}:${row.state}`;
}

export function parseBulkItem(value: string): { caseId: string; expectedVersion: number; expectedState: string } | null {
  const m = /^([0-9a-f-]{36}):(\d{1,9}):([a-z_]{1,32})$/.exec(value);
  return m ? { caseId: m[1], expectedVersion: Number(m[2]), expectedState: m[3] } : null;
}

export type BulkOutcome = { caseId: string; title: string; ok: boolean; message: string };

export async function bulkTransition(db: Executor, user: SessionUser, auditActor: AuditActor, action: BulkAction, items: ReturnType<typeof parseBulkItem>[]) {
  const valid = items.filter((i): i is NonNullable<typeof i> => i !== null);
  const unique = [...new Map(valid.map((i) => [i.caseId, i])).values()];
  const titles = new Map(
    unique.length
      ? (await db.select({ id: cases.id, title: cases.title }).from(cases).where(inArray(cases.id, unique.map((i) => i.caseId)))).map((r) => [r.id, r.title])
      : [],
  );
  const label = getCaseTransition(action).label;
  const outcomes: BulkOutcome[] = [];
  for (const item of unique) {
    const title = titles.get(item.caseId);
    if (!title) {
      outcomes.push({ caseId: item.caseId, title: item.caseId, ok: false, message: t.bulkUnknownCase });
      continue;
    }
    try {
      await transitionCase(user, auditActor, { caseId: item.caseId, action, expectedVersion: item.expectedVersion, expectedState: item.expectedState });
      outcomes.push({ caseId: item.caseId, title, ok: true, message: t.bulkOk(title, label) });
    } catch (error) {
      if (!(error instanceof TransitionRefused)) throw error;
      outcomes.push({ caseId: item.caseId, title, ok: false, message: t.bulkFailed(title, error.message) });
    }
  }
  return outcomes;
}
