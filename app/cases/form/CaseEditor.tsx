/**
 * The case editor, shared by /cases/new and /cases/:id/edit: a form that mirrors the bulletin
 * (numbering shown, never typed), a live preview rendered by the bulletin's own renderer, and
 * drafts that cannot be lost.
 *
 * How drafts are kept
 * - With JavaScript every save goes through one fetcher (explicit "保存草稿", and autosave two
 *   seconds after the last change), one at a time, each carrying the version it started from.
 *   A refused save (409) shows both versions and never retries on its own.
 * - Every change is also copied to localStorage until the server confirms it; if the server cannot
 *   be reached the copy stays and is offered back when the case is opened again.
 * - Leaving with unsaved changes asks first (beforeunload, and Remix's useBlocker).
 * - Without JavaScript the same <Form> posts natively; the server answers with the same errors and
 *   the values kept, and structure buttons (add/remove/move) re-render the form.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { Form, Link, useActionData, useBlocker, useFetcher, useNavigate, useSubmit } from "@remix-run/react";
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm, useFormContext, useWatch, type Resolver } from "react-hook-form";
import { CASE_LIMITS, EFFECTS_HEADINGS, NEXT_STEPS_HEADINGS, sectionNumber, type CaseContent } from "~/cases/content";
import { formStrings as t } from "~/cases/form-strings";
import { FormError, Notice } from "~/ui/components";
import { formatDateTime } from "~/ui/format";
import { draftFormSchema, submitFormSchema, type FlatErrors, type SaveMode } from "./draft-schema";
import { EditorContext, HeadingChoice, IntroList, ItemList, NextStepsEditor, RichTextField, TextField, type EditorContextValue } from "./fields";
import { findLocalDrafts, removeLocalDraft, removeLocalDraftByKey, writeLocalDraft, type LocalDraft } from "./local-drafts";
import { ConflictPanel, displayNames, ErrorSummary, LeaveDialog, LivePreview, LocalDraftOffer, PasteResult, type PasteInfo } from "./panels";
import { fieldId, flattenFieldErrors, valuesToEntries } from "./paths";
import { MAX_EDITOR_POST_BYTES, type EditorOptions, type EditorReply } from "./reply";
import { valuesToContent, type CaseFormValues } from "./values";

export type CaseEditorProps = {
  userId: string;
  /** null on /cases/new until the first save */
  caseId: string | null;
  state: string | null;
  /** the server's version the loaded values are */
  version: number | null;
  values: CaseFormValues;
  options: EditorOptions;
  notice: string | null;
};

type Status =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline" }
  | { kind: "paused"; reason: string }
  | { kind: "conflict" }
  | { kind: "error"; message: string }
  | { kind: "note"; message: string };

type Sent = { intent: string; snapshot: string };
type Conflict = Extract<EditorReply, { kind: "conflict" }>;

/** The form's values handed from /cases/new to /cases/:id/edit after the first save creates the case. */
type Handoff = {
  caseId: string;
  version: number;
  values: CaseFormValues;
  snapshot: string;
  savedAt: string;
  focus: { name: string; start: number | null; end: number | null } | null;
  scrollY: number;
};
let handoff: Handoff | null = null;

const AUTOSAVE_DELAY_MS = 2000;
const LOCAL_COPY_DELAY_MS = 300;
const OFFLINE_RETRY_MS = 15000;

/** What the server would store for these values: the comparison for "changed since saved". */
export const snapshotOf = (values: CaseFormValues) => JSON.stringify(valuesToContent(values));

function buildPost(values: CaseFormValues, intent: string, baseVersion: number | null, js: boolean): FormData {
  const fd = new FormData();
  for (const [name, value] of valuesToEntries(values)) fd.append(name, value);
  fd.set("intent", intent);
  if (js) fd.set("js", "1");
  if (baseVersion !== null) fd.set("baseVersion", String(baseVersion));
  return fd;
}

function postSize(fd: FormData): number {
  return new URLSearchParams(fd as unknown as Record<string, string>).toString().length;
}

