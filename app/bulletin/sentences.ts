/**
 * Sentence comparison for round-trip tests (import → store → export): does every sentence of an
 * original bulletin text appear, in the same order, in an export?
 *
 * Normalisation applied to both sides: Markdown markup removed (`#` headings, `**`, list
 * markers, backslash escapes), all whitespace removed, half-width punctuation , ; : ? ! ( )
 * turned into full-width, generated numbering at the start of a line removed (一、 / （一）),
 * 目录 entries stripped of dotted leaders and page numbers. Paragraph halves cut at a page break
 * (a paragraph line not ending a sentence, followed by another paragraph line) are joined.
 */
const HALF_TO_FULL: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）" };

export function normalizeForComparison(s: string): string {
  return s
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/\*\*/g, "")
    .replace(/[\s\u3000]+/g, "")
    .replace(/[,;:?!()]/g, (c) => HALF_TO_FULL[c]);
}

const NUMBERING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/;
const ENDS_SENTENCE = /[。！？；：!?;:….”][”’」』）)】\]]*$/;

type Unit = { text: string; paragraph: boolean };

/** Text units (headings, TOC entries, paragraphs with page-break halves joined), normalised. */
export function textUnits(markdown: string): string[] {
  const units: Unit[] = [];
  let inToc = false;
  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    if (raw.trim() === "") continue;
    const heading = /^\s{0,3}#{1,6}/.test(raw);
    const line = raw.replace(/^\s{0,3}#{1,6}\s*/, "").replace(/^\s*[-*+]\s+(?!\*)/, "");
    const bold = /^\s*\*\*.*\*\*\s*$/.test(line) && !line.slice(2, -2).includes("**");
    let text = normalizeForComparison(line);
    if (text === "目录") {
      inToc = true;
      units.push({ text, paragraph: false });
      continue;
    }
    if (inToc && heading) inToc = false;
    if (inToc) {
      text = text.replace(/(?:[.．·…。]{2,}|\t)?\d*$/, "").replace(/[.．·…。]+$/, "");
      if (text) units.push({ text, paragraph: false });
      continue;
    }
    text = text.replace(NUMBERING, "");
    if (!text) continue;
    const isPara = !heading && !bold;
    const prev = units[units.length - 1];
    if (isPara && prev?.paragraph && !ENDS_SENTENCE.test(prev.text)) prev.text += text;
    else units.push({ text, paragraph: isPara });
  }
  return units.map((u) => u.text);
}

/** Sentences of a text: units split after 。！？； (headings and TOC entries stay whole). */
export function sentencesOf(markdown: string): string[] {
  return textUnits(markdown).flatMap((u) => u.split(/(?<=[。！？；])/).filter((s) => s !== ""));
}

/**
 * Sentences of `original` that are missing from `exported` or out of order (empty = all found in
 * order). `exported` is searched as one normalised stream, so a heading split over two lines in
 * the original matches its joined form in the export.
 */
export function missingSentences(original: string, exported: string): string[] {
  const stream = textUnits(exported).join("");
  const missing: string[] = [];
  let cursor = 0;
  for (const s of sentencesOf(original)) {
    const at = stream.indexOf(s, cursor);
    if (at < 0) missing.push(s);
    else cursor = at + s.length;
  }
  return missing;
}
