/**
 * Similarity to earlier and parallel cases, computed from an index in the database
 * (db/schema/aids.ts): a case's MinHash signature and LSH band keys are written in the transaction
 * that saves its content; a query looks up the cases sharing a band key and scores only those, in SQL.
 */
import { and, eq, isNull, ne, sql, type SQL } from "drizzle-orm";
import { batches, caseSimilarity, caseSimilarityBands, cases, caseVersions, regions } from "#db/schema";
import type { CaseContent, CaseDocumentContent } from "~/cases/content";
import { rowsOf, type Executor, type Transaction } from "~/db/db.server";
import { readableBy } from "~/search/search.server";
import { readableBlocks } from "~/search/search-text";
import type { WorkflowActor } from "#workflows/case-review";
import { bandKeys, comparableText, shingleHashes, signatureOf, SLOTS, BANDS } from "./minhash";

import type { SharedPassage, SimilarCase } from "./types";
export type { SharedPassage, SimilarCase };

/** Scores below this are not shown: neighbouring topics stay under 0.5, copies score over 0.8. */
export const SIMILAR_MIN_SCORE = 0.3;
export const NEAR_DUPLICATE_SCORE = 0.5;

export function caseText(content: CaseDocumentContent): string {
  return readableBlocks(content as CaseContent).join("\n");
}

export function signatureOfContent(content: CaseDocumentContent): number[] {
  return signatureOf(shingleHashes(comparableText(caseText(content))));
}

/** Keeps a case's similarity rows in step with its content; call in the transaction that writes it. */
export async function indexCaseSimilarity(tx: Transaction | Executor, caseId: string, content: CaseDocumentContent) {
  const signature = signatureOfContent(content);
  await tx.insert(caseSimilarity).values({ caseId, signature }).onConflictDoUpdate({ target: caseSimilarity.caseId, set: { signature } });
  await tx.delete(caseSimilarityBands).where(eq(caseSimilarityBands.caseId, caseId));
  await tx.insert(caseSimilarityBands).values(bandKeys(signature).map((key, band) => ({ caseId, band, key })));
}

/**
 * Indexes up to `limit` cases that have no similarity row yet (cases saved before the index
 * existed); returns how many it did. Cheap to call often: the lookup is one anti-join.
 */
export async function backfillSimilarity(db: Executor, limit = 200): Promise<number> {
  const rows = await db
    .select({ caseId: cases.id, content: caseVersions.content })
    .from(cases)
    .innerJoin(caseVersions, and(eq(caseVersions.caseId, cases.id), eq(caseVersions.version, cases.version)))
    .leftJoin(caseSimilarity, eq(caseSimilarity.caseId, cases.id))
    .where(isNull(caseSimilarity.caseId))
    .limit(limit);
  for (const r of rows) await indexCaseSimilarity(db, r.caseId, r.content as CaseContent);
  return rows.length;
}

/** Indexes every missing case now, in chunks (the similarity.backfill job; the CLI, before it queries). */
export async function backfillAll(db: Executor): Promise<void> {
  while ((await backfillSimilarity(db, 500)) === 500);
}

/** How many candidates (most shared band keys first) are scored exactly. */
const CANDIDATES = 100;

/**
 * Candidates sharing a band key with the signature (an index lookup), the `CANDIDATES` with most
 * shared keys among those `where` admits, scored by equal signature slots in SQL; best first.
 */
async function scoredCandidates(db: Executor, signature: number[], where: SQL | undefined, limit: number) {
  const keys = bandKeys(signature);
  const bands = keys.map((_, i) => i);
  const rows = await db.execute(sql`
    with cand as (
      select b.case_id, count(*) as hits
      from ${caseSimilarityBands} b
      where (b.band, b.key) in (select * from unnest(${sql.param(bands)}::int[], ${sql.param(keys)}::int[]))
      group by b.case_id
    ), top as (
      select cand.case_id, cand.hits from cand join ${cases} on ${cases.id} = cand.case_id
      where ${where ?? sql`true`}
      order by cand.hits desc, cand.case_id
      limit ${CANDIDATES}
    ), scored as (
      select top.case_id,
        (select count(*) from unnest(s.signature, ${sql.param(signature)}::int[]) as t(a, b) where t.a = t.b)::float8 / ${SLOTS} as score
      from top join ${caseSimilarity} s on s.case_id = top.case_id
      order by score desc, top.case_id
      limit ${limit}
    )
    select ${cases.id} as case_id, ${cases.title} as title, ${cases.state} as state, ${batches.number} as batch, ${regions.name} as region,
      cv.content as content, scored.score
    from scored
    join ${cases} on ${cases.id} = scored.case_id
    join ${regions} on ${regions.code} = ${cases.leadRegion}
    left join ${batches} on ${batches.id} = ${cases.batchId}
    join ${caseVersions} cv on cv.case_id = ${cases.id} and cv.version = ${cases.version}
    order by scored.score desc, ${cases.id}`);
  return rowsOf<{ case_id: string; title: string; state: string; batch: number | null; region: string; content: unknown; score: number }>(rows).map((r) => ({
    caseId: r.case_id,
    title: r.title,
    state: r.state,
    batch: r.batch === null ? null : Number(r.batch),
    region: r.region,
    content: typeof r.content === "string" ? JSON.parse(r.content) : r.content,
    score: Number(r.score),
  }));
}

