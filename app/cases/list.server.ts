/**
 * "本地区案例": the cases whose lead or participating region is one of the user's regions, newest
 * change first, in one bounded query (joins for category, lead region and last editor; no N+1).
 */
import { and, asc, desc, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import { caseRegions, cases, categories, regions, users } from "#db/schema";
import type { Executor } from "~/db/db.server";
import { canEditContent, isCaseState, type CaseState } from "#workflows/case-review";
import type { SessionUser } from "~/auth/session.server";
import { cursorTime, encodeCursor, keysetPage, timeOf, type PageCursor } from "~/ui/keyset.server";

export const CASE_LIST_PAGE_SIZE = 50;
/** Deeper pages than this are not offered (offsets stay bounded). */
export const CASE_LIST_MAX_PAGE = 200;

export type CaseListFilters = { state: CaseState | null; category: string | null; page: number };
/** The list's cursor: the row's updated_at, then its id. */
export const CASE_LIST_CURSOR = ["time"] as const;

/** Filters from the query string; anything unknown is ignored rather than refused. */
export function parseCaseListFilters(url: URL, categoryCodes: readonly string[]): CaseListFilters {
  const state = url.searchParams.get("state") ?? "";
  const category = url.searchParams.get("category") ?? "";
  const page = Number(url.searchParams.get("page") ?? "1");
  return {
    state: isCaseState(state) ? state : null,
    category: categoryCodes.includes(category) ? category : null,
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, CASE_LIST_MAX_PAGE) : 1,
  };
}

export type CaseListRow = {
  id: string;
  title: string;
  state: string;
  categoryName: string;
  leadRegion: string;
  leadRegionName: string;
  updatedAt: Date;
  updatedByName: string | null;
  /** The user's region leads the case (else it only participates). */
  lead: boolean;
  canEdit: boolean;
};

/** "本地区": the case is led by, or has as participant, one of `regionCodes` (shared by the list and the dashboard's counts). */
export function regionCasesCondition(db: Executor, regionCodes: readonly string[]): SQL {
  return or(
    inArray(cases.leadRegion, [...regionCodes]),
    exists(
      db
        .select({ one: sql`1` })
        .from(caseRegions)
        .where(and(eq(caseRegions.caseId, cases.id), inArray(caseRegions.regionCode, [...regionCodes]))),
    ),
  )!;
}

/**
 * One page of the list, newest change first. With a cursor (the links' `after=` / `before=`) the page
 * is found by the order's index from the row it continues (no OFFSET); without one, `page` is an
 * offset (a typed-in or old link, at most CASE_LIST_MAX_PAGE).
 */
export async function listRegionCases(db: Executor, user: Pick<SessionUser, "id" | "roles" | "regions">, filters: CaseListFilters, page: PageCursor = null) {
  if (user.regions.length === 0) return { rows: [] as CaseListRow[], hasMore: false, hasPrevious: false, firstCursor: null, lastCursor: null };
  const conditions: SQL[] = [regionCasesCondition(db, user.regions)];
  if (filters.state) conditions.push(eq(cases.state, filters.state));
  if (filters.category) conditions.push(eq(cases.categoryCode, filters.category));
  const backwards = page?.direction === "before";
  if (page) {
    const at = timeOf(page.cursor.keys[0]!);
    // Newest first, ties by id: "after" is older (or as old with a greater id), "before" the reverse.
    conditions.push(
      backwards
        ? sql`(${cases.updatedAt} > ${at} or (${cases.updatedAt} = ${at} and ${cases.id} < ${page.cursor.id}))`
        : sql`(${cases.updatedAt} < ${at} or (${cases.updatedAt} = ${at} and ${cases.id} > ${page.cursor.id}))`,
    );
  }
  const found = await db
    .select({
      id: cases.id,
      title: cases.title,
      state: cases.state,
      categoryName: categories.name,
      leadRegion: cases.leadRegion,
      leadRegionName: regions.name,
      updatedAt: cases.updatedAt,
      updatedByName: users.displayName,
      cursorTime: cursorTime(cases.updatedAt),
    })
    .from(cases)
    .innerJoin(categories, eq(categories.code, cases.categoryCode))
    .innerJoin(regions, eq(regions.code, cases.leadRegion))
    .leftJoin(users, eq(users.id, cases.updatedBy))
    .where(and(...conditions))
    .orderBy(...(backwards ? [asc(cases.updatedAt), desc(cases.id)] : [desc(cases.updatedAt), asc(cases.id)]))
    .limit(CASE_LIST_PAGE_SIZE + 1)
    .offset(page ? 0 : (filters.page - 1) * CASE_LIST_PAGE_SIZE);
  const { rows: pageRows, hasMore, hasPrevious } = keysetPage(found, CASE_LIST_PAGE_SIZE, page, filters.page);
  const rows: CaseListRow[] = pageRows.map(({ cursorTime: _, ...r }) => ({
    ...r,
    lead: user.regions.includes(r.leadRegion),
    canEdit: isCaseState(r.state) && canEditContent({ id: user.id, roles: user.roles, regions: user.regions }, { state: r.state, leadRegion: r.leadRegion }),
  }));
  const cursorOf = (r: (typeof pageRows)[number] | undefined) => (r ? encodeCursor([r.cursorTime], r.id) : null);
  return { rows, hasMore, hasPrevious, firstCursor: cursorOf(pageRows[0]), lastCursor: cursorOf(pageRows[pageRows.length - 1]) };
}
