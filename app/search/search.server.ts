import { and, desc, eq, exists, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { batches, caseRegions, cases, caseSearch, caseVersions } from "#db/schema";
import { listCategories, listRegions } from "~/admin/reference.server";
import type { CaseContent } from "~/cases/content";
import type { Executor, Transaction } from "~/db/db.server";
import { CASE_STATES, type CaseState, type WorkflowActor } from "#workflows/case-review";
import { bigramsOf, readableBlocks, searchableText, SEARCH_MIN_CHARS } from "./search-text";
import { SEARCH_COUNT_CAP, SEARCH_PAGE_SIZE, type SearchFilterOptions, type SearchFilters, type SearchHit, type SearchResult } from "./params";
import { highlight, snippet } from "./snippets";

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

/** The states whose cases a user may find at all (the state filter offers no others). */
export function readableStates(user: WorkflowActor): CaseState[] {
  if (user.roles.includes("submitter") && user.regions.length) return [...CASE_STATES];
  if (user.roles.some((r) => r === "reviewer" || r === "publisher" || r === "admin")) return CASE_STATES.filter((s) => s !== "draft");
  return ["published"];
}

/** What the filters offer this user: every region and category, the states and batches they may see. */
export async function searchFilterOptions(db: Executor, user: WorkflowActor & { permissions: readonly string[] }): Promise<SearchFilterOptions> {
  const [regionRows, categoryRows, batchRows] = await Promise.all([
    listRegions(db),
    listCategories(db),
    db
      .select({ number: batches.number })
      .from(batches)
      .where(user.permissions.includes("batch:compile:any") ? undefined : eq(batches.state, "published"))
      .orderBy(desc(batches.number)),
  ]);
  return {
    regions: regionRows.map((r) => ({ code: r.code, name: r.name })),
    categories: categoryRows.map((c) => ({ code: c.code, name: c.name })),
    states: readableStates(user),
    batches: batchRows.map((b) => b.number),
  };
}

function filterConditions(filters: SearchFilters): SQL[] {
  const out: SQL[] = [];
  if (filters.region) {
    const region = filters.region;
    out.push(or(eq(cases.leadRegion, region), exists(sql`(select 1 from ${caseRegions} where ${caseRegions.caseId} = ${cases.id} and ${caseRegions.regionCode} = ${region})`))!);
  }
  if (filters.category) out.push(eq(cases.categoryCode, filters.category));
  if (filters.state) out.push(eq(cases.state, filters.state));
  if (filters.batch === "none") out.push(isNull(cases.batchId));
  else if (filters.batch !== null) out.push(eq(cases.batchId, sql`(select ${batches.id} from ${batches} where ${batches.number} = ${filters.batch})`));
  return out;
}

/**
 * The cases the user may read that contain every term (terms from query.ts), newest change first.
 *
 * Plan (issue #7, measured on 10,000 cases): the candidates come from the GIN index alone (no
 * case text read), are filtered by who may read them and by the filters, and sorted; only then is
 * each candidate's text read, in order, until the page is full — and not at all when every term
 * has two characters, whose one bigram being present already means the text contains it. The
 * planner, left alone, scans the table instead: it cannot see that testing `bigrams @>` on a row
 * means decompressing a ~10 KB array, and the GIN index's own statistics stay at their
 * empty-table values until a VACUUM (which PGlite never runs by itself) — 1–2 s instead of
 * milliseconds. So, for these statements, sequential and plain index scans are switched off.
 * The count reads at most SEARCH_COUNT_CAP + 1 texts.
 */
export async function searchCases(
  db: Executor,
  user: WorkflowActor,
  search: { terms: readonly string[]; filters: SearchFilters; page: number },
  /** For the names on the results: the filter options the page loaded anyway. */
  names: Pick<SearchFilterOptions, "regions" | "categories">,
): Promise<SearchResult> {
  const { terms, filters, page } = search;
  const grams = [...new Set(terms.flatMap((t) => bigramsOf(t)))];
  const candidates = db
    .select({ id: cases.id, title: cases.title, state: cases.state, leadRegion: cases.leadRegion, categoryCode: cases.categoryCode, batchId: cases.batchId, version: cases.version, updatedAt: cases.updatedAt })
    .from(cases)
    .where(and(sql`${cases.id} in (select s.case_id from ${caseSearch} s where s.bigrams @> ${sql.param(grams)}::text[])`, readableBy(user), ...filterConditions(filters)))
    .orderBy(desc(cases.updatedAt), desc(cases.id))
    // OFFSET 0 keeps the subquery (and its order) as it is, so the outer query reads texts lazily.
    .offset(0)
    .as("candidates");
  const exact = terms.every((t) => [...t].length === SEARCH_MIN_CHARS);
  const textMatches = and(...terms.map((t) => sql`position(${t} in ${caseSearch.body}) > 0`));
  const { rows, total } = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`);
    const where = exact ? undefined : textMatches;
    const counted = tx
      .select({ one: sql`1` })
      .from(candidates)
      .innerJoin(caseSearch, eq(caseSearch.caseId, candidates.id))
      .where(where)
      .limit(SEARCH_COUNT_CAP + 1)
      .as("counted");
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(counted);
    // Batch, participants and the current content of the page's rows only, in the same statement.
    const rows = await tx
      .select({
        id: candidates.id,
        title: candidates.title,
        state: candidates.state,
        leadRegion: candidates.leadRegion,
        categoryCode: candidates.categoryCode,
        updatedAt: candidates.updatedAt,
        batchNumber: sql<number | null>`(select ${batches.number} from ${batches} where ${batches.id} = ${candidates.batchId})`,
        participants: sql<string[] | null>`(select array_agg(${caseRegions.regionCode}) from ${caseRegions} where ${caseRegions.caseId} = ${candidates.id})`,
        content: sql<unknown>`(select ${caseVersions.content} from ${caseVersions} where ${caseVersions.caseId} = ${candidates.id} and ${caseVersions.version} = ${candidates.version})`,
      })
      .from(candidates)
      .innerJoin(caseSearch, eq(caseSearch.caseId, candidates.id))
      .where(where)
      .orderBy(desc(candidates.updatedAt), desc(candidates.id))
      .offset((page - 1) * SEARCH_PAGE_SIZE)
      .limit(SEARCH_PAGE_SIZE);
    return { rows, total: count?.n ?? 0 };
  });
  return { hits: describeHits(rows, terms, names), total: Math.min(total, SEARCH_COUNT_CAP), capped: total > SEARCH_COUNT_CAP };
}

type HitRow = {
  id: string;
  title: string;
  state: string;
  leadRegion: string;
  categoryCode: string;
  updatedAt: Date;
  batchNumber: number | null;
  participants: string[] | null;
  content: unknown;
};

/** A page of rows as the page shows them: names from the filter options, the passage with its marks. */
function describeHits(rows: HitRow[], terms: readonly string[], names: Pick<SearchFilterOptions, "regions" | "categories">): SearchHit[] {
  const regionName = new Map(names.regions.map((r) => [r.code, r.name]));
  const regionOrder = new Map(names.regions.map((r, i) => [r.code, i]));
  const categoryName = new Map(names.categories.map((c) => [c.code, c.name]));
  return rows.map((r) => {
    // The JSON column comes back parsed from PostgreSQL, as text from a scalar subquery on some drivers.
    const content = (typeof r.content === "string" ? JSON.parse(r.content) : r.content) as CaseContent | null;
    return {
      id: r.id,
      title: r.title,
      titleSegments: highlight(r.title, terms),
      snippet: snippet(content ? readableBlocks(content).slice(1) : [], terms),
      state: r.state,
      leadRegionName: regionName.get(r.leadRegion) ?? r.leadRegion,
      participantNames: (r.participants ?? [])
        .filter((code) => code !== r.leadRegion)
        .sort((a, b) => (regionOrder.get(a) ?? 0) - (regionOrder.get(b) ?? 0))
        .map((code) => regionName.get(code) ?? code),
      categoryName: categoryName.get(r.categoryCode) ?? r.categoryCode,
      batchNumber: r.batchNumber === null ? null : Number(r.batchNumber),
      updatedAt: new Date(r.updatedAt),
    };
  });
}
