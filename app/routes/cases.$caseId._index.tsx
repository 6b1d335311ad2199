import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { eq } from "drizzle-orm";
import { batches, categories, users } from "#db/schema";
import { CaseDocument } from "~/bulletin/CaseDocument";
import { regionNameMap } from "~/bulletin/bulletins.server";
import { renderCaseModel } from "~/bulletin/render-model";
import { requireReadableCase } from "~/cases/access.server";
import { getCaseContent, listVersions } from "~/cases/cases.server";
import { qualityWarnings } from "~/cases/content";
import { reviewerAidsForCase } from "~/aids/aids.server";
import { ReviewAidsPanel } from "~/aids/AidsPanels";
import { chineseNumeral } from "~/cases/content/numbering";
import { caseStrings as cs } from "~/cases/strings";
import { assignableReviewers } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { actorOf } from "~/permissions/require.server";
import { canComment, canSeeReview } from "~/review/access";
import { anchorOptions } from "~/review/anchors";
import { postComment, postResolve, postTransition, type CasePageActionData } from "~/review/case-actions.server";
import { CommentsPanel } from "~/review/CommentsPanel";
import { loadDiscussion, returnedFor, sinceReview } from "~/review/conversation.server";
import { PassagePicker, type PickedPassage } from "~/review/PassagePicker";
import { ReviewBanner } from "~/review/ReviewBanner";
import { SinceReview } from "~/review/SinceReview";
import { reviewStrings as t } from "~/review/strings";
import { Timeline } from "~/review/Timeline";
import { caseTimeline } from "~/review/timeline.server";
import { TransitionPanel } from "~/review/TransitionPanel";
import { FormError } from "~/ui/components";
import { formatDateTime } from "~/ui/format";
import { readFormData, textField } from "~/ui/forms";
import { availableActions, canEditContent, CASE_STATE_LABELS, isCaseState } from "#workflows/case-review";
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
  const [content, regionNames, [category], [batch], [holder], versions, reviewers] = await Promise.all([
    getCaseContent(db, row.id, version),
    regionNameMap(db),
    db.select({ name: categories.name }).from(categories).where(eq(categories.code, row.categoryCode)),
    row.batchId
      ? db.select({ number: batches.number, publishedAt: batches.publishedAt, createdAt: batches.createdAt }).from(batches).where(eq(batches.id, row.batchId))
      : Promise.resolve([]),
    row.claimedBy ? db.select({ name: users.displayName }).from(users).where(eq(users.id, row.claimedBy)) : Promise.resolve([]),
    seeReview ? listVersions(db, row.id) : Promise.resolve([]),
    actions.some((a) => a.requiresAssignee) ? assignableReviewers(db, info) : Promise.resolve([]),
  ]);
  if (!content) throw data({ message: "案例内容缺失" }, { status: 404 });
  const discussion = seeReview ? await loadDiscussion(db, row.id, content) : null;
  const [timeline, returned, since] = discussion
    ? await Promise.all([caseTimeline(db, row.id, content), returnedFor(db, row), sinceReview(db, row, user.id, content, discussion)])
    : [[], null, null];
  const submissions = versions.filter((v) => v.kind === "submission");
  const aids = seeReview ? await reviewerAidsForCase(db, row.id, { viewer: user, content, batch: batch ?? null }) : null;
  return {
    id: row.id,
    title: row.title,
    state: row.state,
    version,
    currentVersion: row.version,
    claimedBy: row.claimedBy,
    claimedByName: holder?.name ?? null,
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
    batchNumber: batch?.number ?? null,
    model: renderCaseModel(content, { categoryName: category?.name, regionNames }, { sources: Boolean(discussion) }),
    warnings: aids || row.state === "published" ? [] : qualityWarnings(content),
    aids,
    actions: actions.map((a) => ({ action: a.action, label: a.label, requiresReason: a.requiresReason, requiresAssignee: a.requiresAssignee, irreversible: a.irreversible })),
    reviewers,
    editHref: canEditContent(user, info) ? `/cases/${row.id}/edit` : null,
    diffHref: submissions.length >= 2 ? `/cases/${row.id}/diff` : null,
    review: discussion
      ? {
          canWrite: canComment(user, info, participatingRegions),
          groups: discussion.groups,
          openCount: discussion.openCount,
          highlights: discussion.highlights,
          anchorOptions: anchorOptions(content),
          timeline,
          returned,
          since,
        }
      : null,
  };
}

