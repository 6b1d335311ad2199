/**
 * Turns the lines of one case (everything after its title) into case content: intro,
 * 一、主要做法 (optional lead + items), 二、效果 (items), 三、下一步 (paragraph or points).
 * Shared by the bulletin importer and the single-case paste of the form.
 */
import type { Block, CaseItem, NextSteps, Point } from "~/cases/content/schema";
import type { EffectsHeading, NextStepsHeading } from "~/cases/content/strings";
import { EFFECTS_HEADINGS, NEXT_STEPS_HEADINGS } from "~/cases/content/strings";
import type { RichText } from "~/cases/content/rich-text";
import { concatRich, rich, sliceRich, trimRich } from "~/cases/content/rich-text";
import { chineseNumeral, parseChineseNumeral, itemNumber } from "~/cases/content/numbering";
import type { SrcLine } from "./lines";
import { endsSentence } from "./lines";

export type Issue = { line: number; message: string };

export type ParsedCaseBody = {
  intro: RichText[];
  practices: { lead?: RichText; items: CaseItem[] } | null;
  effects: { heading: EffectsHeading; items: CaseItem[] } | null;
  nextSteps: NextSteps | null;
  /** line numbers of the section headings found */
  sectionLines: { practices?: number; effects?: number; nextSteps?: number };
};

type SectionKey = "practices" | "effects" | "nextSteps";
type Para = { rich: RichText; line: number };
type Node =
  | { kind: "section"; section: SectionKey; heading: string; line: number }
  | { kind: "item"; number: number | null; heading: string; line: number; original: RichText }
  | { kind: "para"; rich: RichText; line: number; marked: boolean };

const NUM = "[一二三四五六七八九十]+";
export const SECTION_RE = new RegExp(
  `^(?:${NUM}\\s*[、.．,，]\\s*)?(主要做法|实践意义和效果|实践效果|下一步开放创新方向|下一步创新方向)\\s*[。：:]?$`,
);
export const ITEM_RE = new RegExp(`^[（(]\\s*(${NUM})\\s*[）)]\\s*`);
const SENTENCE_END = /[。！？!?]/;

export function sectionOf(plain: string): { section: SectionKey; heading: string } | null {
  if (plain.length > 30) return null;
  const m = SECTION_RE.exec(plain.replace(/\s+/g, ""));
  if (!m) return null;
  const heading = m[1];
  const section: SectionKey = heading === "主要做法" ? "practices" : heading.startsWith("下一步") ? "nextSteps" : "effects";
  return { section, heading };
}

function isContinuationHeading(l: SrcLine): boolean {
  return (
    (l.hashes > 0 || l.wholeBold) &&
    !sectionOf(l.plain) &&
    !ITEM_RE.test(l.plain) &&
    l.plain.length <= 40 &&
    !/^[一二三四五六七八九十]+是/.test(l.plain)
  );
}

function toNodes(lines: SrcLine[]): Node[] {
  const ls = lines.filter((l) => !l.blank);
  const out: Node[] = [];
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i];
    const sec = sectionOf(l.plain);
    if (sec) {
      out.push({ kind: "section", ...sec, line: l.no });
      continue;
    }
    const item = ITEM_RE.exec(l.plain);
    if (item) {
      let head = trimRich(sliceRich(l.rich, item[0].length));
      let rest: RichText | null = null;
      const marked = l.hashes > 0 || l.wholeBold;
      if (marked) {
        // "#### （一）融合信用管理，构建绿色租赁发展激" + "## **励机制。**"
        while (!endsSentence(head.text) && i + 1 < ls.length && isContinuationHeading(ls[i + 1])) {
          head = concatRich(head, ls[++i].rich);
        }
      } else {
        // plain text "（一）标题。正文……" (pasted from Word): the heading is the leading bold part or first sentence
        const m0 = head.marks?.[0];
        const cut = m0 && m0.start === 0 && m0.end < head.text.length ? m0.end : head.text.search(SENTENCE_END) + 1;
        if (cut > 0 && cut < head.text.length) {
          rest = trimRich(sliceRich(head, cut));
          head = trimRich(sliceRich(head, 0, cut));
          if (rest.text === "") rest = null;
        }
      }
      out.push({ kind: "item", number: parseChineseNumeral(item[1]), heading: head.text, line: l.no, original: l.rich });
      if (rest) out.push({ kind: "para", rich: rest, line: l.no, marked: false });
      continue;
    }
    out.push({ kind: "para", rich: l.rich, line: l.no, marked: l.hashes > 0 });
  }
  return out;
}

