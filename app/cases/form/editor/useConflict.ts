/**
 * A refused save (409): both versions are shown and nothing retries on its own. The user either
 * loads the server's version or deliberately saves theirs on top of it (overwrite:<version>).
 */
import { useCallback, useRef, useState } from "react";
import type { EditorReply } from "../reply";

export type Conflict = Extract<EditorReply, { kind: "conflict" }>;

export function useConflict(initial: Conflict | null) {
  const [conflict, setConflictState] = useState<Conflict | null>(initial);
  const conflictRef = useRef<Conflict | null>(initial);
  const setConflict = useCallback((c: Conflict | null) => {
    conflictRef.current = c;
    setConflictState(c);
  }, []);
  return { conflict, conflictRef, setConflict };
}

/** "overwrite:<version>": the version the user reviewed and chose to save over. */
export function overwriteVersion(intent: string): number | null {
  const m = /^overwrite:(\d+)$/.exec(intent);
  return m ? Number(m[1]) : null;
}
