import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { batches, categories, users } from "#db/schema";
import { CaseDocument } from "~/bulletin/CaseDocument";
import { regionNameMap } from "~/bulletin/bulletins.server";
import { renderCaseModel } from "~/bulletin/render-model";
import { requireReadableCase } from "~/cases/access.server";
import { getCaseContent, listVersions } from "~/cases/cases.server";
import { qualityWarnings } from "~/cases/content";
import { chineseNumeral } from "~/cases/content/numbering";
import { caseStrings as cs } from "~/cases/strings";
import { assignableReviewers, isFormAction, transitionCase, TransitionRefused } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { actorOf } from "~/permissions/require.server";
import { canComment, canSeeReview } from "~/review/access";
import { anchorOptions, groupComments } from "~/review/anchors";
import { addComment, CommentError, listComments, setCommentResolved } from "~/review/comments.server";
import { CommentsPanel, Timeline, TransitionPanel, type CommentFormState, type TransitionError } from "~/review/components";
import { reviewStrings as t } from "~/review/strings";
import { caseTimeline } from "~/review/timeline.server";
import { FormError, Notice } from "~/ui/components";
import { readFormData, textField } from "~/ui/forms";
import { formatDateTime } from "~/ui/format";
import { availableActions, canEditContent, CASE_STATE_LABELS, isCaseAction, isCaseState } from "#workflows/case-review";
import { pageTitle } from "~/layout/title";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.model.title);

const stateLabel = (state: string | undefined | null) => (state && isCaseState(state) ? CASE_STATE_LABELS[state] : (state ?? null));

