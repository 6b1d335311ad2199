/** What is made of a parsed bulletin: a case made whole, the CLI's summary, renderer input. */
import type { BulletinInput } from "~/bulletin/render-model";
import type { CaseContent } from "~/cases/content/schema";
import type { CaseCategory, PilotRegion } from "~/reference/pilot-regions";
import { INITIAL_CATEGORIES, PILOT_REGIONS } from "~/reference/pilot-regions";
import { compactKey } from "./lines";
import type { ImportedBulletin, ImportedCase } from "./parse";

/** Turn an imported case into full CaseContent, resolving the category by name. */
export function resolveImportedCase(
  imported: ImportedCase,
  categoryName: string,
  opts: { categories?: readonly CaseCategory[]; leadRegion?: string; regions?: string[] } = {},
): CaseContent {
  const categories = opts.categories ?? INITIAL_CATEGORIES;
  const category = categories.find((c) => compactKey(c.name) === compactKey(categoryName))?.code ?? "";
  const leadRegion = opts.leadRegion ?? imported.proposedRegions[0] ?? "";
  const regions = (opts.regions ?? imported.proposedRegions).filter((r) => r !== leadRegion);
  return { ...imported.content, category, leadRegion, regions };
}

export type BulletinSummary = {
  batch: number | null;
  title: string;
  cases: {
    category: string;
    title: string;
    regions: string[];
    practices: number;
    effects: number;
    nextSteps: number;
  }[];
};

/** The CLI's `--json` output. Region names are display names ("北京市"). */
export function summarize(bulletin: ImportedBulletin, regions: readonly PilotRegion[] = PILOT_REGIONS): BulletinSummary {
  const nameOf = (code: string) => regions.find((r) => r.code === code)?.name ?? code;
  return {
    batch: bulletin.batchNumber,
    title: bulletin.title,
    cases: bulletin.categories.flatMap((cat) =>
      cat.cases.map((c) => ({
        category: cat.name,
        title: c.content.title,
        regions: c.proposedRegions.map(nameOf),
        practices: c.content.practices.items.length,
        effects: c.content.effects.items.length,
        nextSteps: c.content.nextSteps.kind === "points" ? c.content.nextSteps.points.length : 0,
      })),
    ),
  };
}

/** The imported bulletin as renderer input (for Markdown export and previews). */
export function importedToBulletinInput(b: ImportedBulletin): BulletinInput {
  return {
    title: b.title,
    preface: b.preface,
    categories: b.categories.map((c) => ({ name: c.name, cases: c.cases.map((k) => k.content) })),
  };
}
