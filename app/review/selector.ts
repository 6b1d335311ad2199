/**
 * Where an inline comment points, and how it is found again after the case is edited.
 *
 * The W3C Web Annotation TextQuoteSelector idea, on the content model instead of the DOM: a
 * selector names one text field of the case ("practices.items.1.body.0.text"), the UTF-16
 * offsets of the passage in it, the passage itself (`exact`) and up to CONTEXT characters on
 * either side (`prefix`, `suffix`). Re-anchoring against a later version:
 *   1. the exact quote in the same field (the nearest occurrence to where it was), else
 *   2. the exact quote in another field, if its surroundings match (or it is long and unique), else
 *   3. an approximate match (approx-string-match, ≤ 20 % differences) whose surroundings match,
 *   4. otherwise the comment is 已过时 (outdated): shown with its quote, never attached elsewhere.
 * A section comment on an item keeps the item's heading, so reordering items does not move it to
 * another item. Pure: the server, the case page and the editor use the same functions.
 */
import search from "approx-string-match";
import { z } from "zod";
import type { Block, CaseContent, Point } from "~/cases/content/schema";
import { parseAnchor } from "./anchors";

/** Characters of context kept on each side of a quote. */
export const CONTEXT = 32;
/** Longest passage one comment may quote. */
export const QUOTE_MAX = 500;

export type QuoteSelector = { type: "quote"; field: string; start: number; end: number; exact: string; prefix: string; suffix: string };
export type SectionSelector = { type: "section"; heading: string };
export type CommentSelector = QuoteSelector | SectionSelector;

export const commentSelectorSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("quote"),
    field: z.string().max(100),
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    exact: z.string().min(1).max(QUOTE_MAX),
    prefix: z.string().max(CONTEXT * 2),
    suffix: z.string().max(CONTEXT * 2),
  }),
  z.object({ type: z.literal("section"), heading: z.string().max(200) }),
]);

export function parseSelector(raw: unknown): CommentSelector | null {
  const parsed = commentSelectorSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

// ---------------------------------------------------------------------------------------------
// The text fields of a case

export type TextField = { path: string; text: string };

type AnchorableContent = Pick<CaseContent, "title" | "intro" | "practices" | "effects" | "nextSteps">;

function pointFields(base: string, points: readonly Point[], out: TextField[]) {
  points.forEach((p, k) => {
    if (p.lead) out.push({ path: `${base}.points.${k}.lead`, text: p.lead });
    out.push({ path: `${base}.points.${k}.text`, text: p.text.text });
  });
}

function blockFields(base: string, body: readonly Block[], out: TextField[]) {
  body.forEach((b, j) => {
    const path = `${base}.body.${j}`;
    if (b.type === "paragraph") {
      if (b.lead) out.push({ path: `${path}.lead`, text: b.lead });
      out.push({ path: `${path}.text`, text: b.text.text });
    } else {
      if (b.intro) out.push({ path: `${path}.intro`, text: b.intro.text });
      pointFields(path, b.points, out);
    }
  });
}

/** Every text a reader sees, in document order, with its path in the content model. */
export function textFields(content: AnchorableContent): TextField[] {
  const out: TextField[] = [{ path: "title", text: content.title }];
  content.intro.forEach((p, i) => out.push({ path: `intro.${i}`, text: p.text }));
  if (content.practices.lead) out.push({ path: "practices.lead", text: content.practices.lead.text });
  content.practices.items.forEach((item, i) => {
    out.push({ path: `practices.items.${i}.heading`, text: item.heading });
    blockFields(`practices.items.${i}`, item.body, out);
  });
  content.effects.items.forEach((item, i) => {
    out.push({ path: `effects.items.${i}.heading`, text: item.heading });
    blockFields(`effects.items.${i}`, item.body, out);
  });
  const ns = content.nextSteps;
  if (ns.kind === "paragraph") out.push({ path: "nextSteps.text", text: ns.text.text });
  else {
    if (ns.intro) out.push({ path: "nextSteps.intro", text: ns.intro.text });
    pointFields("nextSteps", ns.points, out);
  }
  return out.filter((f) => f.text !== "");
}

const FIELD_ANCHOR = /^(intro|practices\.lead|nextSteps|(?:practices|effects)\.items\.\d+)(?:\.|$)/;

/** The section (comment anchor) a field belongs to: "practices.items.1.body.0.text" → "practices.items.1". */
export function anchorOfField(path: string): string {
  const m = FIELD_ANCHOR.exec(path);
  return m ? m[1] : "general";
}

/** Does the field belong to the section `anchor`? ("general" holds everything.) */
export function fieldInAnchor(path: string, anchor: string): boolean {
  return anchor === "general" || anchorOfField(path) === anchor;
}

// ---------------------------------------------------------------------------------------------
// Making a selector

const splitsPair = (text: string, i: number) => i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]) && /[\uD800-\uDBFF]/.test(text[i - 1]);

