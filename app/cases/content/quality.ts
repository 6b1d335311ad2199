/**
 * Editorial quality checks on case text. They never change the text (the importer keeps what
 * was published); they point a reviewer at likely defects such as "孵化器 etc 科创载体" or
 * half-width punctuation "，" typed as "," in Chinese sentences.
 */
import type { CaseDocumentContent, Block } from "./schema";
import type { RichText } from "./rich-text";
import { itemNumber } from "./numbering";

export type QualityWarning = { path: string; where: string; message: string };

/**
 * English function words that do not belong in a Chinese official text. Acronyms and proper
 * names (CBD, ESG, CAR-T, SGtech, e窗通, UN/EDIFACT, 260Gbps) are legitimate and not flagged, so
 * the check uses a list of common English words rather than "any Latin word".
 */
const ENGLISH_WORDS = new Set([
  "etc", "and", "or", "the", "of", "for", "with", "to", "in", "on", "by", "from", "as", "at",
  "is", "are", "was", "be", "an", "this", "that", "vs", "via", "per", "eg", "ie", "not",
]);
const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
const LATIN_WORD = /[A-Za-z]+(?:\.[A-Za-z]+)*\.?/g;
const HALF_WIDTH_PUNCT = new RegExp(`(?<=[${CJK}“”])[,;:?!()]|[,;:?!()](?=[${CJK}“”])`, "g");

/** Defects found in one piece of text, as Chinese messages. */
export function textDefects(text: string): string[] {
  const out: string[] = [];
  const words = new Set<string>();
  for (const m of text.matchAll(LATIN_WORD)) {
    const w = m[0].replace(/\./g, "").toLowerCase();
    if (!ENGLISH_WORDS.has(w)) continue;
    // only flag a Latin word standing between Chinese text (ignore e.g. a quoted English title)
    const before = text.slice(0, m.index).trimEnd().slice(-1);
    const after = text.slice(m.index + m[0].length).trimStart().slice(0, 1);
    const cjk = new RegExp(`[${CJK}，。、；：]`);
    if ((before === "" || cjk.test(before)) && (after === "" || cjk.test(after))) words.add(m[0]);
  }
  for (const w of words) out.push(`中文文本中出现英文单词“${w}”，请确认是否为转换或录入错误`);
  const punct = new Set([...text.matchAll(HALF_WIDTH_PUNCT)].map((m) => m[0]));
  if (punct.size) out.push(`中文文本中使用了半角标点“${[...punct].join(" ")}”，正式文本应使用全角标点`);
  return out;
}

/** Walk all text of a case with a path and a human-readable place name. */
export function forEachCaseText(
  c: CaseDocumentContent,
  visit: (text: string, path: string, where: string) => void,
): void {
  const rich = (r: RichText | undefined, path: string, where: string) => r && visit(r.text, path, where);
  visit(c.title, "title", "标题");
  c.intro.forEach((p, i) => rich(p, `intro.${i}`, `导语第 ${i + 1} 段`));
  rich(c.practices.lead, "practices.lead", "主要做法引导段");
  const blocks = (body: Block[], path: string, where: string) =>
    body.forEach((b, j) => {
      const bp = `${path}.body.${j}`;
      if (b.type === "paragraph") {
        if (b.lead) visit(b.lead, `${bp}.lead`, where);
        rich(b.text, `${bp}.text`, where);
      } else {
        rich(b.intro, `${bp}.intro`, where);
        b.points.forEach((p, k) => {
          if (p.lead) visit(p.lead, `${bp}.points.${k}.lead`, where);
          rich(p.text, `${bp}.points.${k}.text`, where);
        });
      }
    });
  c.practices.items.forEach((it, i) => {
    const where = `主要做法${itemNumber(i + 1)}`;
    visit(it.heading, `practices.items.${i}.heading`, where);
    blocks(it.body, `practices.items.${i}`, where);
  });
  c.effects.items.forEach((it, i) => {
    const where = `${c.effects.heading}${itemNumber(i + 1)}`;
    visit(it.heading, `effects.items.${i}.heading`, where);
    blocks(it.body, `effects.items.${i}`, where);
  });
  const ns = c.nextSteps;
  if (ns.kind === "paragraph") rich(ns.text, "nextSteps.text", ns.heading);
  else {
    rich(ns.intro, "nextSteps.intro", ns.heading);
    ns.points.forEach((p, k) => {
      if (p.lead) visit(p.lead, `nextSteps.points.${k}.lead`, ns.heading);
      rich(p.text, `nextSteps.points.${k}.text`, ns.heading);
    });
  }
}

/** Quality warnings for a whole case (Latin words in Chinese text, half-width punctuation). */
export function qualityWarnings(c: CaseDocumentContent): QualityWarning[] {
  const out: QualityWarning[] = [];
  forEachCaseText(c, (text, path, where) => {
    for (const message of textDefects(text)) out.push({ path, where, message: `${where}：${message}` });
  });
  return out;
}
