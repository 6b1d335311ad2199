/**
 * The form's values handed from /cases/new to /cases/:id/edit after the first save creates the
 * case: the same words, the same caret, the same scroll position, without a reload.
 */
import type { CaseFormValues } from "../values";

export type Handoff = {
  caseId: string;
  version: number;
  values: CaseFormValues;
  snapshot: string;
  savedAt: string;
  focus: { name: string; start: number | null; end: number | null } | null;
  scrollY: number;
};

let current: Handoff | null = null;

export const handoffs = {
  take: (caseId: string | null, version: number | null): Handoff | null =>
    current && caseId && current.caseId === caseId && current.version === version ? current : null,
  give: (h: Handoff) => {
    current = h;
  },
  /** The editor that gave it keeps its values current until the next page takes over. */
  update: (values: CaseFormValues) => {
    if (current) current.values = values;
  },
  done: (h: Handoff) => {
    if (current === h) current = null;
  },
};

/** Puts the caret back where it was on the page that handed over. */
export function restoreFocus(form: HTMLFormElement | null, h: Handoff) {
  if (h.focus) {
    const el = form?.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(h.focus.name)}"]`);
    if (el) {
      el.focus();
      if (h.focus.start !== null && h.focus.end !== null) el.setSelectionRange?.(h.focus.start, h.focus.end);
    }
  }
  window.scrollTo(0, h.scrollY);
}
