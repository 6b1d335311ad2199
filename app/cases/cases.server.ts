import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { caseRegions, cases, caseVersions } from "#db/schema";
import type { Executor, Transaction } from "~/db/db.server";
import { indexCase } from "~/search/search.server";
import { indexCaseSimilarity } from "~/aids/similarity.server";
import type { CaseContent } from "./content";

/**
 * Storage of cases and their immutable versions. Every content change writes a new
 * `case_versions` row and bumps `cases.version`, conditional on the version the writer started
 * from, so two writers never silently overwrite each other.
 */
export type CaseRow = typeof cases.$inferSelect;
export type VersionKind = "save" | "autosave" | "submission" | "import";

/** The list/filter columns of `cases` that are copies of the current content. */
function contentColumns(content: CaseContent) {
  return { title: content.title, categoryCode: content.category, leadRegion: content.leadRegion };
}

async function replaceParticipatingRegions(tx: Transaction, caseId: string, content: CaseContent) {
  await tx.delete(caseRegions).where(eq(caseRegions.caseId, caseId));
  const codes = [...new Set(content.regions)].filter((r) => r !== content.leadRegion);
  if (codes.length) await tx.insert(caseRegions).values(codes.map((regionCode) => ({ caseId, regionCode })));
}

export async function insertCase(
  tx: Transaction,
  input: {
    content: CaseContent;
    state: string;
    createdBy: string | null;
    kind: VersionKind;
    batch?: { id: number; categoryCode: string; position: number; published: boolean };
  },
) {
  const id = randomUUID();
  const now = new Date();
  await tx.insert(cases).values({
    id,
    ...contentColumns(input.content),
    state: input.state,
    version: 1,
    createdBy: input.createdBy,
    updatedBy: input.createdBy,
    createdAt: now,
    updatedAt: now,
    batchId: input.batch?.id ?? null,
    batchCategoryCode: input.batch?.categoryCode ?? null,
    batchPosition: input.batch?.position ?? null,
    publishedVersion: input.batch?.published ? 1 : null,
  });
  await tx.insert(caseVersions).values({ caseId: id, version: 1, content: input.content, kind: input.kind, createdBy: input.createdBy, createdAt: now });
  await replaceParticipatingRegions(tx, id, input.content);
  await indexCase(tx, id, input.content);
  await indexCaseSimilarity(tx, id, input.content);
  return id;
}

export class CaseVersionConflict extends Error {
  constructor(readonly currentVersion: number) {
    super(`case changed: now at version ${currentVersion}`);
  }
}

/**
 * Writes a new version if, and only if, the case is still at `baseVersion`. The conditional
 * UPDATE is the lock: of two concurrent writers from the same base exactly one matches a row.
 */
export async function writeNewVersion(
  tx: Transaction,
  input: { caseId: string; baseVersion: number; content: CaseContent; userId: string | null; kind: VersionKind; state?: string },
) {
  const now = new Date();
  const [updated] = await tx
    .update(cases)
    .set({ ...contentColumns(input.content), version: input.baseVersion + 1, updatedBy: input.userId, updatedAt: now, ...(input.state ? { state: input.state } : {}) })
    .where(and(eq(cases.id, input.caseId), eq(cases.version, input.baseVersion)))
    .returning({ version: cases.version });
  if (!updated) {
    const [current] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, input.caseId));
    throw new CaseVersionConflict(current?.version ?? -1);
  }
  await tx.insert(caseVersions).values({ caseId: input.caseId, version: updated.version, content: input.content, kind: input.kind, createdBy: input.userId, createdAt: now });
  await replaceParticipatingRegions(tx, input.caseId, input.content);
  await indexCase(tx, input.caseId, input.content);
  await indexCaseSimilarity(tx, input.caseId, input.content);
  return updated.version;
}

export async function getCase(db: Executor, id: string): Promise<CaseRow | null> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id)).limit(1);
  return row ?? null;
}

export async function getCaseContent(db: Executor, id: string, version: number): Promise<CaseContent | null> {
  const [row] = await db
    .select({ content: caseVersions.content })
    .from(caseVersions)
    .where(and(eq(caseVersions.caseId, id), eq(caseVersions.version, version)))
    .limit(1);
  return (row?.content as CaseContent | undefined) ?? null;
}

export async function listVersions(db: Executor, id: string) {
  return db
    .select({ version: caseVersions.version, kind: caseVersions.kind, createdBy: caseVersions.createdBy, createdAt: caseVersions.createdAt })
    .from(caseVersions)
    .where(eq(caseVersions.caseId, id))
    .orderBy(asc(caseVersions.version));
}
