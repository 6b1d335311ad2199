/**
 * Rich text of case paragraphs: plain `text` plus bold ranges (`marks`, UTF-16 offsets, sorted,
 * non-overlapping, start < end). Markdown syntax is never stored in `text`.
 */
export type Mark = { start: number; end: number };
export type RichText = { text: string; marks?: Mark[] };
/**
 * A piece of text with one formatting, as renderers consume it. `source` (only when asked for, on
 * the case page) says which text field of the content model it comes from and at what offset, so
 * a selection in the page can be mapped back to the content (inline review comments).
 */
export type Run = { text: string; bold: boolean; source?: RunSource };
export type RunSource = { field: string; offset: number };

export function rich(text: string, marks?: Mark[]): RichText {
  const m = normalizeMarks(marks ?? [], text.length);
  return m.length ? { text, marks: m } : { text };
}

/** A wholly bold rich text. */
export const boldText = (text: string): RichText => rich(text, text ? [{ start: 0, end: text.length }] : []);

/** Plain text of a rich text (or a string, or nothing → ""). */
export function plainText(r: RichText | string | null | undefined): string {
  if (r == null) return "";
  return typeof r === "string" ? r : r.text;
}

/** Sort, clip to [0, length], drop empty, merge overlapping or touching marks. */
export function normalizeMarks(marks: readonly Mark[], length: number): Mark[] {
  const clipped = marks
    .map((m) => ({ start: Math.max(0, m.start), end: Math.min(length, m.end) }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start);
  const out: Mark[] = [];
  for (const m of clipped) {
    const last = out[out.length - 1];
    if (last && m.start <= last.end) last.end = Math.max(last.end, m.end);
    else out.push({ ...m });
  }
  return out;
}

/** Split into runs of equal boldness (empty text → no runs). */
export function toRuns(r: RichText): Run[] {
  const runs: Run[] = [];
  let pos = 0;
  for (const m of normalizeMarks(r.marks ?? [], r.text.length)) {
    if (m.start > pos) runs.push({ text: r.text.slice(pos, m.start), bold: false });
    runs.push({ text: r.text.slice(m.start, m.end), bold: true });
    pos = m.end;
  }
  if (pos < r.text.length) runs.push({ text: r.text.slice(pos), bold: false });
  return runs;
}

export function fromRuns(runs: readonly Run[]): RichText {
  let text = "";
  const marks: Mark[] = [];
  for (const run of runs) {
    if (run.bold && run.text) marks.push({ start: text.length, end: text.length + run.text.length });
    text += run.text;
  }
  return rich(text, marks);
}

export function concatRich(...parts: readonly (RichText | undefined)[]): RichText {
  let text = "";
  const marks: Mark[] = [];
  for (const p of parts) {
    if (!p) continue;
    for (const m of p.marks ?? []) marks.push({ start: m.start + text.length, end: m.end + text.length });
    text += p.text;
  }
  return rich(text, marks);
}

export function sliceRich(r: RichText, start: number, end = r.text.length): RichText {
  const marks = (r.marks ?? []).map((m) => ({ start: m.start - start, end: m.end - start }));
  return rich(r.text.slice(start, end), normalizeMarks(marks, end - start));
}

/** Trim whitespace (incl. full-width space) at both ends, keeping marks aligned. */
export function trimRich(r: RichText): RichText {
  const lead = r.text.length - r.text.trimStart().length;
  const trimmedEnd = r.text.trimEnd().length;
  if (lead === 0 && trimmedEnd === r.text.length) return rich(r.text, r.marks);
  if (trimmedEnd <= lead) return { text: "" };
  return sliceRich(r, lead, trimmedEnd);
}

export const isBlank = (r: RichText | undefined) => !r || r.text.trim() === "";