/** Anyone who may read the case (workflow table's canRead); the review side for those who may see it. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, row, info, participatingRegions } = await requireReadableCase(db, request, context, params.caseId);
  const version = row.publishedVersion ?? row.version;
  const seeReview = canSeeReview(user, info, participatingRegions);
  const actions = availableActions(user, info);
  const [content, regionNames, [category], [batch], [holder], comments, versions, reviewers] = await Promise.all([
    getCaseContent(db, row.id, version),
    regionNameMap(db),
    db.select({ name: categories.name }).from(categories).where(eq(categories.code, row.categoryCode)),
    row.batchId ? db.select({ number: batches.number }).from(batches).where(eq(batches.id, row.batchId)) : Promise.resolve([]),
    row.claimedBy ? db.select({ name: users.displayName }).from(users).where(eq(users.id, row.claimedBy)) : Promise.resolve([]),
    seeReview ? listComments(db, row.id) : Promise.resolve([]),
    seeReview ? listVersions(db, row.id) : Promise.resolve([]),
    actions.some((a) => a.requiresAssignee) ? assignableReviewers(db, info) : Promise.resolve([]),
  ]);
  if (!content) throw new Response("案例内容缺失", { status: 404 });
  const timeline = seeReview ? await caseTimeline(db, row.id, content) : [];
  const submissions = versions.filter((v) => v.kind === "submission");
  return {
    id: row.id,
    state: row.state,
    version,
    currentVersion: row.version,
    claimedBy: row.claimedBy,
    claimedByName: holder?.name ?? null,
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
    batchNumber: batch?.number ?? null,
    model: renderCaseModel(content, { categoryName: category?.name, regionNames }),
    warnings: row.state === "published" ? [] : qualityWarnings(content),
    actions: actions.map((a) => ({ action: a.action, label: a.label, requiresReason: a.requiresReason, requiresAssignee: a.requiresAssignee })),
    reviewers,
    editHref: canEditContent(user, info) ? `/cases/${row.id}/edit` : null,
    diffHref: submissions.length >= 2 ? `/cases/${row.id}/diff` : null,
    review: seeReview
      ? {
          canWrite: canComment(user, info, participatingRegions),
          groups: groupComments(comments, content),
          anchorOptions: anchorOptions(content),
          timeline,
        }
      : null,
  };
}

type ActionData =
  | { intent: "transition"; transition: TransitionError }
  | { intent: "comment"; form: NonNullable<CommentFormState> }
  | { intent: "resolve"; commentId: number; error: string }
  | { intent: "invalid"; error: string };

/**
 * Anyone who may read the case may post; each intent then checks its own rule on the server:
 * transitions the workflow table (via transitionCase), comments canComment.
 *   intent=transition  action, expectedVersion, expectedState, expectedClaim, reason, assignee
 *   intent=comment     anchor, body, parentId (a reply)
 *   intent=resolve-comment / reopen-comment  commentId
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const db = getDb();
  const { user, row } = await requireReadableCase(db, request, context, params.caseId);
  const formData = await readFormData(request);
  if (!formData) return data<ActionData>({ intent: "invalid", error: t.badTransition }, { status: 400 });
  const intent = textField(formData, "intent");
  const auditActor = actorOf(context, user);

  if (intent === "transition") {
    const action = textField(formData, "action");
    const reason = textField(formData, "reason");
    const refuse = (error: string, status: number, currentState: string | null = row.state) =>
      data<ActionData>({ intent: "transition", transition: { action, error, reason, currentStateLabel: stateLabel(currentState) } }, { status });
    if (!isFormAction(action)) return isCaseAction(action) ? refuse(t.systemOnly, 403) : refuse(`未知的操作：“${action}”。`, 400);
    const versionField = textField(formData, "expectedVersion");
    if (versionField && !/^\d{1,9}$/.test(versionField)) return refuse(t.badTransition, 400);
    const claimField = textField(formData, "expectedClaim");
    const assignee = textField(formData, "assignee");
    // Checked here, before the database sees them (PostgreSQL refuses a NUL byte in text).
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(reason)) return refuse(t.reasonControlChars, 400);
    if (assignee && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(assignee)) return refuse(t.assigneeInvalid, 400);
    try {
      await transitionCase(user, auditActor, {
        caseId: row.id,
        action,
        expectedVersion: versionField ? Number(versionField) : undefined,
        expectedState: textField(formData, "expectedState") || undefined,
        expectedClaimedBy: claimField ? (claimField === "none" ? null : claimField) : undefined,
        input: { reason, assignee: assignee ? { id: assignee } : null },
      });
    } catch (error) {
      if (error instanceof TransitionRefused) return refuse(error.message, error.status, error.currentState ?? null);
      throw error;
    }
    throw redirect(`/cases/${row.id}?done=${action}`);
  }

  if (intent === "comment") {
    const parentField = textField(formData, "parentId");
    const parentId = parentField ? (/^\d{1,9}$/.test(parentField) ? Number(parentField) : -1) : null;
    const values = { anchor: textField(formData, "anchor"), body: textField(formData, "body") };
    try {
      if (parentId === -1) throw new CommentError(t.parentInvalid, 400);
      const created = await addComment(user, auditActor, { caseId: row.id, anchor: values.anchor, body: values.body, parentId });
      throw redirect(`/cases/${row.id}?done=${parentId === null ? "comment" : "reply"}#comment-${created.id}`);
    } catch (error) {
      if (!(error instanceof CommentError)) throw error;
      return data<ActionData>(
        { intent: "comment", form: { parentId: parentId === -1 ? null : parentId, errors: { [error.field]: error.message }, values } },
        { status: error.status },
      );
    }
  }

  if (intent === "resolve-comment" || intent === "reopen-comment") {
    const idField = textField(formData, "commentId");
    const commentId = /^\d{1,9}$/.test(idField) ? Number(idField) : null;
    try {
      if (commentId === null) throw new CommentError(t.commentNotFound, 400);
      await setCommentResolved(user, auditActor, { caseId: row.id, commentId, resolved: intent === "resolve-comment" });
    } catch (error) {
      if (!(error instanceof CommentError)) throw error;
      return data<ActionData>({ intent: "resolve", commentId: commentId ?? -1, error: error.message }, { status: error.status });
    }
    throw redirect(`/cases/${row.id}?done=${intent === "resolve-comment" ? "resolve" : "reopenComment"}#comment-${commentId}`);
  }

  return data<ActionData>({ intent: "invalid", error: t.badTransition }, { status: 400 });
}

export default function CasePage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const notice = done ? (t.done[done] ?? null) : null;
  const transitionError = actionData?.intent === "transition" ? actionData.transition : null;
  const commentForm = actionData?.intent === "comment" ? actionData.form : null;
  const threadError = actionData?.intent === "resolve" ? { commentId: actionData.commentId, error: actionData.error } : null;
  const { model, warnings } = d;
  return (
    <article className="case-page">
      <dl className="case-meta">
        <div>
          <dt>{cs.state}</dt>
          <dd data-testid="case-state">{stateLabel(d.state)}</dd>
        </div>
        {d.batchNumber ? (
          <div>
            <dt>{cs.batchLabel}</dt>
            <dd>{cs.batch(chineseNumeral(d.batchNumber))}</dd>
          </div>
        ) : null}
        <div>
          <dt>{cs.category}</dt>
          <dd>{model.categoryName}</dd>
        </div>
        <div>
          <dt>{cs.leadRegion}</dt>
          <dd>{model.leadRegionName}</dd>
        </div>
        {model.regionNames.length ? (
          <div>
            <dt>{cs.regions}</dt>
            <dd>{model.regionNames.join("、")}</dd>
          </div>
        ) : null}
        {d.submittedAt && d.state !== "published" ? (
          <div>
            <dt>{t.submittedAt}</dt>
            <dd>{formatDateTime(d.submittedAt)}</dd>
          </div>
        ) : null}
        {d.claimedByName ? (
          <div>
            <dt>{t.claimedBy}</dt>
            <dd data-testid="case-holder">{d.claimedByName}</dd>
          </div>
        ) : null}
        <div>
          <dt>{cs.updated}</dt>
          <dd>
            {formatDateTime(d.updatedAt)} · {cs.version(d.version)}
          </dd>
        </div>
      </dl>
      <Notice message={notice} />
      {actionData?.intent === "invalid" ? <FormError message={actionData.error} /> : null}
      <TransitionPanel
        caseId={d.id}
        version={d.currentVersion}
        state={d.state}
        claimedBy={d.claimedBy}
        actions={d.actions}
        reviewers={d.reviewers}
        editHref={d.editHref}
        diffHref={d.diffHref}
        error={transitionError}
      />
      {warnings.length ? (
        <aside className="quality-warnings">
          <h2>{cs.qualityTitle}</h2>
          <p className="muted">{cs.qualityHint}</p>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>
                {w.where}：{w.message}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      <div className={d.review ? "case-layout" : undefined}>
        <CaseDocument model={model} />
        {d.review ? (
          <CommentsPanel
            groups={d.review.groups}
            anchorOptions={d.review.anchorOptions}
            canWrite={d.review.canWrite}
            formState={commentForm}
            threadError={threadError}
          />
        ) : null}
      </div>
      {d.review ? <Timeline entries={d.review.timeline} /> : null}
    </article>
  );
}
