/**
 * Where a review comment points: "general", "intro", "practices.lead", "practices.items.<i>",
 * "effects.items.<i>", "nextSteps" (i counts from 0). Pure: used by the server (validation,
 * notification text) and the case page (labels, grouping, the anchor select).
 */
import type { CaseContent } from "~/cases/content/schema";
import { itemNumber } from "~/cases/content/numbering";
import { reviewStrings as t } from "./strings";
import { caseContentLabels } from "~/cases/content/strings";

export type AnchorSection = "general" | "intro" | "practices.lead" | "practices.items" | "effects.items" | "nextSteps";
export type ParsedAnchor = { section: AnchorSection; index: number | null };

const ANCHOR_RE = /^(general|intro|practices\.lead|nextSteps|(practices|effects)\.items\.(0|[1-9]\d{0,2}))$/;

export function parseAnchor(anchor: string): ParsedAnchor | null {
  const m = ANCHOR_RE.exec(anchor);
  if (!m) return null;
  if (m[2]) return { section: `${m[2]}.items` as AnchorSection, index: Number(m[3]) };
  return { section: m[1] as AnchorSection, index: null };
}

type AnchorContent = Pick<CaseContent, "practices" | "effects">;

/** May a new comment point here, given the content it is written against? */
export function isValidAnchor(anchor: string, content: AnchorContent): boolean {
  const a = parseAnchor(anchor);
  if (!a) return false;
  if (a.section === "practices.lead") return Boolean(content.practices.lead);
  if (a.section === "practices.items") return a.index! < content.practices.items.length;
  if (a.section === "effects.items") return a.index! < content.effects.items.length;
  return true;
}

/** Document order: general first, then as the case reads. */
export function anchorOrder(anchor: string): number {
  const a = parseAnchor(anchor);
  if (!a) return 10_000;
  switch (a.section) {
    case "general":
      return 0;
    case "intro":
      return 1;
    case "practices.lead":
      return 2;
    case "practices.items":
      return 100 + a.index!;
    case "effects.items":
      return 2000 + a.index!;
    case "nextSteps":
      return 5000;
  }
}

/** "主要做法（二）实现公文书电子化流转和线上查验。" — the item heading gives the reader context. */
export function anchorLabel(anchor: string, content: AnchorContent | null): string {
  const a = parseAnchor(anchor);
  if (!a) return anchor;
  if (a.section === "general") return t.anchors.general;
  if (a.section !== "practices.items" && a.section !== "effects.items") return anchorPlace(anchor)!;
  const practices = a.section === "practices.items";
  const item = (practices ? content?.practices.items : content?.effects.items)?.[a.index!];
  if (!item) return t.anchors.removedItem(practices ? caseContentLabels.practices : caseContentLabels.effects, a.index!);
  return practices ? t.anchors.practicesItem(itemNumber(a.index! + 1), item.heading) : t.anchors.effectsItem(itemNumber(a.index! + 1), item.heading);
}

/** The short name of an anchor for a sentence ("主要做法（二）"), null for a general comment. */
export function anchorPlace(anchor: string): string | null {
  const a = parseAnchor(anchor);
  if (!a) return null;
  switch (a.section) {
    case "general":
      return null;
    case "intro":
      return t.places.intro;
    case "practices.lead":
      return t.places.practicesLead;
    case "nextSteps":
      return t.places.nextSteps;
    case "practices.items":
      return t.places.practicesItem(itemNumber(a.index! + 1));
    case "effects.items":
      return t.places.effectsItem(itemNumber(a.index! + 1));
  }
}

/** The choices of the comment form's anchor select, in document order. */
export function anchorOptions(content: AnchorContent): { value: string; label: string }[] {
  const values = ["general", "intro"];
  if (content.practices.lead) values.push("practices.lead");
  content.practices.items.forEach((_, i) => values.push(`practices.items.${i}`));
  content.effects.items.forEach((_, i) => values.push(`effects.items.${i}`));
  values.push("nextSteps");
  return values.map((value) => ({ value, label: anchorLabel(value, content) }));
}

// ---------------------------------------------------------------------------------------------
// Threads

export type CommentLike = { id: number; parentId: number | null; anchor: string; createdAt: Date | string };
export type Thread<C extends CommentLike> = { root: C; replies: C[] };
export type AnchorGroup<C extends CommentLike> = { anchor: string; label: string; threads: Thread<C>[] };

/**
 * Groups comments into threads (a root and its replies, oldest first) and the threads by anchor,
 * in document order. A reply whose root is missing becomes a root of its own.
 */
export function groupComments<C extends CommentLike>(comments: readonly C[], content: AnchorContent | null): AnchorGroup<C>[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const rootOf = (c: C): C => {
    let current = c;
    const seen = new Set<number>();
    while (current.parentId !== null && byId.has(current.parentId) && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.parentId)!;
    }
    return current;
  };
  const time = (c: C) => new Date(c.createdAt).getTime();
  const sorted = [...comments].sort((a, b) => time(a) - time(b) || a.id - b.id);
  const threads = new Map<number, Thread<C>>();
  for (const c of sorted) {
    const root = rootOf(c);
    if (root.id === c.id) threads.set(c.id, threads.get(c.id) ?? { root: c, replies: [] });
    else {
      const thread = threads.get(root.id) ?? { root, replies: [] };
      thread.replies.push(c);
      threads.set(root.id, thread);
    }
  }
  const groups = new Map<string, AnchorGroup<C>>();
  for (const thread of threads.values()) {
    const anchor = thread.root.anchor;
    const group = groups.get(anchor) ?? { anchor, label: anchorLabel(anchor, content), threads: [] };
    group.threads.push(thread);
    groups.set(anchor, group);
  }
  return [...groups.values()].sort((a, b) => anchorOrder(a.anchor) - anchorOrder(b.anchor));
}