/** Rejoin paragraphs cut at a page break: a paragraph not ending a sentence continues in the next. */
export function joinPageBreaks(paras: Para[]): Para[] {
  // Groups first, each joined once: re-joining the growing paragraph at every line was quadratic.
  const groups: Para[][] = [];
  let openEnded = false;
  for (const p of paras) {
    if (groups.length && openEnded) groups[groups.length - 1]!.push(p);
    else groups.push([p]);
    // A part of only spaces leaves the group as open as before (its text adds nothing to the end).
    if (p.rich.text.trim() !== "") openEnded = !endsSentence(p.rich.text);
    else if (groups[groups.length - 1]!.length === 1) openEnded = !endsSentence(p.rich.text);
  }
  return groups.map((g) => (g.length === 1 ? { ...g[0]! } : { rich: joinRich(g.map((p) => p.rich)), line: g[0]!.line }));
}

/** concatRich for any number of parts (no spread: 200,000 one-character lines are one paragraph). */
function joinRich(parts: readonly RichText[]): RichText {
  const texts: string[] = [];
  const marks: { start: number; end: number }[] = [];
  let length = 0;
  for (const p of parts) {
    for (const m of p.marks ?? []) marks.push({ start: m.start + length, end: m.end + length });
    texts.push(p.text);
    length += p.text.length;
  }
  return rich(texts.join(""), marks);
}

function mergeParas(paras: Para[]): Para {
  return { rich: joinRich(paras.map((p) => p.rich)), line: paras[0].line };
}

// ---------------------------------------------------------------------------------------------
// Points 一是/二是…

const BOUNDARY = /[。；：，！？;:,!?]/;

/** Positions of sequential point markers (n是, n+1是, …) at sentence/clause boundaries. */
export function findPointMarkers(text: string, first = 1): { pos: number; len: number }[] {
  const out: { pos: number; len: number }[] = [];
  let from = 0;
  for (let n = first; n <= 20; n++) {
    const marker = `${chineseNumeral(n)}是`;
    let found = -1;
    for (let at = text.indexOf(marker, from); at >= 0; at = text.indexOf(marker, at + 1)) {
      // "十一是" must not be read as "一是"; a marker starts the text or follows a boundary
      if (at === 0 || BOUNDARY.test(text[at - 1])) {
        found = at;
        break;
      }
    }
    if (found < 0) break;
    out.push({ pos: found, len: marker.length });
    from = found + marker.length;
  }
  return out;
}

/**
 * Split a point's text into its bold lead phrase and the rest.
 * - bold reaching the end of the first sentence → that sentence is the lead ("一是**资源协同**。",
 *   "**三是促进跨界融合，…。**", "一是推进离岸贸易数字化**平台建设。**" after a page break);
 * - with `guess`, a short first sentence without commas and without any bold is also taken as
 *   the lead ("一是以金融创新赋能文化产业发展。北京…"): the converter lost that bold.
 */
export function splitLead(r: RichText, guess: boolean): { lead?: string; text: RichText } {
  const e = r.text.search(SENTENCE_END);
  if (e <= 0) return { text: r };
  const marks = r.marks ?? [];
  const reaches = marks.some((m) => m.start < e && m.end >= e);
  const firstSentence = r.text.slice(0, e);
  const unbolded = !marks.some((m) => m.start < e);
  const guessed = guess && unbolded && e <= 30 && !/[，,；;]/.test(firstSentence);
  if (!reaches && !guessed) return { text: r };
  return { lead: firstSentence.trim(), text: trimRich(sliceRich(r, e + 1)) };
}

function toPoint(seg: RichText): Point {
  const { lead, text } = splitLead(trimRich(seg), true);
  return lead ? { lead, text } : { text };
}

/** Bold-led paragraph without numbering ("**打造穗港全科诊疗服务。**广州市…"). */
function paragraphBlock(r: RichText): Block {
  const m0 = r.marks?.[0];
  if (m0 && m0.start === 0) {
    const { lead, text } = splitLead(r, false);
    if (lead && text.text !== "") return { type: "paragraph", lead, text };
  }
  return { type: "paragraph", text: r };
}

