/**
 * Importer for bulletins "第N批最佳实践案例" converted from PDF/Word to Markdown-ish text, and
 * for a single case pasted into the form. Pure TypeScript: no framework, no database.
 *
 * How a bulletin is read
 * 1. Guards first (size, NUL bytes, binary junk), before any other work.
 * 2. Title = non-empty lines before 前言/目录 (joined); batch number from "第N批".
 * 3. 前言 paragraphs (page-break halves rejoined).
 * 4. 目录 entries: lines with dotted leaders and/or page numbers (or "- " list items), blank lines
 *    between entries allowed. Heading levels in the body are arbitrary, so the 目录 decides what
 *    is a category and what is a case: every entry is located in the body (a title may be split
 *    over two lines); an entry whose body section is empty up to the next entry is a category.
 * 5. Each case body is parsed by parseCaseBody (sections, items, points, page breaks).
 *
 * Beside it: guards.ts (the checks before any parsing), toc.ts (reading a 目录 line), resolve.ts
 * (an imported case made whole, the CLI's summary, renderer input).
 */
import { importNotesOf, type ImportNote } from "~/aids/import-notes";
import type { CaseContent } from "~/cases/content/schema";
import { CASE_TEMPLATE_ID, caseContentSchema } from "~/cases/content/schema";
import type { RichText } from "~/cases/content/rich-text";
import { parseChineseNumeral } from "~/cases/content/numbering";
import { textDefects } from "~/cases/content/quality";
import type { SrcLine } from "./lines";
import { readLines, compactKey } from "./lines";
import type { Issue, ParsedCaseBody } from "./case-body";
import { parseCaseBody, joinPageBreaks, sectionOf } from "./case-body";
import { guardInput } from "./guards";
import { proposeRegions } from "./regions";
import { tocEntry } from "./toc";

export type ImportIssue = Issue;
/** Case content as imported: category, lead region and regions are set by a person later. */
export type ImportedCaseContent = Omit<CaseContent, "category" | "leadRegion" | "regions">;
export type ImportedCase = {
  content: ImportedCaseContent;
  /** proposed acting region codes, in order of first appearance */
  proposedRegions: string[];
  /** line of the case title in the input */
  line: number;
  /** source defects the importer normalised (kept with the case for its reviewer) */
  importNotes?: ImportNote[];
};
export type ImportedCategory = { name: string; line: number; cases: ImportedCase[] };
export type ImportedBulletin = {
  batchNumber: number | null;
  title: string;
  preface: RichText[];
  categories: ImportedCategory[];
};
export type ParseResult =
  | { ok: true; bulletin: ImportedBulletin; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[] };

// ---------------------------------------------------------------------------------------------
// Helpers

const nonBlank = (lines: SrcLine[]) => lines.filter((l) => !l.blank);

/** Locate a title (possibly split over up to 4 lines) starting at or after index `from`. */
function findTitle(lines: SrcLine[], key: string, from: number): { start: number; end: number } | null {
  for (let i = from; i < lines.length; i++) {
    const l = lines[i];
    if (l.blank) continue;
    const k = compactKey(l.plain);
    if (!k || !key.startsWith(k)) continue;
    let acc = k;
    let j = i;
    for (let extra = 0; acc !== key && extra < 3; extra++) {
      let n = j + 1;
      while (n < lines.length && lines[n].blank) n++;
      if (n >= lines.length) break;
      const next = acc + compactKey(lines[n].plain);
      if (!key.startsWith(next)) break;
      acc = next;
      j = n;
    }
    if (acc === key) return { start: i, end: j };
  }
  return null;
}

