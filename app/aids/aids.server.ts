/**
 * The three reviewer aids for one case, for the case page, the editor and the queue.
 * Routes call these; the checks themselves are pure (style.ts, figures.ts) or in the index
 * (similarity.server.ts).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { batches, caseImportNotes, cases, caseVersions } from "#db/schema";
import type { CaseContent, CaseDocumentContent } from "~/cases/content";
import type { Executor } from "~/db/db.server";
import type { WorkflowActor } from "#workflows/case-review";
import { caseFigures } from "./figures";
import type { ImportNote } from "./import-notes";
import { similarCases } from "./similarity.server";
import type { ContentAids, ReviewerAids } from "./types";
import { styleFindings } from "./style";

export type { ContentAids, ReviewerAids };

/** Style findings and figures of a content, figures judged against `referenceDate`. */
export function contentAidsPure(content: CaseDocumentContent, referenceDate: Date): ContentAids {
  return { findings: styleFindings(content), figures: caseFigures(content, referenceDate) };
}

/** How many things a reviewer should look at: style findings, flagged figures, import notes. */
export function aidCount(aids: ContentAids, importNotes = 0): number {
  return aids.findings.length + aids.figures.filter((f) => f.flags.length).length + importNotes;
}

/** The date figures are judged against: the batch's publication (or creation), else today. */
function referenceDateOf(batch: { publishedAt: Date | null; createdAt: Date } | null, now: Date): Date {
  return batch ? (batch.publishedAt ?? batch.createdAt) : now;
}

/**
 * The reviewer aids of one case. `content` and `batch` may be passed by a caller that has them
 * already (the case page), saving the lookups.
 */
export async function reviewerAidsForCase(
  db: Executor,
  caseId: string,
  opts: {
    viewer: WorkflowActor;
    now?: Date;
    version?: number;
    content?: CaseDocumentContent;
    batch?: { publishedAt: Date | null; createdAt: Date } | null;
  },
): Promise<ReviewerAids | null> {
  let content = opts.content;
  let batch = opts.batch;
  if (!content || batch === undefined) {
    const [row] = await db
      .select({ version: cases.version, batchId: cases.batchId, publishedAt: batches.publishedAt, batchCreatedAt: batches.createdAt, content: caseVersions.content })
      .from(cases)
      .leftJoin(batches, eq(batches.id, cases.batchId))
      .innerJoin(caseVersions, and(eq(caseVersions.caseId, cases.id), opts.version ? eq(caseVersions.version, opts.version) : eq(caseVersions.version, cases.version)))
      .where(eq(cases.id, caseId))
      .limit(1);
    if (!row) return null;
    content ??= row.content as CaseContent;
    batch ??= row.batchId && row.batchCreatedAt ? { publishedAt: row.publishedAt, createdAt: row.batchCreatedAt } : null;
  }
  const ref = referenceDateOf(batch ?? null, opts.now ?? new Date());
  const [notes, similar] = await Promise.all([
    db
      .select({ rule: caseImportNotes.rule, excerpt: caseImportNotes.excerpt, message: caseImportNotes.message, line: caseImportNotes.line })
      .from(caseImportNotes)
      .where(eq(caseImportNotes.caseId, caseId))
      .orderBy(asc(caseImportNotes.position)),
    similarCases(db, { content, excludeCaseId: caseId }, { viewer: opts.viewer }),
  ]);
  return { ...contentAidsPure(content, ref), importNotes: notes as ImportNote[], similar, referenceDate: ref.toISOString().slice(0, 10) };
}

/**
 * Badge counts by case version, import-note count and reference day (the figures are judged by the
 * month): a case's count only changes with a new version, a new note or the passing of time, so the
 * queue (25 cases a page, ~10 ms of checks) computes each once. Derived data only: every process may
 * keep its own, and losing it costs a recomputation.
 */
const countCache = new Map<string, number>();
const COUNT_CACHE_LIMIT = 20_000;

/** Tests that count statements measure the cold case (contents read, checks run). */
export function forgetAidCounts() {
  countCache.clear();
}

function rememberCount(key: string, value: number) {
  if (countCache.size >= COUNT_CACHE_LIMIT) countCache.delete(countCache.keys().next().value!);
  countCache.set(key, value);
}

/**
 * The count badge of each case (current version), for lists such as the review queue: one statement
 * for the cache keys, and a second one reading contents only for the cases not counted yet.
 */
export async function aidCounts(db: Executor, caseIds: string[], opts: { now?: Date } = {}): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!caseIds.length) return out;
  const keys = await db
    .select({
      caseId: cases.id,
      version: cases.version,
      publishedAt: batches.publishedAt,
      batchCreatedAt: batches.createdAt,
      notes: sql<number>`(select count(*)::int from ${caseImportNotes} n where n.case_id = ${cases.id})`,
    })
    .from(cases)
    .leftJoin(batches, eq(batches.id, cases.batchId))
    .where(inArray(cases.id, caseIds));
  const missing = new Map<string, { key: string; version: number; ref: Date; notes: number }>();
  for (const r of keys) {
    const ref = referenceDateOf(r.batchCreatedAt ? { publishedAt: r.publishedAt, createdAt: r.batchCreatedAt } : null, opts.now ?? new Date());
    const key = `${r.caseId}|${r.version}|${ref.toISOString().slice(0, 10)}|${r.notes}`;
    const known = countCache.get(key);
    if (known === undefined) missing.set(r.caseId, { key, version: r.version, ref, notes: Number(r.notes) });
    else out.set(r.caseId, known);
  }
  if (!missing.size) return out;
  const contents = await db
    .select({ caseId: caseVersions.caseId, version: caseVersions.version, content: caseVersions.content })
    .from(caseVersions)
    .innerJoin(cases, and(eq(cases.id, caseVersions.caseId), eq(cases.version, caseVersions.version)))
    .where(inArray(cases.id, [...missing.keys()]));
  for (const r of contents) {
    const want = missing.get(r.caseId);
    if (!want) continue;
    const count = aidCount(contentAidsPure(r.content as CaseContent, want.ref), want.notes);
    out.set(r.caseId, count);
    // Saved between the two reads: counted for the newer version, not remembered under the older key.
    if (r.version === want.version) rememberCount(want.key, count);
  }
  return out;
}
