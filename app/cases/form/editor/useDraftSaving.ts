/**
 * Saving drafts: one fetcher, one save at a time, each carrying the version it started from;
 * autosave two seconds after the last change (paused while the draft is invalid, after a paste,
 * during a conflict or while a browser copy waits for a decision); offline detection and retry;
 * and the one place that applies the server's answers (saved, invalid, conflict, error, …).
 */
import { useFetcher, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { CaseContent } from "~/cases/content";
import { formStrings as t } from "~/cases/form-strings";
import { draftFormSchema } from "../draft-schema";
import { MAX_EDITOR_POST_BYTES, type EditorReply } from "../reply";
import type { CaseFormValues } from "../values";
import { handoffs } from "./handoff";
import { buildPost, postSize, snapshotOf } from "./post";
import type { EditorStatus } from "./status";
import type { useConflict } from "./useConflict";
import type { LocalCopies } from "./useLocalCopies";

const AUTOSAVE_DELAY_MS = 2000;
const LOCAL_COPY_DELAY_MS = 300;
const OFFLINE_RETRY_MS = 15000;

export type Sent = { intent: string; snapshot: string };

export function useDraftSaving(opts: {
  form: UseFormReturn<CaseFormValues, unknown, CaseContent>;
  userId: string;
  caseId: string | null;
  actionUrl: string;
  status: EditorStatus;
  local: LocalCopies;
  conflicts: ReturnType<typeof useConflict>;
  lastSavedRef: React.MutableRefObject<string>;
  allowLeaveRef: React.MutableRefObject<boolean>;
  formRef: React.RefObject<HTMLFormElement>;
  focusFirstError: () => void;
}) {
  const { form, userId, caseId, actionUrl, status, local, conflicts, lastSavedRef, allowLeaveRef, formRef, focusFirstError } = opts;
  const { setStatus, setServerErrors, setFormMessage, setBase, baseVersionRef, clearErrorsAt } = status;
  const { writeLocal } = local;
  const saver = useFetcher<EditorReply>({ key: `case-save:${caseId ?? "new"}` });
  const navigate = useNavigate();
  const inFlightRef = useRef<Sent | null>(null);
  const queuedRef = useRef<string | null>(null);
  const pausedRef = useRef(false);
  const ownsHandoffRef = useRef(false);
  const timers = useRef<{ autosave?: ReturnType<typeof setTimeout>; local?: ReturnType<typeof setTimeout> }>({});

  const isDirty = useCallback(() => Boolean(inFlightRef.current) || snapshotOf(form.getValues()) !== lastSavedRef.current, [form, lastSavedRef]);

  const post = useCallback(
    (intent: string) => {
      if (inFlightRef.current) {
        // One save at a time: a second one would start from a version the first is about to replace.
        if (intent !== "autosave" || !queuedRef.current) queuedRef.current = intent;
        return;
      }
      const values = form.getValues();
      if (navigator.onLine === false) {
        // Known offline: do not post. (A failed post would be followed by the router reloading the
        // root route's data, which fails too and replaces the page by the error page.)
        setStatus({ kind: "offline" });
        writeLocal();
        clearTimeout(timers.current.autosave);
        timers.current.autosave = setTimeout(() => post(intent), OFFLINE_RETRY_MS);
        return;
      }
      const fd = buildPost(values, intent, caseId ? baseVersionRef.current : null, true);
      if (postSize(fd) > MAX_EDITOR_POST_BYTES) {
        writeLocal();
        setStatus({ kind: "error", message: t.tooLargeLocal });
        return;
      }
      inFlightRef.current = { intent, snapshot: snapshotOf(values) };
      setStatus({ kind: "saving" });
      saver.submit(fd, { method: "post", action: actionUrl });
    },
    [form, caseId, actionUrl, saver, writeLocal, setStatus, baseVersionRef],
  );

  const autosaveNow = useCallback(() => {
    if (conflicts.conflictRef.current || pausedRef.current || local.offerRef.current) return;
    const values = form.getValues();
    if (snapshotOf(values) === lastSavedRef.current) return;
    const check = draftFormSchema.safeParse(values);
    if (!check.success) {
      const basics = check.error.issues.some((i) => ["title", "category", "leadRegion"].includes(String(i.path[0])) && i.path.length === 1);
      setStatus({ kind: "paused", reason: basics ? t.autosaveNeedsBasics : t.autosaveInvalid(check.error.issues.length) });
      return;
    }
    post("autosave");
  }, [form, post, conflicts.conflictRef, local.offerRef, lastSavedRef, setStatus]);

  const scheduleAutosave = useCallback(
    (delay = AUTOSAVE_DELAY_MS) => {
      clearTimeout(timers.current.autosave);
      timers.current.autosave = setTimeout(autosaveNow, delay);
    },
    [autosaveNow],
  );

  const onChange = useCallback(
    (name?: string) => {
      if (name) clearErrorsAt(name);
      if (ownsHandoffRef.current) handoffs.update(form.getValues());
      setStatus((s) => (s.kind === "saved" || s.kind === "idle" ? { kind: "dirty" } : s));
      clearTimeout(timers.current.local);
      timers.current.local = setTimeout(writeLocal, LOCAL_COPY_DELAY_MS);
      scheduleAutosave();
    },
    [form, writeLocal, scheduleAutosave, clearErrorsAt, setStatus],
  );

  useEffect(() => {
    const sub = form.watch((_values, info) => onChange(info.name));
    return () => sub.unsubscribe();
  }, [form, onChange]);

  const handleReply = useCallback(
    (reply: EditorReply, sent: Sent) => {
      switch (reply.kind) {
        case "saved": {
          setBase(reply.version);
          lastSavedRef.current = sent.snapshot;
          setStatus({ kind: "saved", at: reply.savedAt });
          if (sent.intent !== "autosave") {
            setServerErrors({});
            setFormMessage(null);
            pausedRef.current = false;
          }
          const now = form.getValues();
          if (snapshotOf(now) === sent.snapshot) local.forget();
          else {
            writeLocal();
            setStatus({ kind: "dirty" });
            scheduleAutosave();
          }
          if (reply.created) {
            // The case exists now: continue on its edit page with exactly what is in the form.
            allowLeaveRef.current = true;
            const active = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
            const inForm = active && formRef.current?.contains(active) && "name" in active && active.name;
            handoffs.give({
              caseId: reply.caseId,
              version: reply.version,
              values: now,
              snapshot: sent.snapshot,
              savedAt: reply.savedAt,
              focus: inForm ? { name: active.name, start: active.selectionStart ?? null, end: active.selectionEnd ?? null } : null,
              scrollY: window.scrollY,
            });
            ownsHandoffRef.current = true;
            local.forget(null);
            if (snapshotOf(now) !== sent.snapshot) local.writeLocal();
            navigate(`/cases/${reply.caseId}/edit`, { replace: true, preventScrollReset: true });
          }
          return;
        }
        case "invalid":
          if (sent.intent === "autosave") {
            setStatus({ kind: "paused", reason: t.autosaveInvalid(Object.keys(reply.errors).length) });
            return;
          }
          setServerErrors(reply.errors);
          setFormMessage(reply.message);
          setStatus({ kind: "error", message: reply.message });
          focusFirstError();
          return;
        case "conflict":
          conflicts.setConflict(reply);
          setStatus({ kind: "conflict" });
          writeLocal();
          return;
        case "error":
          setFormMessage(reply.message);
          setStatus({ kind: "error", message: reply.message });
          writeLocal();
          return;
        case "offline":
          setStatus({ kind: "offline" });
          writeLocal();
          scheduleAutosave(OFFLINE_RETRY_MS);
          return;
        case "pasted":
          form.reset(reply.values);
          pausedRef.current = true;
          setServerErrors({});
          setFormMessage(null);
          setStatus({ kind: "paused", reason: t.autosaveAfterPaste });
          writeLocal();
          return;
        case "restructured":
          form.reset(reply.values);
          return;
        case "paste-failed":
        case "commented":
          return;
      }
    },
    [form, navigate, writeLocal, scheduleAutosave, focusFirstError, setBase, setStatus, setServerErrors, setFormMessage, lastSavedRef, allowLeaveRef, formRef, local, conflicts],
  );

  // Answers of the save fetcher, one per post.
  useEffect(() => {
    if (saver.state !== "idle") return;
    const sent = inFlightRef.current;
    if (!sent) return;
    inFlightRef.current = null;
    handleReply(saver.data ?? { kind: "offline", message: t.offline }, sent);
    const queued = queuedRef.current;
    queuedRef.current = null;
    if (queued && !conflicts.conflictRef.current) {
      if (queued === "autosave") autosaveNow();
      else post(queued);
    }
  }, [saver.state, saver.data, handleReply, autosaveNow, post, conflicts.conflictRef]);

  useEffect(
    () => () => {
      clearTimeout(timers.current.autosave);
      clearTimeout(timers.current.local);
    },
    [],
  );

  // Back online: save what was kept while offline.
  useEffect(() => {
    const onOnline = () => scheduleAutosave(500);
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [scheduleAutosave]);

  /** An explicit save (保存草稿, or overwrite after a conflict): resumes a paused autosave. */
  const saveNow = useCallback(
    (intent: string) => {
      pausedRef.current = false;
      clearTimeout(timers.current.autosave);
      post(intent);
    },
    [post],
  );
  const stopAutosave = useCallback(() => clearTimeout(timers.current.autosave), []);

  return { isDirty, onChange, handleReply, scheduleAutosave, saveNow, stopAutosave, pausedRef };
}
