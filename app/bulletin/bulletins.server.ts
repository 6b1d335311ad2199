import { and, asc, eq, sql } from "drizzle-orm";
import { batchCategories, batches, cases, caseVersions, categories, regions } from "#db/schema";
import type { CaseContent } from "~/cases/content";
import type { RichText } from "~/cases/content/rich-text";
import type { Executor } from "~/db/db.server";
import type { BulletinInput } from "./render-model";

export type BatchRow = typeof batches.$inferSelect;

/** region code → display name, for renderers. */
export async function regionNameMap(db: Executor): Promise<Record<string, string>> {
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions);
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

export async function getBatchByNumber(db: Executor, number: number): Promise<BatchRow | null> {
  const [row] = await db.select().from(batches).where(eq(batches.number, number)).limit(1);
  return row ?? null;
}

/**
 * A batch as the renderers take it: categories in the batch's order, cases in their order, each
 * with the content version pinned at publication (or the current one while compiling).
 * Three queries, whatever the batch's size.
 */
export async function loadBulletin(db: Executor, batch: BatchRow) {
  const [categoryRows, caseRows, regionNames] = await Promise.all([
    db
      .select({ code: categories.code, name: categories.name, position: batchCategories.position })
      .from(batchCategories)
      .innerJoin(categories, eq(categories.code, batchCategories.categoryCode))
      .where(eq(batchCategories.batchId, batch.id))
      .orderBy(asc(batchCategories.position)),
    db
      .select({ id: cases.id, categoryCode: cases.batchCategoryCode, position: cases.batchPosition, content: caseVersions.content })
      .from(cases)
      .innerJoin(caseVersions, and(eq(caseVersions.caseId, cases.id), eq(caseVersions.version, sql`coalesce(${cases.publishedVersion}, ${cases.version})`)))
      .where(eq(cases.batchId, batch.id))
      .orderBy(asc(cases.batchPosition)),
    regionNameMap(db),
  ]);
  const input: BulletinInput = {
    title: batch.title,
    preface: batch.preface as RichText[],
    categories: categoryRows.map((cat) => ({
      name: cat.name,
      cases: caseRows.filter((c) => c.categoryCode === cat.code).map((c) => c.content as CaseContent),
    })),
  };
  const caseIds = categoryRows.flatMap((cat) => caseRows.filter((c) => c.categoryCode === cat.code).map((c) => c.id));
  return { input, caseIds, regionNames };
}
