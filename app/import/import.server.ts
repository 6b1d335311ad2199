import { queueBulletinExport } from "~/batches/export-job.server";
import { eq, sql } from "drizzle-orm";
import { batchCategories, batches, caseImportNotes, categories } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { insertCase } from "~/cases/cases.server";
import { caseContentSchema } from "~/cases/content";
import { getDb, type Transaction } from "~/db/db.server";
import { chineseNumeral } from "~/cases/content/numbering";
import { compactKey } from "./lines";
import type { ImportedBulletin, ImportIssue } from "./parse";
import { resolveImportedCase } from "./resolve";
import { importStrings as s } from "./strings";

/**
 * Writes a parsed bulletin as a published historical batch: categories (created when new), the
 * batch, and every case in state `published` with its content as version 1 — all in one
 * transaction, so a refusal anywhere writes nothing.
 */
export class ImportRefused extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(issues.map((i) => (i.line ? `第 ${i.line} 行：${i.message}` : i.message)).join("\n"));
  }
}

/** Regions a person confirmed for each case, by the case's position in the bulletin (0-based). */
export type RegionChoice = { leadRegion: string; regions: string[] };

export type ImportOutcome = { batchId: number; batchNumber: number; caseIds: string[] };

async function resolveCategories(tx: Transaction, actor: AuditActor, names: string[]) {
  const existing = await tx.select({ code: categories.code, name: categories.name }).from(categories);
  const codes: string[] = [];
  for (const name of names) {
    let found = existing.find((c) => compactKey(c.name) === compactKey(name));
    if (!found) {
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(categories);
      found = { code: `category-${n + 1}-${Date.now().toString(36)}`, name };
      await tx.insert(categories).values({ ...found, sortOrder: (n + 1) * 10 });
      await recordAudit(tx, actor, { action: "category.create", entityType: "category", entityId: found.code, after: found });
      existing.push(found);
    }
    codes.push(found.code);
  }
  return codes;
}

export async function importBulletin(
  actor: AuditActor,
  bulletin: ImportedBulletin,
  options: { regionChoices?: (RegionChoice | undefined)[]; activeRegionCodes?: string[] } = {},
): Promise<ImportOutcome> {
  const number = bulletin.batchNumber;
  if (!number) throw new ImportRefused([{ line: 1, message: s.noBatchNumber }]);
  return getDb().transaction(async (tx) => {
    const [clash] = await tx.select({ id: batches.id }).from(batches).where(eq(batches.number, number)).limit(1);
    if (clash) throw new ImportRefused([{ line: 1, message: s.batchExists(chineseNumeral(number)) }]);

    const categoryCodes = await resolveCategories(tx, actor, bulletin.categories.map((c) => c.name));
    const now = new Date();
    const [batch] = await tx
      .insert(batches)
      .values({ number, title: bulletin.title, preface: bulletin.preface, state: "published", publishedAt: now, createdBy: actor.id })
      .returning({ id: batches.id });
    await tx.insert(batchCategories).values(categoryCodes.map((categoryCode, position) => ({ batchId: batch.id, categoryCode, position })));

    const issues: ImportIssue[] = [];
    const caseIds: string[] = [];
    let index = 0;
    for (const [ci, category] of bulletin.categories.entries()) {
      for (const [position, imported] of category.cases.entries()) {
        const choice = options.regionChoices?.[index++];
        const content = resolveImportedCase(imported, category.name, {
          categories: [{ code: categoryCodes[ci], name: category.name }],
          leadRegion: choice?.leadRegion,
          regions: choice?.regions,
        });
        const parsed = caseContentSchema.safeParse(content);
        if (!content.leadRegion) {
          issues.push({ line: imported.line, message: s.noLeadRegion(content.title) });
          continue;
        }
        if (!parsed.success) {
          issues.push({ line: imported.line, message: `${content.title}：${parsed.error.issues[0]?.message}` });
          continue;
        }
        const id = await insertCase(tx, {
          content: parsed.data,
          state: "published",
          createdBy: actor.id,
          kind: "import",
          batch: { id: batch.id, categoryCode: categoryCodes[ci], position, published: true },
        });
        await recordAudit(tx, actor, {
          action: "case.import",
          entityType: "case",
          entityId: id,
          after: { title: parsed.data.title, batch: number, state: "published", leadRegion: parsed.data.leadRegion, regions: parsed.data.regions },
        });
        if (imported.importNotes?.length) {
          await tx.insert(caseImportNotes).values(imported.importNotes.map((n, position) => ({ caseId: id, position, ...n })));
        }
        caseIds.push(id);
      }
    }
    if (issues.length) throw new ImportRefused(issues);
    await recordAudit(tx, actor, {
      action: "batch.import",
      entityType: "batch",
      entityId: String(batch.id),
      after: { number, title: bulletin.title, cases: caseIds.length, categories: bulletin.categories.map((c) => c.name) },
    });
    await queueBulletinExport(tx, batch.id);
    return { batchId: batch.id, batchNumber: number, caseIds };
  });
}
