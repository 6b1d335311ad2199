/**
 * Copies of the form in localStorage until the server confirms a save, and the offer to restore
 * one when the case is opened again (never overwriting a copy the user has not decided about).
 */
import { useCallback, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { CaseContent } from "~/cases/content";
import { findLocalDrafts, removeLocalDraft, removeLocalDraftByKey, writeLocalDraft, type LocalDraft } from "../local-drafts";
import type { CaseFormValues } from "../values";
import { snapshotOf } from "./post";

export function useLocalCopies(opts: {
  form: UseFormReturn<CaseFormValues, unknown, CaseContent>;
  userId: string;
  caseId: string | null;
  lastSavedRef: React.MutableRefObject<string>;
  baseVersionRef: React.MutableRefObject<number | null>;
}) {
  const { form, userId, caseId, lastSavedRef, baseVersionRef } = opts;
  const [offer, setOffer] = useState<LocalDraft | null>(null);
  const offerRef = useRef<LocalDraft | null>(null);

  const writeLocal = useCallback(() => {
    if (offerRef.current) return; // never overwrite a copy the user has not decided about
    const values = form.getValues();
    if (snapshotOf(values) === lastSavedRef.current) removeLocalDraft(userId, caseId);
    else writeLocalDraft(userId, caseId, baseVersionRef.current, values);
  }, [form, userId, caseId, lastSavedRef, baseVersionRef]);

  /** On arrival: offer the copy this browser kept, unless it is what the server has anyway. */
  const lookForCopy = useCallback(() => {
    const found = findLocalDrafts(userId, caseId)[0];
    if (!found) return;
    if (snapshotOf(found.values) === lastSavedRef.current) {
      removeLocalDraftByKey(found.key);
      return;
    }
    offerRef.current = found;
    setOffer(found);
  }, [userId, caseId, lastSavedRef]);

  /** Takes the offered copy; returns it so the editor can load it into the form. */
  const takeOffer = useCallback((): LocalDraft | null => {
    const found = offerRef.current;
    if (!found) return null;
    offerRef.current = null;
    setOffer(null);
    removeLocalDraftByKey(found.key);
    return found;
  }, []);

  const discardOffer = useCallback(() => {
    if (offerRef.current) removeLocalDraftByKey(offerRef.current.key);
    offerRef.current = null;
    setOffer(null);
  }, []);

  const forget = useCallback((forCase: string | null = caseId) => removeLocalDraft(userId, forCase), [userId, caseId]);

  return { offer, offerRef, writeLocal, lookForCopy, takeOffer, discardOffer, forget };
}

export type LocalCopies = ReturnType<typeof useLocalCopies>;
