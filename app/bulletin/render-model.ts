/**
 * One rendering model for every output (web page, live preview, Markdown, later DOCX and PDF):
 * a flat, ordered list of typed blocks with the bulletin's numbering generated here, so every
 * renderer prints exactly the same words in the same order.
 */
import type { Block, CaseDocumentContent, Point } from "~/cases/content/schema";
import type { RichText, Run, RunSource } from "~/cases/content/rich-text";
import { toRuns } from "~/cases/content/rich-text";
import { itemNumber, pointNumber, sectionNumber } from "~/cases/content/numbering";
import { CASE_STRINGS } from "~/cases/content/strings";

export type { Run };

export type RenderBlock =
  | { kind: "caseTitle"; text: string; field?: string }
  /** level 1: "一、主要做法"; level 2: "（一）先行先试…。" (`field`: the heading's path, when sources are asked for) */
  | { kind: "heading"; level: 1 | 2; number: string; text: string; field?: string }
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

const contiguous = (a: RunSource | undefined, b: RunSource | undefined, aLength: number) =>
  a === undefined ? b === undefined : b !== undefined && a.field === b.field && a.offset + aLength === b.offset;

/** Merge adjacent runs of equal boldness (and, when they carry sources, of one field) and drop empty ones. */
export function mergeRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    if (!r.text) continue;
    const last = out[out.length - 1];
    if (last && last.bold === r.bold && contiguous(last.source, r.source, last.text.length)) last.text += r.text;
    else out.push({ ...r });
  }
  return out;
}

/** `field` given: runs carry their source (the case page); omitted: plain runs (every other renderer). */
type Src = (field: string) => string | undefined;

/** A bold lead phrase followed by "。" unless it already ends a sentence. */
export function leadRuns(lead: string | undefined, field?: string): Run[] {
  if (!lead) return [];
  const ends = /[。！？!?]$/.test(lead);
  if (field === undefined) return [{ text: ends ? lead : `${lead}。`, bold: true }];
  return [{ text: lead, bold: true, source: { field, offset: 0 } }, ...(ends ? [] : [{ text: "。", bold: true }])];
}

function richRuns(r: RichText | undefined, field?: string): Run[] {
  if (!r) return [];
  const runs = toRuns(r);
  if (field === undefined) return runs;
  let offset = 0;
  return runs.map((run) => {
    const out = { ...run, source: { field, offset } };
    offset += run.text.length;
    return out;
  });
}

function pointRuns(p: Point, n: number, base: string, src: Src): Run[] {
  return [{ text: pointNumber(n), bold: false }, ...leadRuns(p.lead, src(`${base}.lead`)), ...richRuns(p.text, src(`${base}.text`))];
}

function pointsBlocks(layout: "inline" | "list", intro: RichText | undefined, points: Point[], base: string, src: Src): RenderBlock[] {
  const point = (p: Point, i: number) => pointRuns(p, i + 1, `${base}.points.${i}`, src);
  if (layout === "inline") {
    return [{ kind: "paragraph", role: "body", runs: mergeRuns([...richRuns(intro, src(`${base}.intro`)), ...points.flatMap(point)]) }];
  }
  const out: RenderBlock[] = [];
  if (intro) out.push({ kind: "paragraph", role: "body", runs: mergeRuns(richRuns(intro, src(`${base}.intro`))) });
  points.forEach((p, i) => out.push({ kind: "paragraph", role: "point", runs: mergeRuns(point(p, i)) }));
  return out;
}

function bodyBlocks(body: Block[], base: string, src: Src): RenderBlock[] {
  return body.flatMap((b, j): RenderBlock[] =>
    b.type === "paragraph"
      ? [{ kind: "paragraph", role: "body", runs: mergeRuns([...leadRuns(b.lead, src(`${base}.body.${j}.lead`)), ...richRuns(b.text, src(`${base}.body.${j}.text`))]) }]
      : pointsBlocks(b.layout, b.intro, b.points, `${base}.body.${j}`, src),
  );
}

/**
 * The render model of one case. `sources: true` tags every run and heading with the text field it
 * comes from (paths as in app/review/selector.ts), for selecting passages on the case page.
 */
export function renderCaseModel(content: RenderableCase, names: DisplayNames = {}, options: { sources?: boolean } = {}): CaseRenderModel {
  const name = (code: string) => names.regionNames?.[code] ?? code;
  const src: Src = options.sources ? (field) => field : () => undefined;
  const field = (path: string) => (options.sources ? { field: path } : {});
  const blocks: RenderBlock[] = [{ kind: "caseTitle", text: content.title, ...field("title") }];
  content.intro.forEach((p, i) => blocks.push({ kind: "paragraph", role: "intro", runs: mergeRuns(richRuns(p, src(`intro.${i}`))) }));

  blocks.push({ kind: "heading", level: 1, number: sectionNumber(1), text: CASE_STRINGS.sections.practices });
  if (content.practices.lead) blocks.push({ kind: "paragraph", role: "lead", runs: mergeRuns(richRuns(content.practices.lead, src("practices.lead"))) });
  content.practices.items.forEach((it, i) => {
    blocks.push({ kind: "heading", level: 2, number: itemNumber(i + 1), text: it.heading, ...field(`practices.items.${i}.heading`) });
    blocks.push(...bodyBlocks(it.body, `practices.items.${i}`, src));
  });

  blocks.push({ kind: "heading", level: 1, number: sectionNumber(2), text: content.effects.heading });
  content.effects.items.forEach((it, i) => {
    blocks.push({ kind: "heading", level: 2, number: itemNumber(i + 1), text: it.heading, ...field(`effects.items.${i}.heading`) });
    blocks.push(...bodyBlocks(it.body, `effects.items.${i}`, src));
  });

  const ns = content.nextSteps;
  blocks.push({ kind: "heading", level: 1, number: sectionNumber(3), text: ns.heading });
  if (ns.kind === "paragraph") blocks.push({ kind: "paragraph", role: "body", runs: mergeRuns(richRuns(ns.text, src("nextSteps.text"))) });
  else blocks.push(...pointsBlocks(ns.layout, ns.intro, ns.points, "nextSteps", src));

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
