/**
 * The editor's save status line and the messages around the form, in one small state hook, and
 * the version the form's values are based on (kept in a ref too: async save replies read it).
 */
import { useCallback, useRef, useState } from "react";
import { formStrings as t } from "~/cases/form-strings";
import { formatDateTime } from "~/ui/format";
import type { FlatErrors } from "../draft-schema";

export type Status =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline" }
  | { kind: "paused"; reason: string }
  | { kind: "conflict" }
  | { kind: "error"; message: string }
  | { kind: "note"; message: string };

export function statusText(s: Status): string | null {
  switch (s.kind) {
    case "idle":
      return null;
    case "dirty":
      return t.unsaved;
    case "saving":
      return t.saving;
    case "saved":
      return t.savedAt(formatDateTime(s.at, "time"));
    case "offline":
      return t.offline;
    case "paused":
      return t.autosavePaused(s.reason);
    case "conflict":
      return t.conflictStatus;
    case "error":
    case "note":
      return s.message;
  }
}

export function useEditorStatus(initial: { status: Status; errors: FlatErrors; message: string | null; baseVersion: number | null }) {
  const [status, setStatus] = useState<Status>(initial.status);
  const [serverErrors, setServerErrors] = useState<FlatErrors>(initial.errors);
  const [formMessage, setFormMessage] = useState<string | null>(initial.message);
  const [baseVersion, setBaseVersion] = useState<number | null>(initial.baseVersion);
  const baseVersionRef = useRef(initial.baseVersion);
  const setBase = useCallback((v: number | null) => {
    baseVersionRef.current = v;
    setBaseVersion(v);
  }, []);
  /** A field changed: its server error (and those under it) no longer applies. */
  const clearErrorsAt = useCallback((name: string) => {
    setServerErrors((errors) => {
      const keys = Object.keys(errors).filter((k) => k === name || k.startsWith(`${name}.`) || name.startsWith(`${k}.`));
      if (!keys.length) return errors;
      const next = { ...errors };
      for (const k of keys) delete next[k];
      return next;
    });
  }, []);
  return { status, setStatus, serverErrors, setServerErrors, formMessage, setFormMessage, baseVersion, baseVersionRef, setBase, clearErrorsAt };
}

export type EditorStatus = ReturnType<typeof useEditorStatus>;