export function bodyToBlocks(paras: Para[], warnings: Issue[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    const markers = findPointMarkers(p.rich.text);
    if (markers.length === 0) {
      blocks.push(paragraphBlock(p.rich));
      continue;
    }
    // collect following paragraphs that continue the numbering at their start
    const group: { para: Para; markers: { pos: number; len: number }[] }[] = [{ para: p, markers }];
    let n = markers.length;
    while (i + 1 < paras.length) {
      const mm = findPointMarkers(paras[i + 1].rich.text, n + 1);
      if (mm.length === 0 || mm[0].pos !== 0) break;
      group.push({ para: paras[++i], markers: mm });
      n += mm.length;
    }
    if (n < 2) {
      warnings.push({ line: p.line, message: `第 ${p.line} 行：只有“一是”没有“二是”，按普通段落处理` });
      blocks.push(paragraphBlock(p.rich));
      continue;
    }
    const segments = (r: RichText, ms: { pos: number; len: number }[]) =>
      ms.map((m, k) => toPoint(sliceRich(r, m.pos + m.len, k + 1 < ms.length ? ms[k + 1].pos : r.text.length)));
    if (group.length === 1) {
      const intro = trimRich(sliceRich(p.rich, 0, markers[0].pos));
      blocks.push({ type: "points", layout: "inline", ...(intro.text ? { intro } : {}), points: segments(p.rich, markers) });
    } else if (group.every((g) => g.markers.length === 1 && g.markers[0].pos === 0)) {
      blocks.push({ type: "points", layout: "list", points: group.map((g) => segments(g.para.rich, g.markers)[0]) });
    } else {
      warnings.push({
        line: p.line,
        message: `第 ${p.line} 行：分点有的在同一段、有的分段，已合并为一段，请核对`,
      });
      const merged = mergeParas(group.map((g) => g.para));
      const ms = findPointMarkers(merged.rich.text);
      const intro = trimRich(sliceRich(merged.rich, 0, ms[0].pos));
      blocks.push({ type: "points", layout: "inline", ...(intro.text ? { intro } : {}), points: segments(merged.rich, ms) });
    }
  }
  return blocks;
}

function nextStepsFrom(heading: NextStepsHeading, paras: Para[], line: number, warnings: Issue[]): NextSteps | null {
  if (paras.length === 0) return null;
  const blocks = bodyToBlocks(paras, warnings);
  const asParagraphText = (b: Block) => (b.type === "paragraph" ? (b.lead ? concatRich(rich(`${b.lead}。`, [{ start: 0, end: b.lead.length + 1 }]), b.text) : b.text) : null);
  if (blocks.length === 1) {
    const b = blocks[0];
    if (b.type === "points") return { heading, kind: "points", layout: b.layout, ...(b.intro ? { intro: b.intro } : {}), points: b.points };
    return { heading, kind: "paragraph", text: asParagraphText(b)! };
  }
  if (blocks.length === 2 && blocks[0].type === "paragraph" && blocks[1].type === "points" && blocks[1].layout === "list") {
    return { heading, kind: "points", layout: "list", intro: asParagraphText(blocks[0])!, points: blocks[1].points };
  }
  warnings.push({ line, message: `第 ${line} 行：“${heading}”部分有多段文字，已合并为一段，请核对` });
  const merged = mergeParas(paras);
  return nextStepsFrom(heading, [merged], line, warnings);
}

/**
 * Parse a case body. Errors are problems that make the case unusable (no 主要做法 …); in
 * `lenient` mode (single-case paste) they are reported as warnings and whatever was found is kept.
 */