function titleText(lines: SrcLine[]): string {
  return lines
    .map((l) => l.plain)
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

function batchNumberOf(title: string): number | null {
  const m = /第\s*([一二三四五六七八九十]+|\d+)\s*批/.exec(title);
  return m ? parseChineseNumeral(m[1]) : null;
}

function assemble(title: string, body: ParsedCaseBody): ImportedCaseContent {
  return {
    templateId: CASE_TEMPLATE_ID,
    title,
    intro: body.intro,
    practices: body.practices ?? { items: [] },
    effects: body.effects ?? { heading: "实践意义和效果", items: [] },
    nextSteps: body.nextSteps ?? { heading: "下一步创新方向", kind: "paragraph", text: { text: "" } },
  };
}

/** Check the imported content against the case schema; findings become warnings. */
function schemaWarnings(content: ImportedCaseContent, line: number): ImportIssue[] {
  const r = caseContentSchema.safeParse({ ...content, category: "imported", leadRegion: "imported", regions: [] });
  if (r.success) return [];
  return r.error.issues.map((i) => ({
    line,
    message: `第 ${line} 行：案例“${content.title}”不符合填报要求（${i.path.join(".")}）：${i.message}`,
  }));
}

/** Quality findings (Latin words, half-width punctuation) with the line where the text starts. */
function qualityIssues(lines: SrcLine[]): ImportIssue[] {
  const out: ImportIssue[] = [];
  for (const l of lines) {
    if (l.blank) continue;
    for (const m of textDefects(l.plain)) out.push({ line: l.no, message: `第 ${l.no} 行：${m}` });
  }
  return out;
}

function parseCase(title: string, titleLine: number, bodyLines: SrcLine[], lenient: boolean) {
  const { body, errors, warnings } = parseCaseBody(bodyLines, { title, titleLine, lenient });
  const content = assemble(title, body);
  return { content, errors, warnings, body };
}

// ---------------------------------------------------------------------------------------------
// Bulletin

export function parseBulletin(text: string): ParseResult {
  const guard = guardInput(text);
  if (guard) return { ok: false, errors: guard };
  const lines = readLines(text);
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  for (const l of lines) {
    if (l.strayStars) warnings.push({ line: l.no, message: `第 ${l.no} 行：有不成对的“**”，已忽略` });
  }

  const isHeadingWord = (l: SrcLine, w: string) => !l.blank && compactKey(l.plain) === w;
  const tocIdx = lines.findIndex((l) => isHeadingWord(l, "目录"));
  if (tocIdx < 0) {
    return {
      ok: false,
      errors: [{ line: 1, message: "第 1 行起全文找不到“目录”：导入需要目录来区分案例类别和案例标题" }],
    };
  }
  const prefIdx = lines.slice(0, tocIdx).findIndex((l) => isHeadingWord(l, "前言"));
  const titleLines = nonBlank(lines.slice(0, prefIdx >= 0 ? prefIdx : tocIdx));
  if (titleLines.length === 0) {
    return { ok: false, errors: [{ line: 1, message: "第 1 行：找不到公报标题（应在“前言”或“目录”之前）" }] };
  }
  const title = titleText(titleLines);
  const batchNumber = batchNumberOf(title);
  if (batchNumber === null) {
    warnings.push({ line: titleLines[0].no, message: `第 ${titleLines[0].no} 行：标题中找不到“第N批”，无法确定批次` });
  }
  const preface =
    prefIdx >= 0
      ? joinPageBreaks(nonBlank(lines.slice(prefIdx + 1, tocIdx)).map((l) => ({ rich: l.rich, line: l.no }))).map((p) => p.rich)
      : [];

  // 目录
  const entries: { title: string; key: string; line: number }[] = [];
  let i = tocIdx + 1;
  let bodyStart = lines.length;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l.blank) continue;
    const t = tocEntry(l);
    if (t === null) break;
    entries.push({ title: t, key: compactKey(t), line: l.no });
    bodyStart = i + 1;
  }
  if (entries.length === 0) {
    return { ok: false, errors: [{ line: lines[tocIdx].no, message: `第 ${lines[tocIdx].no} 行：“目录”下没有条目（应为带页码的类别和案例标题）` }] };
  }

  // locate every entry in the body
  const located: { start: number; end: number }[] = [];
  let cursor = bodyStart;
  for (const e of entries) {
    const at = findTitle(lines, e.key, cursor);
    if (!at) {
      return {
        ok: false,
        errors: [{ line: e.line, message: `第 ${e.line} 行：目录中的“${e.title}”在正文中找不到对应的类别或案例` }],
      };
    }
    located.push(at);
    cursor = at.end + 1;
  }
  const skipped = nonBlank(lines.slice(bodyStart, located[0].start));
  if (skipped.length) {
    warnings.push({ line: skipped[0].no, message: `第 ${skipped[0].no} 行：目录之后、第一个标题之前的内容无法归属，已忽略` });
  }

  const categories: ImportedCategory[] = [];
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    const at = located[k];
    const next = k + 1 < entries.length ? located[k + 1].start : lines.length;
    const bodyLines = lines.slice(at.end + 1, next);
    const titleLine = lines[at.start].no;
    if (nonBlank(bodyLines).length === 0) {
      if (k + 1 === entries.length) {
        errors.push({ line: titleLine, message: `第 ${titleLine} 行：“${e.title}”下面没有任何内容` });
      } else {
        categories.push({ name: e.title, line: titleLine, cases: [] });
      }
      continue;
    }
    let cat = categories[categories.length - 1];
    if (!cat) {
      warnings.push({ line: titleLine, message: `第 ${titleLine} 行：案例“${e.title}”前没有案例类别` });
      cat = { name: "", line: titleLine, cases: [] };
      categories.push(cat);
    }
    const parsed = parseCase(e.title, titleLine, bodyLines, false);
    errors.push(...parsed.errors);
    warnings.push(...parsed.warnings, ...qualityIssues(bodyLines));
    if (parsed.errors.length === 0) warnings.push(...schemaWarnings(parsed.content, titleLine));
    cat.cases.push({ content: parsed.content, proposedRegions: proposeRegions(parsed.content), line: titleLine, importNotes: importNotesOf(bodyLines) });
  }
  for (const c of categories) {
    if (c.cases.length === 0) errors.push({ line: c.line, message: `第 ${c.line} 行：案例类别“${c.name}”下没有案例` });
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  warnings.push(...qualityIssues(preface.length ? nonBlank(lines.slice(prefIdx + 1, tocIdx)) : []));
  warnings.sort((a, b) => a.line - b.line);
  return { ok: true, bulletin: { batchNumber, title, preface, categories }, warnings };
}

