/**
 * The posts of the case page, one function per intent; the route reads the intent and calls one.
 * Each checks its own rule on the server (transitions: the workflow table via transitionCase;
 * comments: canComment), ends a success with a redirect carrying a one-time message (flash), and
 * answers a refusal with the data the page needs to show it next to the form, with what was typed.
 */
import { data } from "@remix-run/node";
import type { AuditActor } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import type { CaseRow } from "~/cases/cases.server";
import { displayName, isFormAction, previewTransition, transitionCase, TransitionRefused } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { redirectWithFlash } from "~/flash/flash.server";
import { textField } from "~/ui/forms";
import { isConfirmed } from "~/ui/ConfirmSubmit";
import { CASE_STATE_LABELS, getCaseTransition, isCaseAction, isCaseState } from "#workflows/case-review";
import { addComment, CommentError, setCommentResolved } from "./comments.server";
import type { CommentFormState } from "./CommentsPanel";
import { reviewStrings as t } from "./strings";
import type { PendingConfirmation, TransitionError } from "./TransitionPanel";
import { workflowMessages as wm } from "#workflows/strings";

export type CasePageActionData =
  | { intent: "transition"; transition: TransitionError }
  | { intent: "confirm"; pending: PendingConfirmation }
  | { intent: "comment"; form: NonNullable<CommentFormState> }
  | { intent: "resolve"; commentId: number; error: string }
  | { intent: "invalid"; error: string };

const stateLabel = (state: string | undefined | null) => (state && isCaseState(state) ? CASE_STATE_LABELS[state] : (state ?? null));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const id = (raw: string) => (/^\d{1,9}$/.test(raw) ? Number(raw) : null);

type Ctx = { user: SessionUser; auditActor: AuditActor; row: CaseRow; formData: FormData };

/** intent=transition: action, expectedVersion, expectedState, expectedClaim, reason, assignee, confirmed */
export async function postTransition({ user, auditActor, row, formData }: Ctx) {
  const action = textField(formData, "action");
  const reason = textField(formData, "reason");
  const refuse = (error: string, status: number, currentState: string | null = row.state) =>
    data<CasePageActionData>({ intent: "transition", transition: { action, error, reason, currentStateLabel: stateLabel(currentState) } }, { status });
  if (!isFormAction(action)) return isCaseAction(action) ? refuse(t.systemOnly, 403) : refuse(wm.unknownAction(action), 400);
  const versionField = textField(formData, "expectedVersion");
  if (versionField && !/^\d{1,9}$/.test(versionField)) return refuse(t.badTransition, 400);
  const claimField = textField(formData, "expectedClaim");
  const assignee = textField(formData, "assignee");
  // Checked here, before the database sees them (PostgreSQL refuses a NUL byte in text).
  if (CONTROL.test(reason)) return refuse(t.reasonControlChars, 400);
  if (assignee && !UUID.test(assignee)) return refuse(t.assigneeInvalid, 400);
  const request = {
    caseId: row.id,
    action,
    expectedVersion: versionField ? Number(versionField) : undefined,
    expectedState: textField(formData, "expectedState") || undefined,
    expectedClaimedBy: claimField ? (claimField === "none" ? null : claimField) : undefined,
    input: { reason, assignee: assignee ? { id: assignee } : null },
  };
  const transition = getCaseTransition(action);
  try {
    if (transition.irreversible && !isConfirmed(formData)) {
      // Without JavaScript the page asks first (with it, the dialog already did) — but only what the table would allow.
      const preview = await previewTransition(user, request);
      return data<CasePageActionData>({
        intent: "confirm",
        pending: { action, label: transition.label, reason: preview.reason ?? "", message: t.confirmMessage(action, preview.title) },
      });
    }
    const result = await transitionCase(user, auditActor, request);
    const holder = result.claimedBy ? await displayName(getDb(), result.claimedBy) : null;
    throw await redirectWithFlash(`/cases/${row.id}`, t.flash.transition(action, result.title, result.to, holder));
  } catch (error) {
    if (error instanceof TransitionRefused) return refuse(error.message, error.status, error.currentState ?? null);
    throw error;
  }
}

/** intent=comment: anchor, body, quote (+ field, start, end from a selection), parentId (a reply). */
export async function postComment({ user, auditActor, row, formData }: Ctx, back = `/cases/${row.id}`) {
  const parentField = textField(formData, "parentId");
  const parentId = parentField ? (id(parentField) ?? -1) : null;
  const values = { anchor: textField(formData, "anchor"), body: textField(formData, "body"), quote: textField(formData, "quote") };
  const start = id(textField(formData, "start"));
  const end = id(textField(formData, "end"));
  const field = textField(formData, "field");
  const hint = field && start !== null && end !== null && /^[a-zA-Z0-9.]{1,100}$/.test(field) ? { field, start, end } : null;
  try {
    if (parentId === -1) throw new CommentError(t.parentInvalid, 400);
    if (CONTROL.test(values.quote)) throw new CommentError(t.quoteProblem.invalid, 400, "quote");
    const created = await addComment(user, auditActor, { caseId: row.id, anchor: values.anchor, body: values.body, parentId, quote: values.quote, hint });
    throw await redirectWithFlash(`${back}#comment-${created.parentId ?? created.id}`, parentId === null ? t.flash.comment(row.title) : t.flash.reply(row.title));
  } catch (error) {
    if (!(error instanceof CommentError)) throw error;
    return data<CasePageActionData>(
      { intent: "comment", form: { parentId: parentId === -1 ? null : parentId, errors: { [error.field]: error.message }, values } },
      { status: error.status },
    );
  }
}

/** intent=resolve-comment / reopen-comment: commentId */
export async function postResolve({ user, auditActor, row, formData }: Ctx, resolved: boolean, back = `/cases/${row.id}`) {
  const commentId = id(textField(formData, "commentId"));
  try {
    if (commentId === null) throw new CommentError(t.commentNotFound, 400);
    await setCommentResolved(user, auditActor, { caseId: row.id, commentId, resolved });
  } catch (error) {
    if (!(error instanceof CommentError)) throw error;
    return data<CasePageActionData>({ intent: "resolve", commentId: commentId ?? -1, error: error.message }, { status: error.status });
  }
  throw await redirectWithFlash(`${back}#comment-${commentId}`, resolved ? t.flash.resolve : t.flash.reopenComment);
}