export function parseCaseBody(
  lines: SrcLine[],
  ctx: { title: string; titleLine: number; lenient?: boolean },
): { body: ParsedCaseBody; errors: Issue[]; warnings: Issue[] } {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const fail = (line: number, message: string) => (ctx.lenient ? warnings : errors).push({ line, message });
  const nodes = toNodes(lines);

  const intro: Para[] = [];
  type Sec = { heading: string; line: number; pre: Para[]; items: { heading: string; line: number; number: number | null; paras: Para[] }[] };
  const secs: Partial<Record<SectionKey, Sec>> = {};
  const order: SectionKey[] = ["practices", "effects", "nextSteps"];
  let current: SectionKey | null = null;

  for (const n of nodes) {
    if (n.kind === "section") {
      if (secs[n.section] || (current && order.indexOf(n.section) < order.indexOf(current))) {
        fail(n.line, `第 ${n.line} 行：“${n.heading}”重复出现或顺序不对（应为主要做法、效果、下一步）`);
        continue;
      }
      current = n.section;
      secs[n.section] = { heading: n.heading, line: n.line, pre: [], items: [] };
      continue;
    }
    const sec = current ? secs[current]! : null;
    if (n.kind === "item" && sec && current !== "nextSteps") {
      const expected = sec.items.length + 1;
      if (n.number !== expected) {
        warnings.push({ line: n.line, message: `第 ${n.line} 行：条目编号与顺序不符，应为${itemNumber(expected)}，已按顺序重新编号` });
      }
      sec.items.push({ heading: n.heading, line: n.line, number: n.number, paras: [] });
      continue;
    }
    const para: Para =
      n.kind === "item" ? { rich: n.original, line: n.line } : { rich: n.rich, line: n.line };
    if (n.kind === "item") warnings.push({ line: n.line, message: `第 ${n.line} 行：此处的“（${chineseNumeral(n.number ?? 1)}）”不在主要做法或效果部分，按段落处理` });
    else if (n.marked) warnings.push({ line: n.line, message: `第 ${n.line} 行：无法识别的标题，按段落处理` });
    if (!sec) intro.push(para);
    else if (sec.items.length) sec.items[sec.items.length - 1].paras.push(para);
    else sec.pre.push(para);
  }

  const body: ParsedCaseBody = { intro: [], practices: null, effects: null, nextSteps: null, sectionLines: {} };
  body.intro = joinPageBreaks(intro).map((p) => p.rich);
  if (body.intro.length === 0) fail(ctx.titleLine, `第 ${ctx.titleLine} 行：案例“${ctx.title}”缺少导语（标题与“主要做法”之间的段落）`);

  const items = (sec: Sec, label: string): CaseItem[] =>
    sec.items.map((it) => {
      const paras = joinPageBreaks(it.paras);
      if (paras.length === 0) fail(it.line, `第 ${it.line} 行：${label}的条目“${it.heading}”没有正文`);
      return { heading: it.heading, body: bodyToBlocks(paras, warnings) };
    });

  const pr = secs.practices;
  if (!pr) fail(ctx.titleLine, `第 ${ctx.titleLine} 行：案例“${ctx.title}”缺少“主要做法”部分`);
  else {
    const pre = joinPageBreaks(pr.pre);
    if (pre.length > 1) warnings.push({ line: pre[1].line, message: `第 ${pre[1].line} 行：“主要做法”的引导段有多段，已合并为一段` });
    if (pr.items.length === 0) fail(pr.line, `第 ${pr.line} 行：“主要做法”下没有（一）（二）等条目`);
    body.practices = { ...(pre.length ? { lead: mergeParas(pre).rich } : {}), items: items(pr, "主要做法") };
    body.sectionLines.practices = pr.line;
  }

  const ef = secs.effects;
  if (!ef) fail(ctx.titleLine, `第 ${ctx.titleLine} 行：案例“${ctx.title}”缺少“实践意义和效果”或“实践效果”部分`);
  else {
    const pre = joinPageBreaks(ef.pre);
    if (pre.length) fail(pre[0].line, `第 ${pre[0].line} 行：“${ef.heading}”的（一）之前不应有段落`);
    if (ef.items.length === 0) fail(ef.line, `第 ${ef.line} 行：“${ef.heading}”下没有（一）（二）等条目`);
    const heading = EFFECTS_HEADINGS.find((h) => h === ef.heading) ?? EFFECTS_HEADINGS[0];
    body.effects = { heading, items: items(ef, ef.heading) };
    body.sectionLines.effects = ef.line;
  }

  const ns = secs.nextSteps;
  if (!ns) fail(ctx.titleLine, `第 ${ctx.titleLine} 行：案例“${ctx.title}”缺少“下一步创新方向”部分`);
  else {
    const heading = NEXT_STEPS_HEADINGS.find((h) => h === ns.heading) ?? NEXT_STEPS_HEADINGS[0];
    const paras = joinPageBreaks([...ns.pre, ...ns.items.flatMap((it) => it.paras)]);
    const steps = nextStepsFrom(heading, paras, ns.line, warnings);
    if (!steps) fail(ns.line, `第 ${ns.line} 行：“${ns.heading}”部分没有正文`);
    body.nextSteps = steps;
    body.sectionLines.nextSteps = ns.line;
  }
  return { body, errors, warnings };
}
