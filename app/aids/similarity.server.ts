/**
 * Similarity to earlier and parallel cases, computed from an index in the database
 * (db/schema/aids.ts): a case's MinHash signature and LSH band keys are written in the transaction
 * that saves its content; a query looks up the cases sharing a band key and scores only those, in SQL.
 */
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
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

/**
 * Indexes every case still missing, in chunks, in the background: started after the server is up
 * (app/db/startup.server.ts), so a large database does not delay the start. Stops quietly when
 * the database closes. Until it is done, cases not yet indexed are simply not found as similar.
 */
export function startSimilarityBackfill(db: Executor, chunk = 200): Promise<number> {
  return new Promise((resolve) => {
    let total = 0;
    const step = () =>
      backfillSimilarity(db, chunk).then(
        (n) => {
          total += n;
          if (n === chunk) setTimeout(step, 20);
          else resolve(total);
        },
        () => resolve(total),
      );
    setTimeout(step, 1000).unref?.();
  });
}

/** Indexes every missing case now (the CLI, before it queries). */
export async function backfillAll(db: Executor): Promise<void> {
  while ((await backfillSimilarity(db, 500)) === 500);
}

/** Candidates sharing a band key with the signature, scored by equal slots (SQL), best first. */
async function scoredCandidates(db: Executor, signature: number[], where: ReturnType<typeof and>, limit: number) {
  const keys = bandKeys(signature);
  const bands = keys.map((_, i) => i);
  const score = sql<number>`(select count(*) from unnest(${caseSimilarity.signature}, ${sql.param(signature)}::int[]) as t(a, b) where t.a = t.b)::float8 / ${SLOTS}`;
  const candidates = sql`(select distinct b.case_id from ${caseSimilarityBands} b
    join unnest(${sql.param(bands)}::int[], ${sql.param(keys)}::int[]) as q(band, key) on b.band = q.band and b.key = q.key)`;
  return db
    .select({ caseId: cases.id, title: cases.title, state: cases.state, batch: batches.number, region: regions.name, score, content: caseVersions.content })
    .from(caseSimilarity)
    .innerJoin(cases, eq(cases.id, caseSimilarity.caseId))
    .innerJoin(caseVersions, and(eq(caseVersions.caseId, cases.id), eq(caseVersions.version, cases.version)))
    .innerJoin(regions, eq(regions.code, cases.leadRegion))
    .leftJoin(batches, eq(batches.id, cases.batchId))
    .where(and(sql`${caseSimilarity.caseId} in ${candidates}`, where))
    .orderBy(desc(score), cases.id)
    .limit(limit);
}

/** Sentences (or clauses of long sentences) worth comparing. */
function passages(text: string): string[] {
  return text
    .split(/(?<=[。；！？\n])/)
    .map((s) => s.trim())
    .filter((s) => [...s].length >= 12);
}

/** Passages of `mine` that (nearly) recur in `theirs`, in the order of `mine`. */
export function sharedPassages(mine: string, theirs: string, max = 8): SharedPassage[] {
  const theirsSets = passages(theirs).map((p) => ({ p, set: new Set(shingleHashes(comparableText(p))) }));
  const out: SharedPassage[] = [];
  for (const p of passages(mine)) {
    const set = new Set(shingleHashes(comparableText(p)));
    if (!set.size) continue;
    let best: SharedPassage | null = null;
    for (const t of theirsSets) {
      let inter = 0;
      for (const h of set) if (t.set.has(h)) inter++;
      const s = inter / (set.size + t.set.size - inter);
      if (s >= 0.5 && (!best || s > best.score)) best = { mine: p, theirs: t.p, score: s };
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