function statusText(s: Status): string | null {
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

export function CaseEditor(props: CaseEditorProps) {
  const { userId, caseId, options } = props;
  const actionUrl = caseId ? `/cases/${caseId}/edit` : "/cases/new";
  const names = useMemo(() => displayNames(options), [options]);

  // The first answer of the server when the page itself is the answer to a post (no JavaScript).
  const actionData = useActionData() as EditorReply | undefined;
  const firstActionData = useRef(actionData);
  const [initial] = useState(() => {
    const fromHandoff = handoff && caseId && handoff.caseId === caseId && handoff.version === props.version ? handoff : null;
    const echoed = actionData && "values" in actionData && actionData.values ? actionData : null;
    const baseVersion = echoed && "baseVersion" in echoed && typeof echoed.baseVersion === "number" ? echoed.baseVersion : props.version;
    return {
      fromHandoff,
      values: fromHandoff?.values ?? echoed?.values ?? props.values,
      baseVersion,
      savedSnapshot: fromHandoff?.snapshot ?? snapshotOf(props.values),
    };
  });

  const modeRef = useRef<SaveMode>("draft");
  const resolver = useMemo<Resolver<CaseFormValues, unknown, CaseContent>>(() => {
    const draft = zodResolver(draftFormSchema);
    const submit = zodResolver(submitFormSchema);
    return (values, context, opts) => (modeRef.current === "submit" ? submit : draft)(values, context, opts);
  }, []);
  const form = useForm<CaseFormValues, unknown, CaseContent>({
    defaultValues: initial.values,
    resolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: false,
  });

  const formRef = useRef<HTMLFormElement>(null);
  const pasteRef = useRef<HTMLTextAreaElement>(null);
  const saver = useFetcher<EditorReply>({ key: `case-save:${caseId ?? "new"}` });
  const paster = useFetcher<EditorReply>({ key: `case-paste:${caseId ?? "new"}` });
  const submit = useSubmit();
  const navigate = useNavigate();

  const [baseVersion, setBaseVersion] = useState<number | null>(initial.baseVersion);
  const baseVersionRef = useRef(initial.baseVersion);
  const lastSavedRef = useRef(initial.savedSnapshot);
  const inFlightRef = useRef<Sent | null>(null);
  const queuedRef = useRef<string | null>(null);
  const pausedRef = useRef(false);
  const allowLeaveRef = useRef(false);
  const ownsHandoffRef = useRef(false);
  const timers = useRef<{ autosave?: ReturnType<typeof setTimeout>; local?: ReturnType<typeof setTimeout> }>({});

  const initialReply = firstActionData.current;
  const [status, setStatus] = useState<Status>(() => {
    if (initial.fromHandoff) return { kind: "saved", at: initial.fromHandoff.savedAt };
    if (initialReply?.kind === "error" || initialReply?.kind === "invalid") return { kind: "error", message: initialReply.message };
    if (initialReply?.kind === "conflict") return { kind: "conflict" };
    if (initialReply?.kind === "restructured") return { kind: "note", message: t.restructured };
    return { kind: "idle" };
  });
  const [serverErrors, setServerErrors] = useState<FlatErrors>(initialReply?.kind === "invalid" ? initialReply.errors : {});
  const [formMessage, setFormMessage] = useState<string | null>(
    initialReply?.kind === "invalid" || initialReply?.kind === "error" ? initialReply.message : null,
  );
  const [conflict, setConflict] = useState<Conflict | null>(initialReply?.kind === "conflict" ? initialReply : null);
  const conflictRef = useRef<Conflict | null>(conflict);
  const [pasteInfo, setPasteInfo] = useState<PasteInfo | null>(() =>
    initialReply?.kind === "pasted"
      ? { ok: true, recognised: initialReply.recognised, warnings: initialReply.warnings }
      : initialReply?.kind === "paste-failed"
        ? { ok: false, message: initialReply.message, problems: initialReply.problems }
        : null,
  );
  const [offer, setOffer] = useState<LocalDraft | null>(null);
  const offerRef = useRef<LocalDraft | null>(null);

  const setConflictBoth = (c: Conflict | null) => {
    conflictRef.current = c;
    setConflict(c);
  };
  const setBase = (v: number | null) => {
    baseVersionRef.current = v;
    setBaseVersion(v);
  };

  const isDirty = useCallback(() => Boolean(inFlightRef.current) || snapshotOf(form.getValues()) !== lastSavedRef.current, [form]);

  const writeLocal = useCallback(() => {
    if (offerRef.current) return; // never overwrite a copy the user has not decided about
    const values = form.getValues();
    if (snapshotOf(values) === lastSavedRef.current) removeLocalDraft(userId, caseId);
    else writeLocalDraft(userId, caseId, baseVersionRef.current, values);
  }, [form, userId, caseId]);

  const focusLater = useCallback((id: string) => {
    requestAnimationFrame(() => {
      const el = document.getElementById(id);
      if (el) {
        el.focus();
        el.scrollIntoView?.({ block: "nearest" });
      }
    });
  }, []);

  const focusFirstError = useCallback(() => {
    setTimeout(() => {
      const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-error-for]');
      if (el) {
        el.focus();
        el.scrollIntoView?.({ block: "center" });
      }
    }, 30);
  }, []);

  // ---------------------------------------------------------------------------------------------
  // Saving

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
        timers.current.autosave = setTimeout(() => post(intent === "autosave" ? "autosave" : intent), OFFLINE_RETRY_MS);
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
    [form, caseId, actionUrl, saver, writeLocal],
  );

  const autosaveNow = useCallback(() => {
    if (conflictRef.current || pausedRef.current || offerRef.current) return;
    const values = form.getValues();
    if (snapshotOf(values) === lastSavedRef.current) return;
    const check = draftFormSchema.safeParse(values);
    if (!check.success) {
      const basics = check.error.issues.some((i) => ["title", "category", "leadRegion"].includes(String(i.path[0])) && i.path.length === 1);
      setStatus({ kind: "paused", reason: basics ? t.autosaveNeedsBasics : t.autosaveInvalid(check.error.issues.length) });
      return;
    }
    post("autosave");
  }, [form, post]);

  const scheduleAutosave = useCallback(
    (delay = AUTOSAVE_DELAY_MS) => {
      clearTimeout(timers.current.autosave);
      timers.current.autosave = setTimeout(autosaveNow, delay);
    },
    [autosaveNow],
  );

  const onChange = useCallback(
    (name?: string) => {
      if (name) {
        setServerErrors((errors) => {
          const keys = Object.keys(errors).filter((k) => k === name || k.startsWith(`${name}.`) || name.startsWith(`${k}.`));
          if (!keys.length) return errors;
          const next = { ...errors };
          for (const k of keys) delete next[k];
          return next;
        });
      }
      if (ownsHandoffRef.current && handoff) handoff.values = form.getValues();
      setStatus((s) => (s.kind === "saved" || s.kind === "idle" ? { kind: "dirty" } : s));
      clearTimeout(timers.current.local);
      timers.current.local = setTimeout(writeLocal, LOCAL_COPY_DELAY_MS);
      scheduleAutosave();
    },
    [form, writeLocal, scheduleAutosave],
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
          if (snapshotOf(now) === sent.snapshot) removeLocalDraft(userId, caseId);
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
            handoff = {
              caseId: reply.caseId,
              version: reply.version,
              values: now,
              snapshot: sent.snapshot,
              savedAt: reply.savedAt,
              focus: inForm ? { name: active.name, start: active.selectionStart ?? null, end: active.selectionEnd ?? null } : null,
              scrollY: window.scrollY,
            };
            ownsHandoffRef.current = true;
            removeLocalDraft(userId, null);
            if (snapshotOf(now) !== sent.snapshot) writeLocalDraft(userId, reply.caseId, reply.version, now);
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
          setConflictBoth(reply);
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
          setPasteInfo({ ok: true, recognised: reply.recognised, warnings: reply.warnings });
          setServerErrors({});
          setFormMessage(null);
          setStatus({ kind: "paused", reason: t.autosaveAfterPaste });
          writeLocal();
          return;
        case "paste-failed":
          setPasteInfo({ ok: false, message: reply.message, problems: reply.problems });
          return;
        case "restructured":
          form.reset(reply.values);
          return;
      }
    },
    [form, userId, caseId, navigate, writeLocal, scheduleAutosave, focusFirstError],
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
    if (queued && !conflictRef.current) {
      if (queued === "autosave") autosaveNow();
      else post(queued);
    }
  }, [saver.state, saver.data, handleReply, autosaveNow, post]);

  // Answers of paste-to-fill.
  const lastPaste = useRef<unknown>(null);
  useEffect(() => {
    if (paster.state !== "idle" || !paster.data || paster.data === lastPaste.current) return;
    lastPaste.current = paster.data;
    handleReply(paster.data, { intent: "paste", snapshot: "" });
  }, [paster.state, paster.data, handleReply]);

  // Answers of navigation posts made with JavaScript (submit for review).
  useEffect(() => {
    if (!actionData || actionData === firstActionData.current) return;
    firstActionData.current = actionData;
    allowLeaveRef.current = false;
    handleReply(actionData, { intent: "submit", snapshot: snapshotOf(form.getValues()) });
  }, [actionData, handleReply, form]);

  // On arrival: continue a handoff from /cases/new, or offer a copy the browser kept.
  useEffect(() => {
    const h = initial.fromHandoff;
    if (h) {
      if (handoff === h) handoff = null;
      if (h.focus) {
        const el = formRef.current?.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(h.focus.name)}"]`);
        if (el) {
          el.focus();
          if (h.focus.start !== null && h.focus.end !== null) el.setSelectionRange?.(h.focus.start, h.focus.end);
        }
      }
      window.scrollTo(0, h.scrollY);
      if (snapshotOf(form.getValues()) !== lastSavedRef.current) {
        writeLocal();
        setStatus({ kind: "dirty" });
        scheduleAutosave();
      }
      return;
    }
    const found = findLocalDrafts(userId, caseId)[0];
    if (!found) return;
    if (snapshotOf(found.values) === lastSavedRef.current) {
      removeLocalDraftByKey(found.key);
      return;
    }
    offerRef.current = found;
    setOffer(found);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => () => {
    clearTimeout(timers.current.autosave);
    clearTimeout(timers.current.local);
  }, []);

  // Back online: save what was kept while offline.
  useEffect(() => {
    const onOnline = () => scheduleAutosave(500);
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [scheduleAutosave]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (allowLeaveRef.current || !isDirty()) return;
      writeLocal();
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [isDirty, writeLocal]);
  const blocker = useBlocker(
    useCallback(
      ({ currentLocation, nextLocation }: { currentLocation: { pathname: string }; nextLocation: { pathname: string } }) =>
        !allowLeaveRef.current && currentLocation.pathname !== nextLocation.pathname && isDirty(),
      [isDirty],
    ),
  );

  // ---------------------------------------------------------------------------------------------
  // Buttons

  const onInvalid = () => {
    const message = modeRef.current === "submit" ? t.invalidSubmit : t.invalidDraft;
    setFormMessage(message);
    setStatus({ kind: "error", message });
    focusFirstError();
  };

  const explicitSave = (intent: string) => {
    const overwrite = /^overwrite:(\d+)$/.exec(intent);
    if (overwrite) {
      // Deliberate: the user reviewed the server's version and saves theirs on top of it.
      setBase(Number(overwrite[1]));
      setConflictBoth(null);
    }
    pausedRef.current = false;
    clearTimeout(timers.current.autosave);
    post(intent);
  };

  const submitForReview = () => {
    const values = form.getValues();
    const fd = buildPost(values, "submit", caseId ? baseVersionRef.current : null, false);
    writeLocal();
    allowLeaveRef.current = true;
    clearTimeout(timers.current.autosave);
    submit(fd, { method: "post", action: actionUrl });
  };

  const doPaste = () => {
    const text = pasteRef.current?.value ?? "";
    if (!text.trim()) {
      setPasteInfo({ ok: false, message: t.pasteEmpty, problems: [] });
      return;
    }
    if (navigator.onLine === false) {
      setPasteInfo({ ok: false, message: t.offline, problems: [] });
      return;
    }
    const fd = buildPost(form.getValues(), "paste", caseId ? baseVersionRef.current : null, true);
    fd.set("pasteText", text);
    paster.submit(fd, { method: "post", action: actionUrl });
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value || "save";
    if (intent.startsWith("op:")) return; // not yet hydrated handlers: let the server do it
    event.preventDefault();
    if (intent === "paste") return doPaste();
    modeRef.current = intent === "submit" ? "submit" : "draft";
    void form.handleSubmit(() => (intent === "submit" ? submitForReview() : explicitSave(intent)), onInvalid)();
  };

  const loadServer = () => {
    const c = conflictRef.current;
    if (!c) return;
    form.reset(c.theirsValues);
    setBase(c.serverVersion);
    lastSavedRef.current = snapshotOf(c.theirsValues);
    setConflictBoth(null);
    setServerErrors({});
    setFormMessage(null);
    removeLocalDraft(userId, caseId);
    setStatus({ kind: "saved", at: c.updatedAt });
  };

  const restoreLocal = () => {
    const found = offerRef.current;
    if (!found) return;
    offerRef.current = null;
    setOffer(null);
    form.reset(found.values);
    if (caseId && typeof found.baseVersion === "number") setBase(found.baseVersion);
    removeLocalDraftByKey(found.key);
    writeLocal();
    setStatus({ kind: "dirty" });
    scheduleAutosave(500);
  };

  const discardLocal = () => {
    if (offerRef.current) removeLocalDraftByKey(offerRef.current.key);
    offerRef.current = null;
    setOffer(null);
  };

  const rhfErrors = flattenFieldErrors(form.formState.errors as Record<string, unknown>);
  const errors = { ...serverErrors, ...rhfErrors };
  const context = useMemo<EditorContextValue>(
    () => ({ errors, changed: () => onChange(), focusLater }),
    // errors is a fresh object each render; compare by content
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(errors), onChange, focusLater],
  );

  const submitLabel = props.state === "changes_requested" ? t.resubmit : t.submit;
  const text = statusText(status);

  return (
    <FormProvider {...form}>
      <EditorContext.Provider value={context}>
        <div className="case-editor">
          <div className="page-header">
            <h1>{caseId ? t.editCaseTitle(props.values.title) : t.newCaseTitle}</h1>
            {caseId ? <Link to={`/cases/${caseId}`}>{t.backToCase}</Link> : null}
          </div>
          {props.notice && !initialReply ? <Notice message={props.notice} /> : null}
          {offer ? (
            <LocalDraftOffer savedAt={offer.savedAt} baseVersion={offer.baseVersion} serverVersion={baseVersion} onRestore={restoreLocal} onDiscard={discardLocal} />
          ) : null}
          {conflict ? <ConflictPanel conflict={conflict} names={names} editUrl={actionUrl} onLoadServer={loadServer} /> : null}
          <div className="case-editor__columns">
            <Form method="post" action={actionUrl} id="case-editor" className="case-form" noValidate onSubmit={onSubmit} ref={formRef}>
              {/* The default button: pressing Enter in a field saves the draft (never moves or deletes a part). */}
              <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
                {t.saveDraft}
              </button>
              {caseId ? <input type="hidden" name="baseVersion" value={baseVersion ?? ""} /> : null}
              <ErrorSummary errors={errors} message={formMessage} />
              {pasteInfo ? <PasteResult info={pasteInfo} /> : null}
              <p className="muted small">
                {t.numberingNote} {t.marksNote}
              </p>

              <details className="case-form__paste" open={Boolean(pasteInfo)}>
                <summary>{t.pasteTitle}</summary>
                <p className="field-hint">{t.pasteHint}</p>
                <label htmlFor="f-pasteText">{t.pasteLabel}</label>
                <textarea id="f-pasteText" name="pasteText" rows={8} ref={pasteRef} />
                <button type="submit" name="intent" value="paste" className="button" formNoValidate>
                  {t.pasteButton}
                </button>
              </details>

              <fieldset className="case-form__section">
                <legend>{t.basics}</legend>
                <TextField name="title" label={t.title} max={CASE_LIMITS.titleMax} hint={t.titleHint} />
                <CategorySelect options={options} />
                <RegionFields options={options} />
              </fieldset>

              <fieldset className="case-form__section">
                <legend>{t.intro}</legend>
                <p className="field-hint">{t.introHint}</p>
                <IntroList />
              </fieldset>

              <fieldset className="case-form__section">
                <legend>
                  <span className="case-form__number">{sectionNumber(1)}</span>
                  {t.practices}
                </legend>
                <RichTextField name="practices.lead" label={t.practicesLead} hint={t.practicesLeadHint} rows={3} />
                <ItemList name="practices.items" section={t.practices} addLabel={t.addPractice} max={CASE_LIMITS.practiceItemsMax} />
              </fieldset>

              <fieldset className="case-form__section">
                <legend>
                  <span className="case-form__number">{sectionNumber(2)}</span>
                  <SectionTitle name="effects.heading" fallback={t.effects} />
                </legend>
                <HeadingChoice name="effects.heading" options={EFFECTS_HEADINGS} legend={t.effectsHeading} />
                <ItemList name="effects.items" section={t.effects} addLabel={t.addEffect} max={CASE_LIMITS.effectItemsMax} />
              </fieldset>

              <fieldset className="case-form__section">
                <legend>
                  <span className="case-form__number">{sectionNumber(3)}</span>
                  <SectionTitle name="nextSteps.heading" fallback={t.nextSteps} />
                </legend>
                <HeadingChoice name="nextSteps.heading" options={NEXT_STEPS_HEADINGS} legend={t.nextStepsHeading} />
                <NextStepsEditor />
              </fieldset>

              <div className="case-form__bar">
                <p className={`case-form__status status-${status.kind}`} role="status" aria-live="polite" data-testid="save-status">
                  {text}
                </p>
                <FormError message={status.kind === "error" && !formMessage ? status.message : null} />
                <div className="actions">
                  <button type="submit" name="intent" value="save" className="button">
                    {t.saveDraft}
                  </button>
                  <button type="submit" name="intent" value="submit" className="button primary">
                    {submitLabel}
                  </button>
                </div>
              </div>
            </Form>
            <aside className="case-editor__preview" aria-labelledby="case-preview-title">
              <h2 id="case-preview-title">{t.preview}</h2>
              <p className="muted small">{t.previewHint}</p>
              <LivePreview names={names} />
            </aside>
          </div>
          {blocker.state === "blocked" ? (
            <LeaveDialog
              onStay={() => blocker.reset()}
              onLeave={() => {
                writeLocal();
                allowLeaveRef.current = true;
                blocker.proceed();
              }}
            />
          ) : null}
        </div>
      </EditorContext.Provider>
    </FormProvider>
  );
}

