/**
 * The case editor, shared by /cases/new and /cases/:id/edit: a form that mirrors the bulletin
 * (numbering shown, never typed), a live preview rendered by the bulletin's own renderer, the
 * review conversation beside the parts it is about, and drafts that cannot be lost.
 *
 * Each concern is its own module under ./editor: saving and autosave (useDraftSaving), browser
 * copies (useLocalCopies), conflicts (useConflict), paste to fill (usePasteToFill), leaving with
 * unsaved changes (useLeaveGuard), the handoff from /cases/new (handoff), the sections
 * (EditorSections); the review comments live in ./review/EditorReview.
 * Without JavaScript the same <Form> posts natively; the server answers with the same errors and
 * the values kept, and structure buttons (add/remove/move) and replies re-render the form.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { Form, Link, useActionData, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm, type Resolver } from "react-hook-form";
import type { CaseContent } from "~/cases/content";
import { formStrings as t } from "~/cases/form-strings";
import { Notice } from "~/ui/components";
import { draftFormSchema, submitFormSchema, type SaveMode } from "./draft-schema";
import { PasteBox, SaveBar } from "./editor/EditorParts";
import { EditorChecks } from "~/aids/EditorChecks";
import { EditorSections } from "./editor/EditorSections";
import { handoffs, restoreFocus } from "./editor/handoff";
import { buildPost, snapshotOf } from "./editor/post";
import { useEditorStatus, type Status } from "./editor/status";
import { overwriteVersion, useConflict } from "./editor/useConflict";
import { useDraftSaving } from "./editor/useDraftSaving";
import { useFocus } from "./editor/useFocus";
import { useLeaveGuard } from "./editor/useLeaveGuard";
import { useLocalCopies } from "./editor/useLocalCopies";
import { usePasteToFill } from "./editor/usePasteToFill";
import { EditorContext, type EditorContextValue } from "./fields";
import { ConflictPanel, displayNames, ErrorSummary, LeaveDialog, LivePreview, LocalDraftOffer, PasteResult } from "./panels";
import { flattenFieldErrors } from "./paths";
import type { EditorOptions, EditorReply } from "./reply";
import { EditorReviewProvider, ReviewSummary, type EditorReviewData } from "./review/EditorReview";
import type { CaseFormValues } from "./values";

export { snapshotOf };

export type CaseEditorProps = {
  userId: string;
  /** null on /cases/new until the first save */
  caseId: string | null;
  state: string | null;
  /** the server's version the loaded values are */
  version: number | null;
  values: CaseFormValues;
  options: EditorOptions;
  /** The review conversation (edit page of a case under review); null on a new case. */
  review?: EditorReviewData | null;
  /** /cases/new only: where the first save posts (e.g. `/cases/new?call=3`, the call it answers). */
  newCaseAction?: string;
};

function initialStatus(reply: EditorReply | undefined, savedAt: string | null): Status {
  if (savedAt) return { kind: "saved", at: savedAt };
  if (reply?.kind === "error" || reply?.kind === "invalid") return { kind: "error", message: reply.message };
  if (reply?.kind === "conflict") return { kind: "conflict" };
  if (reply?.kind === "restructured") return { kind: "note", message: t.restructured };
  if (reply?.kind === "commented") return { kind: "note", message: `${reply.message}${t.notSavedYet}` };
  return { kind: "idle" };
}

/** Folds the live preview away on a phone-sized window, where it would sit below the whole form. */
function foldOnPhone(details: HTMLDetailsElement | null) {
  if (details && window.matchMedia("(max-width: 640px)").matches) details.open = false;
}