/**
 * Anyone who may read the case may post; each intent then checks its own rule on the server
 * (app/review/case-actions.server.ts):
 *   intent=transition  action, expectedVersion, expectedState, expectedClaim, reason, assignee, confirmed
 *   intent=comment     anchor, body, quote (+ field, start, end), parentId (a reply)
 *   intent=resolve-comment / reopen-comment  commentId
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const db = getDb();
  const { user, row } = await requireReadableCase(db, request, context, params.caseId);
  const formData = await readFormData(request);
  if (!formData) return data<CasePageActionData>({ intent: "invalid", error: t.badTransition }, { status: 400 });
  const ctx = { user, auditActor: actorOf(context, user), row, formData };
  switch (textField(formData, "intent")) {
    case "transition":
      return postTransition(ctx);
    case "comment":
      return postComment(ctx);
    case "resolve-comment":
      return postResolve(ctx, true);
    case "reopen-comment":
      return postResolve(ctx, false);
  }
  return data<CasePageActionData>({ intent: "invalid", error: t.badTransition }, { status: 400 });
}

export default function CasePage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [picked, setPicked] = useState<PickedPassage | null>(null);
  // A posted comment (or any other page) starts with an empty form: the selection was used.
  const { key } = useLocation();
  useEffect(() => setPicked(null), [key]);
  const transitionError = actionData?.intent === "transition" ? actionData.transition : null;
  const pending = actionData?.intent === "confirm" ? actionData.pending : null;
  const commentForm = actionData?.intent === "comment" ? actionData.form : null;
  const threadError = actionData?.intent === "resolve" ? { commentId: actionData.commentId, error: actionData.error } : null;
  const { model, warnings, review } = d;
  const marks = (review?.highlights ?? []).map((h) => ({ id: h.commentId, field: h.field, start: h.start, end: h.end, className: h.changed ? "passage passage--changed" : "passage", label: t.passageMark }));
  const document = <CaseDocument model={model} marks={marks} titleLevel={1} />;
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
      {review?.returned ? <ReviewBanner returned={review.returned} openCount={review.openCount} commentsHref="#review-comments-title" /> : null}
      {actionData?.intent === "invalid" ? <FormError message={actionData.error} /> : null}
      <TransitionPanel
        caseId={d.id}
        title={d.title}
        version={d.currentVersion}
        state={d.state}
        claimedBy={d.claimedBy}
        actions={d.actions}
        reviewers={d.reviewers}
        editHref={d.editHref}
        diffHref={d.diffHref}
        error={transitionError}
        pending={pending}
      />
      {review?.since ? <SinceReview since={review.since} /> : null}
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
      <div className={review ? "case-layout" : undefined}>
        {review?.canWrite ? <PassagePicker onPick={setPicked}>{document}</PassagePicker> : document}
        {review ? (
          <CommentsPanel
            groups={review.groups}
            openCount={review.openCount}
            anchorOptions={review.anchorOptions}
            canWrite={review.canWrite}
            formState={commentForm}
            threadError={threadError}
            picked={picked}
            onClearPick={() => setPicked(null)}
          />
        ) : null}
      </div>
      {/* After the case, like the comments: the case is read first, and a case page copied into
          paste-to-fill ends where this panel begins (app/cases/form/page-chrome.ts). */}
      {d.aids ? <ReviewAidsPanel aids={d.aids} csvHref={`/cases/${d.id}/figures.csv`} /> : null}
      {review ? <Timeline entries={review.timeline} /> : null}
    </article>
  );
}

