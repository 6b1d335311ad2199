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

/** The count badge of each case (current version), for lists such as the review queue. */
export async function aidCounts(db: Executor, caseIds: string[], opts: { now?: Date } = {}): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!caseIds.length) return out;
  const rows = await db
    .select({
      caseId: cases.id,
      content: caseVersions.content,
      publishedAt: batches.publishedAt,
      batchCreatedAt: batches.createdAt,
      notes: sql<number>`(select count(*)::int from ${caseImportNotes} n where n.case_id = ${cases.id})`,
    })
    .from(cases)
    .innerJoin(caseVersions, and(eq(caseVersions.caseId, cases.id), eq(caseVersions.version, cases.version)))
    .leftJoin(batches, eq(batches.id, cases.batchId))
    .where(inArray(cases.id, caseIds));
  for (const r of rows) {
    const ref = referenceDateOf(r.batchCreatedAt ? { publishedAt: r.publishedAt, createdAt: r.batchCreatedAt } : null, opts.now ?? new Date());
    out.set(r.caseId, aidCount(contentAidsPure(r.content as CaseContent, ref), Number(r.notes)));
  }
  return out;
}