export function CaseEditor(props: CaseEditorProps) {
  const { userId, caseId, options } = props;
  const actionUrl = caseId ? `/cases/${caseId}/edit` : (props.newCaseAction ?? "/cases/new");
  const names = useMemo(() => displayNames(options), [options]);

  // The first answer of the server when the page itself is the answer to a post (no JavaScript).
  const actionData = useActionData() as EditorReply | undefined;
  const firstActionData = useRef(actionData);
  const initialReply = firstActionData.current;
  const [initial] = useState(() => {
    const fromHandoff = handoffs.take(caseId, props.version);
    const echoed = actionData && "values" in actionData && actionData.values ? actionData : null;
    const baseVersion = echoed && "baseVersion" in echoed && typeof echoed.baseVersion === "number" ? echoed.baseVersion : props.version;
    return { fromHandoff, values: fromHandoff?.values ?? echoed?.values ?? props.values, baseVersion, savedSnapshot: fromHandoff?.snapshot ?? snapshotOf(props.values) };
  });

  const modeRef = useRef<SaveMode>("draft");
  const resolver = useMemo<Resolver<CaseFormValues, unknown, CaseContent>>(() => {
    const draft = zodResolver(draftFormSchema);
    const submit = zodResolver(submitFormSchema);
    return (values, context, opts) => (modeRef.current === "submit" ? submit : draft)(values, context, opts);
  }, []);
  const form = useForm<CaseFormValues, unknown, CaseContent>({ defaultValues: initial.values, resolver, mode: "onSubmit", reValidateMode: "onChange", shouldFocusError: false });

  const formRef = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  const lastSavedRef = useRef(initial.savedSnapshot);
  const allowLeaveRef = useRef(false);

  const status = useEditorStatus({
    status: initialStatus(initialReply, initial.fromHandoff?.savedAt ?? null),
    errors: initialReply?.kind === "invalid" ? initialReply.errors : {},
    message: initialReply?.kind === "invalid" || initialReply?.kind === "error" ? initialReply.message : null,
    baseVersion: initial.baseVersion,
  });
  const conflicts = useConflict(initialReply?.kind === "conflict" ? initialReply : null);
  const local = useLocalCopies({ form, userId, caseId, lastSavedRef, baseVersionRef: status.baseVersionRef });

  const { focusLater, focusFirstError } = useFocus(formRef);

  const saving = useDraftSaving({ form, userId, caseId, actionUrl, status, local, conflicts, lastSavedRef, allowLeaveRef, formRef, focusFirstError });
  const onPasteReply = useCallback((reply: EditorReply) => saving.handleReply(reply, { intent: "paste", snapshot: "" }), [saving]);
  const paste = usePasteToFill({ form, caseId, actionUrl, baseVersionRef: status.baseVersionRef, initial: initialReply, onReply: onPasteReply });
  const blocker = useLeaveGuard({ isDirty: saving.isDirty, writeLocal: local.writeLocal, allowLeaveRef });

  // Answers of navigation posts made with JavaScript (submit for review).
  useEffect(() => {
    if (!actionData || actionData === firstActionData.current) return;
    firstActionData.current = actionData;
    allowLeaveRef.current = false;
    saving.handleReply(actionData, { intent: "submit", snapshot: snapshotOf(form.getValues()) });
  }, [actionData, saving, form]);

  // On arrival: continue a handoff from /cases/new, or offer a copy the browser kept.
  useEffect(() => {
    const h = initial.fromHandoff;
    if (!h) return local.lookForCopy();
    handoffs.done(h);
    restoreFocus(formRef.current, h);
    if (snapshotOf(form.getValues()) !== lastSavedRef.current) {
      local.writeLocal();
      status.setStatus({ kind: "dirty" });
      saving.scheduleAutosave();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onInvalid = () => {
    const message = modeRef.current === "submit" ? t.invalidSubmit : t.invalidDraft;
    status.setFormMessage(message);
    status.setStatus({ kind: "error", message });
    focusFirstError();
  };

  const explicitSave = (intent: string) => {
    const over = overwriteVersion(intent);
    if (over !== null) {
      // Deliberate: the user reviewed the server's version and saves theirs on top of it.
      status.setBase(over);
      conflicts.setConflict(null);
    }
    saving.saveNow(intent);
  };

  const submitForReview = () => {
    const fd = buildPost(form.getValues(), "submit", caseId ? status.baseVersionRef.current : null, false);
    local.writeLocal();
    allowLeaveRef.current = true;
    saving.stopAutosave();
    submit(fd, { method: "post", action: actionUrl });
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value || "save";
    // not yet hydrated handlers (structure changes, replies): let the server do it
    if (intent.startsWith("op:") || /^(reply|resolve|reopen):/.test(intent)) return;
    event.preventDefault();
    if (intent === "paste") return paste.doPaste();
    modeRef.current = intent === "submit" ? "submit" : "draft";
    void form.handleSubmit(() => (intent === "submit" ? submitForReview() : explicitSave(intent)), onInvalid)();
  };

  const loadServer = () => {
    const c = conflicts.conflictRef.current;
    if (!c) return;
    form.reset(c.theirsValues);
    status.setBase(c.serverVersion);
    lastSavedRef.current = snapshotOf(c.theirsValues);
    conflicts.setConflict(null);
    status.setServerErrors({});
    status.setFormMessage(null);
    local.forget();
    status.setStatus({ kind: "saved", at: c.updatedAt });
  };

  const restoreLocal = () => {
    const found = local.takeOffer();
    if (!found) return;
    form.reset(found.values);
    if (caseId && typeof found.baseVersion === "number") status.setBase(found.baseVersion);
    local.writeLocal();
    status.setStatus({ kind: "dirty" });
    saving.scheduleAutosave(500);
  };

  const rhfErrors = flattenFieldErrors(form.formState.errors as Record<string, unknown>);
  const errors = { ...status.serverErrors, ...rhfErrors };
  const context = useMemo<EditorContextValue>(
    () => ({ errors, changed: () => saving.onChange(), focusLater }),
    // errors is a fresh object each render; compare by content
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(errors), saving.onChange, focusLater],
  );
  const reviewContext = useMemo(() => (props.review ? { review: props.review, actionUrl } : null), [props.review, actionUrl]);
  const { status: current, formMessage, baseVersion } = status;
  const commented = initialReply?.kind === "commented" ? initialReply.message : null;

  return (
    <FormProvider {...form}>
      <EditorContext.Provider value={context}>
        <EditorReviewProvider value={reviewContext}>
          <div className="case-editor">
            <div className="page-header">
              <h1>{caseId ? t.editCaseTitle(props.values.title) : t.newCaseTitle}</h1>
              {caseId ? <Link to={`/cases/${caseId}`}>{t.backToCase}</Link> : null}
            </div>
            <Notice message={commented} />
            {local.offer ? (
              <LocalDraftOffer savedAt={local.offer.savedAt} baseVersion={local.offer.baseVersion} serverVersion={baseVersion} onRestore={restoreLocal} onDiscard={local.discardOffer} />
            ) : null}
            {conflicts.conflict ? <ConflictPanel conflict={conflicts.conflict} names={names} editUrl={actionUrl} onLoadServer={loadServer} /> : null}
            <ReviewSummary />
            <div className="case-editor__columns">
              <Form method="post" action={actionUrl} id="case-editor" className="case-form" noValidate onSubmit={onSubmit} ref={formRef}>
                {/* The default button: pressing Enter in a field saves the draft (never moves or deletes a part). */}
                <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
                  {t.saveDraft}
                </button>
                {caseId ? <input type="hidden" name="baseVersion" value={baseVersion ?? ""} /> : null}
                <ErrorSummary errors={errors} message={formMessage} />
                {paste.pasteInfo ? <PasteResult info={paste.pasteInfo} /> : null}
                <p className="muted small">
                  {t.numberingNote} {t.marksNote}
                </p>
                <PasteBox open={Boolean(paste.pasteInfo)} pasteRef={paste.pasteRef} />
                <EditorSections options={options} />
                <EditorChecks />
                <SaveBar status={current} formMessage={formMessage} resubmit={props.state === "changes_requested"} />
              </Form>
              <aside className="case-editor__preview" aria-labelledby="case-preview-title">
                {/* Open on a desktop; folded away on a phone, where it would sit below the whole form. */}
                <details open ref={foldOnPhone}>
                  <summary>
                    <h2 id="case-preview-title">{t.preview}</h2>
                  </summary>
                  <p className="muted small">{t.previewHint}</p>
                  <LivePreview names={names} />
                </details>
              </aside>
            </div>
            {blocker.state === "blocked" ? (
              <LeaveDialog
                onStay={() => blocker.reset()}
                onLeave={() => {
                  local.writeLocal();
                  allowLeaveRef.current = true;
                  blocker.proceed();
                }}
              />
            ) : null}
          </div>
        </EditorReviewProvider>
      </EditorContext.Provider>
    </FormProvider>
  );
}
