import { and, desc, eq, exists, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { caseRegions, cases, caseSearch } from "#db/schema";
import type { CaseContent } from "~/cases/content";
import type { Executor, Transaction } from "~/db/db.server";
import type { WorkflowActor } from "#workflows/case-review";
import { bigramsOf, normalizeSearchText, searchableText, SEARCH_MAX_CHARS, SEARCH_MIN_CHARS } from "./search-text";

/** Keeps a case's search row in step with its current content; call in the transaction that writes it. */
export async function indexCase(tx: Transaction, caseId: string, content: CaseContent) {
  const body = searchableText(content);
  const bigrams = bigramsOf(body);
  await tx
    .insert(caseSearch)
    .values({ caseId, body, bigrams })
    .onConflictDoUpdate({ target: caseSearch.caseId, set: { body, bigrams } });
}

/**
 * The cases a user may read, as SQL (the same rule as workflows/case-review.ts `canRead`, which
 * decides for one case; a search needs it as a filter).
 */
export function readableBy(user: WorkflowActor): SQL {
  const conditions: (SQL | undefined)[] = [eq(cases.state, "published")];
  if (user.roles.some((r) => r === "reviewer" || r === "publisher" || r === "admin")) conditions.push(ne(cases.state, "draft"));
  if (user.roles.includes("submitter") && user.regions.length) {
    conditions.push(inArray(cases.leadRegion, user.regions));
    conditions.push(
      exists(
        sql`(select 1 from ${caseRegions} where ${caseRegions.caseId} = ${cases.id} and ${inArray(caseRegions.regionCode, user.regions)})`,
      ),
    );
  }
  return or(...conditions)!;
}

export type SearchHit = { id: string; title: string; state: string; leadRegion: string; updatedAt: Date; snippet: string };

export type SearchOutcome = { ok: true; hits: SearchHit[]; hasMore: boolean } | { ok: false; message: string };

export async function searchCases(db: Executor, user: WorkflowActor, rawQuery: string, page: { offset: number; limit: number }): Promise<SearchOutcome> {
  const term = normalizeSearchText(rawQuery);
  const length = [...term].length;
  if (length < SEARCH_MIN_CHARS) return { ok: false, message: `请至少输入 ${SEARCH_MIN_CHARS} 个字。` };
  if (length > SEARCH_MAX_CHARS) return { ok: false, message: `搜索词不能超过 ${SEARCH_MAX_CHARS} 个字。` };
  const grams = bigramsOf(term);
  // Plan (issue #7, measured on 10,000 cases): the candidates come from the GIN index alone (no
  // case text read), are filtered by who may read them and sorted; only then is each candidate's
  // text read, in order, until the page is full — and not at all for a two-character term, whose
  // one bigram being present already means the text contains it. The planner, left alone, scans
  // the table instead: it cannot see that testing `bigrams @>` on a row means decompressing a
  // ~10 KB array, and the GIN index's own statistics stay at their empty-table values until a
  // VACUUM (which PGlite never runs by itself) — 1–2 s instead of milliseconds. So, for this one
  // statement, sequential and plain index scans are switched off and the index is used.
  const candidates = db
    .select({ id: cases.id, title: cases.title, state: cases.state, leadRegion: cases.leadRegion, updatedAt: cases.updatedAt })
    .from(cases)
    .where(and(sql`${cases.id} in (select s.case_id from ${caseSearch} s where s.bigrams @> ${sql.param(grams)}::text[])`, readableBy(user)))
    .orderBy(desc(cases.updatedAt), desc(cases.id))
    // OFFSET 0 keeps the subquery (and its order) as it is, so the outer query reads texts lazily.
    .offset(0)
    .as("candidates");
  const exact = grams.length === 1;
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`);
    return tx
      .select({
        id: candidates.id,
        title: candidates.title,
        state: candidates.state,
        leadRegion: candidates.leadRegion,
        updatedAt: candidates.updatedAt,
        snippet: sql<string>`substr(${caseSearch.body}, greatest(1, position(${term} in ${caseSearch.body}) - 40), ${term.length + 80})`,
      })
      .from(candidates)
      .innerJoin(caseSearch, eq(caseSearch.caseId, candidates.id))
      .where(exact ? undefined : sql`position(${term} in ${caseSearch.body}) > 0`)
      .orderBy(desc(candidates.updatedAt), desc(candidates.id))
      .offset(page.offset)
      .limit(page.limit + 1);
  });
  return { ok: true, hits: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}