function SectionTitle({ name, fallback }: { name: "effects.heading" | "nextSteps.heading"; fallback: string }) {
  const value = useWatch({ name }) as string | undefined;
  return <>{value || fallback}</>;
}

function CategorySelect({ options }: { options: EditorOptions }) {
  const { register, getValues } = useFormContext<CaseFormValues>();
  const { errors } = useEditorErrors();
  const error = errors.category;
  return (
    <div className={`field case-form__field${error ? " field-invalid" : ""}`}>
      <label htmlFor={fieldId("category")}>{t.category}</label>
      <select
        id={fieldId("category")}
        {...register("category")}
        defaultValue={getValues("category")}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId("category")}-error` : undefined}
      >
        <option value="">{t.chooseCategory}</option>
        {options.categories.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
            {c.active ? "" : t.inactive}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={`${fieldId("category")}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function RegionFields({ options }: { options: EditorOptions }) {
  const { register, getValues, setValue } = useFormContext<CaseFormValues>();
  const { errors } = useEditorErrors();
  const lead = (useWatch({ name: "leadRegion" }) as string | undefined) ?? "";
  // Checkboxes are controlled (not registered): react-hook-form's reset() does not re-check a
  // registered checkbox group reliably (paste to fill, restoring a copy, loading the server version).
  const selected = ((useWatch({ name: "regions" }) as string[] | undefined) ?? []).filter(Boolean);
  const leadError = errors.leadRegion;
  const regionsError = errors.regions ?? Object.entries(errors).find(([k]) => k.startsWith("regions."))?.[1];
  const toggle = (code: string, on: boolean) => {
    const current = (getValues("regions") ?? []).filter((r) => r !== code);
    setValue("regions", on ? [...current, code] : current, { shouldDirty: true });
  };
  return (
    <>
      <div className={`field case-form__field${leadError ? " field-invalid" : ""}`}>
        <label htmlFor={fieldId("leadRegion")}>{t.leadRegion}</label>
        <select
          id={fieldId("leadRegion")}
          {...register("leadRegion")}
          defaultValue={getValues("leadRegion")}
          aria-invalid={leadError ? true : undefined}
          aria-describedby={`${fieldId("leadRegion")}-hint`}
        >
          {options.ownRegions.length === 0 ? <option value="">—</option> : null}
          {options.ownRegions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
        <span className="field-hint" id={`${fieldId("leadRegion")}-hint`}>
          {t.leadRegionHint}
        </span>
        {leadError ? <p className="field-error">{leadError}</p> : null}
      </div>
      <fieldset className={`case-form__choice${regionsError ? " field-invalid" : ""}`} id={fieldId("regions")}>
        <legend>{t.regions}</legend>
        <p className="field-hint">{t.regionsHint}</p>
        <div className="checkbox-grid">
          {options.regions
            .filter((r) => r.code !== lead && (r.active || selected.includes(r.code)))
            .map((r) => (
              <label key={r.code} className="checkbox">
                <input
                  type="checkbox"
                  name="regions"
                  value={r.code}
                  checked={selected.includes(r.code)}
                  onChange={(e) => toggle(r.code, e.target.checked)}
                  aria-invalid={regionsError ? true : undefined}
                />
                {r.name}
                {r.active ? "" : t.inactive}
              </label>
            ))}
        </div>
        {regionsError ? <p className="field-error">{regionsError}</p> : null}
      </fieldset>
    </>
  );
}

function useEditorErrors() {
  return useContext(EditorContext);
}
