/**
 * Keyset pagination (issue #14): the next page is "the rows after the last one shown", the previous
 * page "the rows before the first one shown", in the list's own order, so page 200 costs what page 1
 * costs (OFFSET read and sorted every row before it). Page numbers stay in the links for people;
 * the cursor (`after=` / `before=`, parsed by queryCursor in query.server.ts) is what the query uses.
 */
import { sql, type SQLWrapper } from "drizzle-orm";

export type Cursor = { keys: (string | null)[]; id: string };
export type PageCursor = { direction: "after" | "before"; cursor: Cursor } | null;

/** A timestamp column as the cursor writes it: whole microseconds since 1970 (exact, unlike a JS Date). */
export const cursorTime = (column: SQLWrapper) => sql<string | null>`((extract(epoch from ${column}) * 1000000)::bigint)::text`;

/** The cursor's microseconds back as a timestamptz (exact: every part is an integer). */
export const timeOf = (micros: string) => sql`(timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond')`;

/** `after=` or `before=` from the parsed query (`after` wins if a hand-made link has both). */
export function pageCursor(query: { after?: Cursor; before?: Cursor }): PageCursor {
  if (query.after) return { direction: "after", cursor: query.after };
  if (query.before) return { direction: "before", cursor: query.before };
  return null;
}

export function encodeCursor(keys: (string | null)[], id: string) {
  return [...keys.map((k) => k ?? ""), id].join(",");
}

/**
 * Rows read for a keyset page (pageSize + 1, in the query's direction) → the page in display order,
 * and whether there is a page after and before it.
 */
export function keysetPage<T>(found: T[], pageSize: number, page: PageCursor, offsetPage: number) {
  const more = found.length > pageSize;
  const rows = found.slice(0, pageSize);
  if (page?.direction === "before") return { rows: rows.reverse(), hasMore: true, hasPrevious: more };
  return { rows, hasMore: more, hasPrevious: page !== null || offsetPage > 1 };
}
