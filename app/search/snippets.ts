/**
 * Search results as readers see them: the title and a passage of the case around the first match,
 * in the case's own characters — full-width punctuation, Latin letters as typed — with every
 * occurrence of every search term marked. Matching is on normalised text (search-text.ts: NFKC,
 * lower case, no whitespace, so it agrees with the index), mapped back to the original characters.
 * Pure: the search (search.server.ts) hands in the texts, the page renders the segments.
 */

/** A run of text, `hit` when it is (part of) a match of a search term. */
export type Segment = { text: string; hit?: true };

export type SnippetOptions = {
  /** Characters shown in the passage (about two lines of a result). */
  width?: number;
  /** At most this many characters before the first match. */
  before?: number;
};

type Index = { normalized: string; from: number[]; to: number[] };

/** The normalised text and, for each of its code units, the original range it came from. */
function indexOf(text: string): Index {
  let normalized = "";
  const from: number[] = [];
  const to: number[] = [];
  let offset = 0;
  for (const char of text) {
    const folded = char.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
    for (let k = 0; k < folded.length; k++) {
      normalized += folded[k];
      from.push(offset);
      to.push(offset + char.length);
    }
    offset += char.length;
  }
  return { normalized, from, to };
}

/** Original [start, end) ranges of every occurrence of every term, merged and in order. */
function matchRanges(index: Index, terms: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = index.normalized.indexOf(term); at >= 0; at = index.normalized.indexOf(term, at + term.length)) {
      ranges.push([index.from[at]!, index.to[at + term.length - 1]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** `text[start, end)` cut into plain and matched segments. */
function segmentsOf(text: string, ranges: readonly [number, number][], start = 0, end = text.length): Segment[] {
  const out: Segment[] = [];
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue;
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    if (s > at) out.push({ text: text.slice(at, s) });
    out.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < end) out.push({ text: text.slice(at, end) });
  return out;
}

/** The whole text with every occurrence of the terms marked (for titles). */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  return segmentsOf(text, matchRanges(indexOf(text), terms));
}

const BOUNDARY = /[。！？；\n]/;
const isLowSurrogate = (text: string, i: number) => i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]!);

/**
 * A passage of the case's text blocks (its paragraphs and headings, without the title, which the
 * result shows on its own) around the first match, every match marked; from the start of the text
 * when only the title matched. Blocks are joined by a space, as a reader would run them together.
 */
export function snippet(blocks: readonly string[], terms: readonly string[], options: SnippetOptions = {}): Segment[] {
  const width = options.width ?? 110;
  const before = options.before ?? 30;
  const text = blocks.join("\n");
  const ranges = matchRanges(indexOf(text), terms);
  const first = ranges[0]?.[0] ?? 0;
  // Start at a sentence boundary shortly before the match when there is one; else cut mid-sentence.
  let start = Math.max(0, first - before);
  for (let i = first - 1; i >= start; i--) {
    if (BOUNDARY.test(text[i]!)) {
      start = i + 1;
      break;
    }
  }
  if (isLowSurrogate(text, start)) start--;
  let end = Math.min(text.length, Math.max(start + width, ranges[0]?.[1] ?? 0));
  if (isLowSurrogate(text, end)) end++;
  const passage = segmentsOf(text, ranges, start, end).map((s) => ({ ...s, text: s.text.replace(/\n/g, " ") }));
  const lead = start > 0 && !BOUNDARY.test(text[start - 1]!) ? [{ text: "…" }] : [];
  const tail = end < text.length ? [{ text: "…" }] : [];
  return [...lead, ...passage, ...tail].filter((s) => s.text !== "");
}