/** Sentences (or clauses of long sentences) worth comparing. */
function passages(text: string): string[] {
  return text
    .split(/(?<=[。；！？\n])/)
    .map((s) => s.trim())
    .filter((s) => [...s].length >= 12);
}

/** Passages of `mine` that (nearly) recur in `theirs`, in the order of `mine` (an inverted index of theirs' trigrams). */
export function sharedPassages(mine: string, theirs: string, max = 8): SharedPassage[] {
  const theirsPassages = passages(theirs);
  const sizes: number[] = [];
  const postings = new Map<number, number[]>();
  theirsPassages.forEach((p, i) => {
    const set = shingleHashes(comparableText(p));
    sizes.push(set.length);
    for (const h of set) {
      const list = postings.get(h);
      if (list) list.push(i);
      else postings.set(h, [i]);
    }
  });
  const out: SharedPassage[] = [];
  const hits = new Int32Array(theirsPassages.length);
  for (const p of passages(mine)) {
    const set = shingleHashes(comparableText(p));
    if (!set.length) continue;
    hits.fill(0);
    for (const h of set) for (const i of postings.get(h) ?? []) hits[i]++;
    let best: SharedPassage | null = null;
    for (let i = 0; i < hits.length; i++) {
      if (!hits[i]) continue;
      const score = hits[i] / (set.length + sizes[i] - hits[i]);
      if (score >= 0.5 && (!best || score > best.score)) best = { mine: p, theirs: theirsPassages[i], score };
    }
    if (best) out.push(best);
    if (out.length >= max) break;
  }
  return out;
}

/**
 * The cases most similar to `content` that the viewer may read (published and in flight, any
 * region), best first, with the shared passages side by side. `excludeCaseId`: the case itself.
 */
export async function similarCases(
  db: Executor,
  input: { content: CaseDocumentContent; excludeCaseId?: string },
  opts: { viewer: WorkflowActor; limit?: number; minScore?: number },
): Promise<SimilarCase[]> {
  const signature = signatureOfContent(input.content);
  const rows = await scoredCandidates(
    db,
    signature,
    and(readableBy(opts.viewer), input.excludeCaseId ? ne(cases.id, input.excludeCaseId) : undefined),
    opts.limit ?? 5,
  );
  const shown = rows.filter((r) => r.score >= (opts.minScore ?? SIMILAR_MIN_SCORE));
  if (!shown.length) return [];
  const mine = caseText(input.content);
  return shown.map((r) => {
    const theirs = r.content as CaseContent | undefined;
    return {
      caseId: r.caseId,
      title: r.title,
      state: r.state,
      batch: r.batch,
      region: r.region,
      score: Math.round(r.score * 100) / 100,
      passages: theirs ? sharedPassages(mine, caseText(theirs)) : [],
    };
  });
}

export type NearDuplicate = { a: { caseId: string; title: string }; b: { caseId: string; title: string }; score: number };

/** Pairs of cases inside one batch that are near-duplicates (score ≥ 0.5), best first. */
export async function batchNearDuplicates(db: Executor, batchId: number, minScore = NEAR_DUPLICATE_SCORE): Promise<NearDuplicate[]> {
  const rows = await db.execute(sql`
    with members as (select id, title from ${cases} where batch_id = ${batchId}),
    pairs as (
      select distinct x.case_id as a, y.case_id as b
      from ${caseSimilarityBands} x join ${caseSimilarityBands} y on x.band = y.band and x.key = y.key and x.case_id < y.case_id
      where x.case_id in (select id from members) and y.case_id in (select id from members)
    )
    select p.a, p.b, ma.title as a_title, mb.title as b_title,
      (select count(*) from unnest(sa.signature, sb.signature) as t(u, v) where t.u = t.v)::float8 / ${SLOTS} as score
    from pairs p
    join ${caseSimilarity} sa on sa.case_id = p.a join ${caseSimilarity} sb on sb.case_id = p.b
    join members ma on ma.id = p.a join members mb on mb.id = p.b
    order by score desc`);
  const list = rowsOf<{ a: string; b: string; a_title: string; b_title: string; score: number }>(rows);
  return list
    .map((r) => ({ a: { caseId: r.a, title: r.a_title }, b: { caseId: r.b, title: r.b_title }, score: Math.round(Number(r.score) * 100) / 100 }))
    .filter((r) => r.score >= minScore);
}

export { BANDS };
