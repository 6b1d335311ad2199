/**
 * The review discussion as the pages show it: comments re-anchored against the content shown
 * (selector.ts), grouped into threads by section in document order, each thread with its status
 * (已解决 / 未解决 / 已过时) and, for inline comments, the passage to highlight. Pure.
 */
import type { CaseContent } from "~/cases/content/schema";
import { groupComments, type AnchorGroup } from "./anchors";
import type { CommentView } from "./comments.server";
import { resolveAnchor, type Passage } from "./selector";

export type ThreadStatus = "resolved" | "open" | "outdated";

export type CommentItem = Omit<CommentView, "selector"> & {
  /** The section it was written on, when re-anchoring moved it (items reordered). */
  originalAnchor: string;
  /** Inline comments: the quoted passage and where it is now. */
  passage: Passage | null;
  status: ThreadStatus;
};

export type Highlight = { commentId: number; field: string; start: number; end: number; changed: boolean };

export type ReviewDiscussion = {
  groups: AnchorGroup<CommentItem>[];
  openCount: number;
  /** Open inline comments whose passage is still in the text. */
  highlights: Highlight[];
};

export function reviewDiscussion(comments: readonly CommentView[], content: CaseContent | null): ReviewDiscussion {
  const items: CommentItem[] = comments.map(({ selector, ...c }) => {
    if (c.parentId !== null) return { ...c, originalAnchor: c.anchor, passage: null, status: "open" };
    const where = resolveAnchor(c.anchor, selector, content);
    const status: ThreadStatus = c.resolvedAt ? "resolved" : where.outdated ? "outdated" : "open";
    return { ...c, anchor: where.anchor, originalAnchor: c.anchor, passage: where.passage, status };
  });
  const groups = groupComments(items, content);
  const roots = groups.flatMap((g) => g.threads.map((th) => th.root));
  const highlights = roots.flatMap((r): Highlight[] =>
    r.status === "open" && r.passage && r.passage.field !== null && r.passage.start !== null && r.passage.end !== null
      ? [{ commentId: r.id, field: r.passage.field, start: r.passage.start, end: r.passage.end, changed: r.passage.status === "changed" }]
      : [],
  );
  return { groups, openCount: roots.filter((r) => r.status !== "resolved").length, highlights };
}