/** The selector of `field[start, end)` in `content`, or null when that is not a passage of it. */
export function makeSelector(content: AnchorableContent, field: string, start: number, end: number): QuoteSelector | null {
  const target = textFields(content).find((f) => f.path === field);
  if (!target || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > target.text.length || end - start < 1) return null;
  if (end - start > QUOTE_MAX || splitsPair(target.text, start) || splitsPair(target.text, end)) return null;
  const exact = target.text.slice(start, end);
  if (exact.trim() === "") return null;
  return {
    type: "quote",
    field,
    start,
    end,
    exact,
    prefix: target.text.slice(Math.max(0, start - CONTEXT), start),
    suffix: target.text.slice(end, end + CONTEXT),
  };
}

export type QuoteLookup = { ok: true; selector: QuoteSelector } | { ok: false; reason: "missing" | "ambiguous" | "invalid" };

/**
 * A selector for a quote typed or selected by the reviewer: `hint` (field and offsets from a
 * selection in the page) wins when it still holds that exact text; otherwise the quote must occur
 * exactly once in the section `anchor` (the form without JavaScript: the reviewer pastes the passage).
 */
export function selectorForQuote(
  content: AnchorableContent,
  anchor: string,
  quote: string,
  hint?: { field: string; start: number; end: number } | null,
): QuoteLookup {
  if (!quote.trim() || quote.length > QUOTE_MAX) return { ok: false, reason: "invalid" };
  if (hint) {
    const fromHint = makeSelector(content, hint.field, hint.start, hint.end);
    if (fromHint && fromHint.exact === quote) return { ok: true, selector: fromHint };
  }
  const hits: { field: string; start: number }[] = [];
  for (const f of textFields(content)) {
    if (!fieldInAnchor(f.path, anchor)) continue;
    for (let i = f.text.indexOf(quote); i !== -1; i = f.text.indexOf(quote, i + 1)) hits.push({ field: f.path, start: i });
  }
  if (hits.length === 0) return { ok: false, reason: "missing" };
  if (hits.length > 1) return { ok: false, reason: "ambiguous" };
  const selector = makeSelector(content, hits[0].field, hits[0].start, hits[0].start + quote.length);
  return selector ? { ok: true, selector } : { ok: false, reason: "invalid" };
}

/** The selector a new section comment keeps: an item's heading, so a reordering cannot move it. */
export function sectionSelector(content: AnchorableContent, anchor: string): SectionSelector | null {
  const a = parseAnchor(anchor);
  if (!a || (a.section !== "practices.items" && a.section !== "effects.items")) return null;
  const items = a.section === "practices.items" ? content.practices.items : content.effects.items;
  const heading = items[a.index!]?.heading;
  return heading ? { type: "section", heading } : null;
}

// ---------------------------------------------------------------------------------------------
// Finding it again

/** anchored: the quote as written; changed: an approximate match (the passage was edited); outdated: gone. */
export type PassageStatus = "anchored" | "changed" | "outdated";
export type Passage = { status: PassageStatus; quote: string; field: string | null; start: number | null; end: number | null };
export type ResolvedAnchor = { anchor: string; passage: Passage | null; outdated: boolean };