// ---------------------------------------------------------------------------------------------
// Single case (paste into the form)

export type SingleCaseResult =
  | {
      ok: true;
      content: ImportedCaseContent;
      proposedRegions: string[];
      /** what was recognised, in Chinese, for the form to show ("标题", "导语 1 段", …) */
      recognised: string[];
      warnings: ImportIssue[];
    }
  | { ok: false; errors: ImportIssue[] };

/**
 * Parse one case copied from Word or plain text. The first non-empty line is the title unless
 * it is a section heading; missing parts become warnings (the form shows what is missing).
 */
export function parseSingleCase(text: string): SingleCaseResult {
  const guard = guardInput(text);
  if (guard) return { ok: false, errors: guard };
  const lines = readLines(text);
  const first = lines.findIndex((l) => !l.blank);
  const warnings: ImportIssue[] = [];
  let title = "";
  let bodyFrom = first;
  let titleLine = lines[first].no;
  if (!sectionOf(lines[first].plain)) {
    title = lines[first].plain.replace(/\s+/g, " ");
    bodyFrom = first + 1;
  } else {
    warnings.push({ line: titleLine, message: `第 ${titleLine} 行：第一行是“${lines[first].plain}”，没有找到案例标题` });
    titleLine = lines[first].no;
  }
  const parsed = parseCase(title, titleLine, lines.slice(bodyFrom), true);
  warnings.push(...parsed.warnings, ...qualityIssues(lines.slice(bodyFrom)));
  const c = parsed.content;
  const recognised: string[] = [];
  if (title) recognised.push(`标题：${title}`);
  if (c.intro.length) recognised.push(`导语 ${c.intro.length} 段`);
  if (parsed.body.practices) {
    recognised.push(`主要做法 ${c.practices.items.length} 条${c.practices.lead ? "（含引导段）" : ""}`);
  }
  if (parsed.body.effects) recognised.push(`${c.effects.heading} ${c.effects.items.length} 条`);
  if (parsed.body.nextSteps) {
    const ns = c.nextSteps;
    recognised.push(`${ns.heading}：${ns.kind === "points" ? `${ns.points.length} 点` : "一段文字"}`);
  }
  return { ok: true, content: c, proposedRegions: proposeRegions(c), recognised, warnings: warnings.sort((a, b) => a.line - b.line) };
}
