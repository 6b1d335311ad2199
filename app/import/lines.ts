/**
 * Line-level reading of converter output (Markdown-ish text from a PDF or Word): heading marks
 * `#`…`######`, `**bold**`, backslash escapes, list items, blank lines.
 */
import type { Mark, RichText } from "~/cases/content/rich-text";
import { rich, trimRich } from "~/cases/content/rich-text";

export type SrcLine = {
  /** 1-based line number in the input */
  no: number;
  raw: string;
  blank: boolean;
  /** number of leading `#` (0 when not a Markdown heading) */
  hashes: number;
  /** the line is a Markdown list item ("- …") */
  listItem: boolean;
  /** content with markup removed, bold kept as marks, trimmed */
  rich: RichText;
  /** rich.text */
  plain: string;
  /** whole line is bold */
  wholeBold: boolean;
  /** an unmatched `**` was dropped */
  strayStars: boolean;
};

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/** Parse inline Markdown: `**bold**` → marks, `\x` escapes → literal x. */
export function parseInline(s: string): { rich: RichText; strayStars: boolean } {
  let text = "";
  const marks: Mark[] = [];
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\" && i + 1 < s.length && ASCII_PUNCT.test(s[i + 1])) {
      text += s[++i];
    } else if (c === "*" && s[i + 1] === "*") {
      if (open < 0) {
        open = text.length;
      } else {
        marks.push({ start: open, end: text.length });
        open = -1;
      }
      i++;
    } else {
      text += c;
    }
  }
  return { rich: rich(text, marks), strayStars: open >= 0 };
}

// An ATX heading's opening hashes; the rest (spaces, closing hashes) is trimmed by hand: the
// one-regex form /^ {0,3}(#{1,6})(?=\s|[^#])\s*(.*?)(?:\s+#+)?\s*$/ backtracked polynomially on
// a heading line with a long run of spaces.
const HEADING_START = /^ {0,3}(#{1,6})(?=[^#])/;

function headingText(rest: string): string {
  const s = rest.trim();
  let j = s.length;
  while (j > 0 && s[j - 1] === "#") j--;
  if (j === s.length) return s;
  if (j === 0) return "";
  return /\s/.test(s[j - 1]!) ? s.slice(0, j).trimEnd() : s;
}
const LIST_RE = /^\s*[-*+]\s+(?!\*)/;

export function readLines(text: string): SrcLine[] {
  const rawLines = text.replace(/\r\n?/g, "\n").split("\n");
  return rawLines.map((raw, i) => {
    const cleaned = raw.replace(/\u00a0/g, " ").replace(/\ufeff/g, "");
    let body = cleaned;
    let hashes = 0;
    let listItem = false;
    const h = HEADING_START.exec(cleaned);
    if (h) {
      hashes = h[1]!.length;
      body = headingText(cleaned.slice(h[0].length));
    } else if (LIST_RE.test(cleaned) && !/^\s*\*\*/.test(cleaned)) {
      listItem = true;
      body = cleaned.replace(LIST_RE, "");
    }
    const { rich: r, strayStars } = parseInline(body);
    const t = trimRich(r);
    const plain = t.text;
    const m = t.marks ?? [];
    return {
      no: i + 1,
      raw,
      blank: plain === "",
      hashes,
      listItem,
      rich: t,
      plain,
      wholeBold: plain !== "" && m.length === 1 && m[0].start === 0 && m[0].end === plain.length,
      strayStars,
    };
  });
}

const HALF_TO_FULL: Record<string, string> = { "(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！" };

/** Key for comparing titles: no whitespace, half-width punctuation as full-width. */
export function compactKey(s: string): string {
  return s.replace(/[\s\u3000]+/g, "").replace(/[(),:;?!]/g, (c) => HALF_TO_FULL[c]);
}

/** Does a paragraph end a sentence (so that a following paragraph is a new one)? */
const SENTENCE_END = new Set([..."。！？；：!?;:….”"]);
const CLOSERS = new Set([..."”’」』）)】]"]);

/**
 * Ends with a sentence mark, possibly followed by closing quotes or brackets. Scanned from the end
 * (a regex anchored at `$` with a starred class retried at every position: quadratic on long runs of ”).
 */
export function endsSentence(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && /\s/.test(s[i]!)) i--;
  // A sentence mark followed only by closers; ” is both, so any ” in the trailing closers counts.
  let j = i;
  let quote = false;
  while (j >= 0 && CLOSERS.has(s[j]!)) {
    if (SENTENCE_END.has(s[j]!)) quote = true;
    j--;
  }
  return quote || (j >= 0 && SENTENCE_END.has(s[j]!));
}