function commonSuffix(a: string, b: string) {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonPrefix(a: string, b: string) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

type Candidate = { field: string; start: number; end: number; errors: number; context: number; contextOk: boolean; distance: number };

/** How well the text around [start, end) matches the selector's prefix and suffix. */
function contextOf(sel: QuoteSelector, text: string, start: number, end: number) {
  const before = text.slice(Math.max(0, start - sel.prefix.length), start);
  const after = text.slice(end, end + sel.suffix.length);
  // An empty prefix means the passage began its field: that is context too.
  const pre = sel.prefix === "" ? (start === 0 ? CONTEXT : 0) : commonSuffix(sel.prefix, before);
  const post = sel.suffix === "" ? (end === text.length ? CONTEXT : 0) : commonPrefix(sel.suffix, after);
  const need = (side: string) => Math.min(6, side.length || CONTEXT);
  return { score: pre + post, ok: pre >= need(sel.prefix) || post >= need(sel.suffix) };
}

const best = (a: Candidate, b: Candidate) =>
  a.errors - b.errors || b.context - a.context || a.distance - b.distance;

export function resolveQuote(sel: QuoteSelector, content: AnchorableContent): Passage {
  const fields = textFields(content);
  const exact: Candidate[] = [];
  for (const f of fields) {
    for (let i = f.text.indexOf(sel.exact); i !== -1; i = f.text.indexOf(sel.exact, i + 1)) {
      const c = contextOf(sel, f.text, i, i + sel.exact.length);
      exact.push({ field: f.path, start: i, end: i + sel.exact.length, errors: 0, context: c.score, contextOk: c.ok, distance: Math.abs(i - sel.start) });
    }
  }
  const found = (c: Candidate, status: PassageStatus): Passage => ({ status, quote: sel.exact, field: c.field, start: c.start, end: c.end });

  const sameField = exact.filter((c) => c.field === sel.field).sort(best);
  if (sameField.length) return found(sameField[0], "anchored");
  const elsewhere = exact.filter((c) => c.contextOk || (exact.length === 1 && sel.exact.length >= 10)).sort(best);
  if (elsewhere.length) return found(elsewhere[0], "anchored");

  // Short quotes are matched exactly or not at all: a two-character fuzzy match is a guess.
  if (sel.exact.length >= 6) {
    const maxErrors = Math.floor(sel.exact.length / 5);
    const fuzzy: Candidate[] = [];
    for (const f of fields) {
      for (const m of search(f.text, sel.exact, maxErrors)) {
        const c = contextOf(sel, f.text, m.start, m.end);
        if (c.ok) fuzzy.push({ field: f.path, start: m.start, end: m.end, errors: m.errors, context: c.score, contextOk: true, distance: f.path === sel.field ? Math.abs(m.start - sel.start) : 100_000 });
      }
    }
    fuzzy.sort(best);
    if (fuzzy.length) return found(fuzzy[0], "changed");
  }
  return { status: "outdated", quote: sel.exact, field: null, start: null, end: null };
}

function resolveSection(sel: SectionSelector, anchor: string, content: AnchorableContent): { anchor: string; outdated: boolean } {
  const a = parseAnchor(anchor);
  if (!a || (a.section !== "practices.items" && a.section !== "effects.items")) return { anchor, outdated: false };
  const items = a.section === "practices.items" ? content.practices.items : content.effects.items;
  if (items[a.index!]?.heading === sel.heading) return { anchor, outdated: false };
  const same = items.flatMap((it, i) => (it.heading === sel.heading ? [i] : []));
  if (same.length === 1) return { anchor: `${a.section}.${same[0]}`, outdated: false };
  // The heading was edited: the item at the same place is most likely the same item.
  return { anchor, outdated: a.index! >= items.length };
}

/** Where a comment stands in `content`: its section now, and for an inline comment its passage. */
export function resolveAnchor(anchor: string, selector: unknown, content: AnchorableContent | null): ResolvedAnchor {
  const sel = parseSelector(selector);
  if (!content || !sel) return { anchor, passage: null, outdated: false };
  if (sel.type === "section") return { ...resolveSection(sel, anchor, content), passage: null };
  const passage = resolveQuote(sel, content);
  if (passage.status === "outdated") return { anchor, passage, outdated: true };
  return { anchor: anchorOfField(passage.field!), passage, outdated: false };
}
