/**
 * One rendering model for every output (web page, live preview, Markdown, later DOCX and PDF):
 * a flat, ordered list of typed blocks with the bulletin's numbering generated here, so every
 * renderer prints exactly the same words in the same order.
 */
import type { Block, CaseDocumentContent, Point } from "~/cases/content/schema";
import type { RichText, Run } from "~/cases/content/rich-text";
import { toRuns } from "~/cases/content/rich-text";
import { itemNumber, pointNumber, sectionNumber } from "~/cases/content/numbering";
import { CASE_STRINGS } from "~/cases/content/strings";

export type { Run };

export type RenderBlock =
  | { kind: "caseTitle"; text: string }
  /** level 1: "一、主要做法"; level 2: "（一）先行先试…。" */
  | { kind: "heading"; level: 1 | 2; number: string; text: string }
  | { kind: "paragraph"; role: "intro" | "lead" | "body" | "point"; runs: Run[] };

export type CaseRenderModel = {
  title: string;
  categoryName?: string;
  leadRegionName?: string;
  regionNames: string[];
  blocks: RenderBlock[];
};

export type DisplayNames = {
  categoryName?: string;
  /** region code → display name ("beijing" → "北京市") */
  regionNames?: Readonly<Record<string, string>>;
};

type RenderableCase = CaseDocumentContent & { leadRegion?: string; regions?: readonly string[] };

/** Merge adjacent runs of equal boldness and drop empty ones. */
export function mergeRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    if (!r.text) continue;
    const last = out[out.length - 1];
    if (last && last.bold === r.bold) last.text += r.text;
    else out.push({ ...r });
  }
  return out;
}

/** A bold lead phrase followed by "。" unless it already ends a sentence. */
export function leadRuns(lead: string | undefined): Run[] {
  if (!lead) return [];
  return [{ text: /[。！？!?]$/.test(lead) ? lead : `${lead}。`, bold: true }];
}

const richRuns = (r: RichText | undefined): Run[] => (r ? toRuns(r) : []);

function pointRuns(p: Point, n: number): Run[] {
  return [{ text: pointNumber(n), bold: false }, ...leadRuns(p.lead), ...richRuns(p.text)];
}

function pointsBlocks(layout: "inline" | "list", intro: RichText | undefined, points: Point[]): RenderBlock[] {
  if (layout === "inline") {
    return [{ kind: "paragraph", role: "body", runs: mergeRuns([...richRuns(intro), ...points.flatMap((p, i) => pointRuns(p, i + 1))]) }];
  }
  const out: RenderBlock[] = [];
  if (intro) out.push({ kind: "paragraph", role: "body", runs: mergeRuns(richRuns(intro)) });
  points.forEach((p, i) => out.push({ kind: "paragraph", role: "point", runs: mergeRuns(pointRuns(p, i + 1)) }));
  return out;
}

function bodyBlocks(body: Block[]): RenderBlock[] {
  return body.flatMap((b): RenderBlock[] =>
    b.type === "paragraph"
      ? [{ kind: "paragraph", role: "body", runs: mergeRuns([...leadRuns(b.lead), ...richRuns(b.text)]) }]
      : pointsBlocks(b.layout, b.intro, b.points),
  );
}

/** The render model of one case. */
export function renderCaseModel(content: RenderableCase, names: DisplayNames = {}): CaseRenderModel {
  const name = (code: string) => names.regionNames?.[code] ?? code;
  const blocks: RenderBlock[] = [{ kind: "caseTitle", text: content.title }];
  for (const p of content.intro) blocks.push({ kind: "paragraph", role: "intro", runs: mergeRuns(richRuns(p)) });

  blocks.push({ kind: "heading", level: 1, number: sectionNumber(1), text: CASE_STRINGS.sections.practices });
  if (content.practices.lead) blocks.push({ kind: "paragraph", role: "lead", runs: mergeRuns(richRuns(content.practices.lead)) });
  content.practices.items.forEach((it, i) => {
    blocks.push({ kind: "heading", level: 2, number: itemNumber(i + 1), text: it.heading });
    blocks.push(...bodyBlocks(it.body));
  });

  blocks.push({ kind: "heading", level: 1, number: sectionNumber(2), text: content.effects.heading });
  content.effects.items.forEach((it, i) => {
    blocks.push({ kind: "heading", level: 2, number: itemNumber(i + 1), text: it.heading });
    blocks.push(...bodyBlocks(it.body));
  });

  const ns = content.nextSteps;
  blocks.push({ kind: "heading", level: 1, number: sectionNumber(3), text: ns.heading });
  if (ns.kind === "paragraph") blocks.push({ kind: "paragraph", role: "body", runs: mergeRuns(richRuns(ns.text)) });
  else blocks.push(...pointsBlocks(ns.layout, ns.intro, ns.points));

  return {
    title: content.title,
    ...(names.categoryName ? { categoryName: names.categoryName } : {}),
    ...(content.leadRegion ? { leadRegionName: name(content.leadRegion) } : {}),
    regionNames: (content.regions ?? []).map(name),
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------
// Bulletin

export type BulletinInput = {
  title: string;
  preface: RichText[];
  categories: { name: string; cases: RenderableCase[] }[];
};

export type TocEntry = { level: 1 | 2; text: string; anchor: string };

export type BulletinModel = {
  title: string;
  preface: Run[][];
  /** 目录: categories (level 1) and case titles (level 2), in order, without page numbers */
  toc: TocEntry[];
  categories: { name: string; anchor: string; cases: (CaseRenderModel & { anchor: string })[] }[];
};

export function renderBulletinModel(input: BulletinInput, names: Omit<DisplayNames, "categoryName"> = {}): BulletinModel {
  const toc: TocEntry[] = [];
  let caseNo = 0;
  const categories = input.categories.map((cat, ci) => {
    const anchor = `category-${ci + 1}`;
    toc.push({ level: 1, text: cat.name, anchor });
    return {
      name: cat.name,
      anchor,
      cases: cat.cases.map((c) => {
        const caseAnchor = `case-${++caseNo}`;
        toc.push({ level: 2, text: c.title, anchor: caseAnchor });
        return { ...renderCaseModel(c, { ...names, categoryName: cat.name }), anchor: caseAnchor };
      }),
    };
  });
  return { title: input.title, preface: input.preface.map((p) => mergeRuns(toRuns(p))), toc, categories };
}
