/**
 * Selecting a passage of the rendered case to comment on it (with JavaScript; without it the
 * reviewer pastes the passage into the comment form). The text of the case carries
 * `data-field`/`data-offset` (CaseDocument with sources), so a DOM selection maps back to one text
 * field of the content model and offsets inside it; a selection across fields is refused with a hint.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { anchorOfField } from "./selector";
import { reviewStrings as t } from "./strings";

export type PickedPassage = { key: number; field: string; start: number; end: number; quote: string; anchor: string };

type Point = { field: string; offset: number };

function pointOf(node: Node, offset: number): Point | null {
  const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>("[data-field]");
  if (!el) return null;
  const base = Number(el.dataset.offset ?? "0");
  // Inside the span's text node: base + offset; on the span itself (element boundary): its start or end.
  const within = node.nodeType === Node.TEXT_NODE ? offset : offset === 0 ? 0 : (el.textContent ?? "").length;
  return { field: el.dataset.field!, offset: base + within };
}

type Pending = { passage: PickedPassage; top: number; left: number } | { error: string; top: number; left: number };

export function PassagePicker({ children, onPick }: { children: ReactNode; onPick: (p: PickedPassage) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const counter = useRef(0);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const selection = document.getSelection();
      const container = box.current;
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !container) return setPending(null);
      const range = selection.getRangeAt(0);
      if (!container.contains(range.commonAncestorContainer)) return setPending(null);
      const rect = range.getBoundingClientRect();
      const outer = container.getBoundingClientRect();
      const where = { top: rect.bottom - outer.top + 6, left: Math.max(0, rect.left - outer.left) };
      const start = pointOf(range.startContainer, range.startOffset);
      const end = pointOf(range.endContainer, range.endOffset);
      if (!start || !end || start.field !== end.field) return setPending({ error: t.selectOneParagraph, ...where });
      const quote = selection.toString();
      if (end.offset <= start.offset || !quote.trim()) return setPending(null);
      if (end.offset - start.offset > 500) return setPending({ error: t.selectTooLong, ...where });
      setPending({ passage: { key: ++counter.current, field: start.field, start: start.offset, end: end.offset, quote, anchor: anchorOfField(start.field) }, ...where });
    };
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(check, 120);
    };
    document.addEventListener("selectionchange", onChange);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("selectionchange", onChange);
    };
  }, []);

  return (
    <div className="passage-picker" ref={box}>
      {children}
      {pending ? (
        <div className="passage-picker__popup" style={{ top: pending.top, left: pending.left }}>
          {"passage" in pending ? (
            <button
              type="button"
              className="button small primary"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                onPick(pending.passage);
                setPending(null);
                document.getElementById("comment-new")?.scrollIntoView({ block: "center" });
              }}
            >
              {t.commentSelection}
            </button>
          ) : (
            <span className="muted small" role="status">
              {pending.error}
            </span>
          )}
        </div>
      ) : null}
    </div>
  );
}
