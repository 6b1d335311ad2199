/**
 * The review parts of the case page and the diff page: transition forms, comment threads, the
 * timeline and the diff view. Plain forms (method=post), so everything works without JavaScript.
 */
import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { formatDateTime } from "~/ui/format";
import type { AnchorGroup } from "./anchors";
import type { DisplayPart, SectionStatus } from "./diff";
import { reviewStrings as t } from "./strings";

// ---------------------------------------------------------------------------------------------
// Transitions

export type ActionButton = { action: string; label: string; requiresReason: boolean; requiresAssignee: boolean };
export type TransitionError = { action: string; error: string; reason: string; currentStateLabel: string | null };

function TransitionHidden({ action, version, state, claimedBy }: { action: string; version: number; state: string; claimedBy: string | null }) {
  return (
    <>
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="expectedState" value={state} />
      <input type="hidden" name="expectedClaim" value={claimedBy ?? "none"} />
    </>
  );
}

export function TransitionPanel(props: {
  caseId: string;
  version: number;
  state: string;
  claimedBy: string | null;
  actions: ActionButton[];
  reviewers: { id: string; displayName: string }[];
  editHref: string | null;
  diffHref: string | null;
  error: TransitionError | null;
}) {
  const { actions, error } = props;
  const busy = useNavigation().state === "submitting";
  const errorFormShown = error ? actions.some((a) => a.action === error.action && (a.requiresReason || a.requiresAssignee)) : false;
  if (!actions.length && !props.editHref && !props.diffHref && !error) return null;
  return (
    <section className="review-actions no-print" aria-labelledby="review-actions-title">
      <h2 id="review-actions-title">{t.actionsTitle}</h2>
      {error ? (
        <div className="form-error" role="alert" data-testid="transition-error">
          <p>{error.error}</p>
          {error.reason && !errorFormShown ? (
            <label className="kept-reason">
              {t.keptReason}
              <textarea readOnly defaultValue={error.reason} rows={3} />
            </label>
          ) : null}
        </div>
      ) : null}
      <div className="review-actions__buttons">
        {props.editHref ? (
          <Link to={props.editHref} className="button primary">
            {t.edit}
          </Link>
        ) : null}
        {actions
          .filter((a) => !a.requiresReason && !a.requiresAssignee)
          .map((a) => (
            <Form method="post" key={a.action}>
              <TransitionHidden action={a.action} version={props.version} state={props.state} claimedBy={props.claimedBy} />
              <button type="submit" className={`button${a.action === "approve" || a.action === "claim" ? " primary" : ""}`} disabled={busy}>
                {a.label}
              </button>
            </Form>
          ))}
        {props.diffHref ? (
          <Link to={props.diffHref} className="button">
            {t.diffLinkLatest}
          </Link>
        ) : null}
      </div>
      {actions
        .filter((a) => a.requiresReason || a.requiresAssignee)
        .map((a) => {
          const mine = error?.action === a.action ? error : null;
          const fieldId = `reason-${a.action}`;
          return (
            // Remount only when this form's refusal arrives (to show the kept reason); any other
            // navigation must not wipe a reason being typed.
            <details key={`${a.action}-${mine ? "refused" : "fresh"}`} className="review-actions__form" open={Boolean(mine)}>
              <summary>{a.label}</summary>
              <Form method="post" className="stack">
                <TransitionHidden action={a.action} version={props.version} state={props.state} claimedBy={props.claimedBy} />
                {a.requiresAssignee ? (
                  props.reviewers.length ? (
                    <div className="field">
                      <label htmlFor={`assignee-${a.action}`}>{t.assigneeLabel}</label>
                      <select id={`assignee-${a.action}`} name="assignee" required defaultValue="">
                        <option value="" disabled>
                          {t.assigneeChoose}
                        </option>
                        {props.reviewers.map((r) => (
                          <option key={r.id} value={r.id}>
                            {r.displayName}
                          </option>
                        ))}
                      </select>
                    </div>
                  ) : (
                    <p className="muted">{t.assigneeNone}</p>
                  )
                ) : null}
                {a.requiresReason ? (
                  <div className={`field${mine ? " field-invalid" : ""}`}>
                    <label htmlFor={fieldId}>{t.reasonLabel(a.label)}</label>
                    <textarea id={fieldId} name="reason" rows={4} maxLength={2000} defaultValue={mine?.reason ?? ""} aria-describedby={`${fieldId}-hint`} />
                    <p className="field-hint" id={`${fieldId}-hint`}>
                      {t.reasonHint}
                    </p>
                  </div>
                ) : null}
                <button type="submit" className="button primary" disabled={busy || (a.requiresAssignee && !props.reviewers.length)}>
                  {t.confirm(a.label)}
                </button>
              </Form>
            </details>
          );
        })}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Comments

export type CommentItem = {
  id: number;
  parentId: number | null;
  anchor: string;
  body: string;
  version: number;
  authorName: string;
  createdAt: string | Date;
  resolvedAt: string | Date | null;
  resolvedByName: string | null;
};

export type CommentFormState = {
  /** null: the new-comment form; a number: the reply form of that thread. */
  parentId: number | null;
  errors: Record<string, string>;
  values: { anchor: string; body: string };
} | null;

function CommentBody({ comment }: { comment: CommentItem }) {
  return (
    <>
      <p className="comment__meta">
        <strong>{comment.authorName}</strong> <time dateTime={new Date(comment.createdAt).toISOString()}>{formatDateTime(comment.createdAt)}</time>{" "}
        <span className="muted small">{t.commentVersion(comment.version)}</span>
      </p>
      <p className="comment__body">{comment.body}</p>
    </>
  );
}

export function CommentsPanel(props: {
  groups: AnchorGroup<CommentItem>[];
  anchorOptions: { value: string; label: string }[];
  canWrite: boolean;
  formState: CommentFormState;
  threadError: { commentId: number; error: string } | null;
}) {
  const { groups, canWrite, formState } = props;
  const location = useLocation();
  const busy = useNavigation().state === "submitting";
  const newForm = formState && formState.parentId === null ? formState : null;
  const openCount = groups.reduce((n, g) => n + g.threads.filter((th) => !th.root.resolvedAt).length, 0);
  return (
    <section className="review-comments" aria-labelledby="review-comments-title">
      <h2 id="review-comments-title">
        {t.commentsTitle} {openCount ? <span className="badge">{t.openCount(openCount)}</span> : null}
      </h2>
      {groups.length === 0 ? <p className="muted">{t.commentsEmpty}</p> : null}
      {groups.map((g) => (
        <section key={g.anchor} className="comment-group" data-anchor={g.anchor} aria-label={g.label}>
          <h3 className="comment-group__title">{g.label}</h3>
          {g.threads.map(({ root, replies }) => {
            const reply = formState && formState.parentId === root.id ? formState : null;
            const threadError = props.threadError?.commentId === root.id ? props.threadError.error : null;
            return (
              <article key={root.id} id={`comment-${root.id}`} className={`comment-thread${root.resolvedAt ? " comment-thread--resolved" : ""}`} data-testid="comment-thread">
                <CommentBody comment={root} />
                {root.resolvedAt ? (
                  <p className="comment__resolved small">
                    <span className="badge">{t.resolved}</span> {root.resolvedByName ? t.resolvedBy(root.resolvedByName, formatDateTime(root.resolvedAt)) : null}
                  </p>
                ) : null}
                {replies.length ? (
                  <ol className="comment-replies">
                    {replies.map((r) => (
                      <li key={r.id} id={`comment-${r.id}`} className="comment-reply">
                        <CommentBody comment={r} />
                      </li>
                    ))}
                  </ol>
                ) : null}
                {threadError ? (
                  <p className="field-error" role="alert">
                    {threadError}
                  </p>
                ) : null}
                {canWrite ? (
                  <div className="comment-thread__actions">
                    <Form method="post">
                      <input type="hidden" name="intent" value={root.resolvedAt ? "reopen-comment" : "resolve-comment"} />
                      <input type="hidden" name="commentId" value={root.id} />
                      <button type="submit" className="link-button" disabled={busy}>
                        {root.resolvedAt ? t.reopen : t.resolve}
                      </button>
                    </Form>
                    <details key={`reply-${root.id}-${location.key}`} open={Boolean(reply)}>
                      <summary>{t.reply}</summary>
                      <Form method="post" className="stack">
                        <input type="hidden" name="intent" value="comment" />
                        <input type="hidden" name="parentId" value={root.id} />
                        <div className={`field${reply?.errors.body ? " field-invalid" : ""}`}>
                          <label htmlFor={`reply-body-${root.id}`}>{t.replyLabel}</label>
                          <textarea
                            id={`reply-body-${root.id}`}
                            name="body"
                            rows={3}
                            maxLength={2000}
                            defaultValue={reply?.values.body ?? ""}
                            aria-invalid={reply?.errors.body ? true : undefined}
                            aria-describedby={reply?.errors.body ? `reply-body-${root.id}-error` : undefined}
                          />
                          {reply?.errors.body || reply?.errors.form ? (
                            <p className="field-error" id={`reply-body-${root.id}-error`} role="alert">
                              {reply.errors.body ?? reply.errors.form}
                            </p>
                          ) : null}
                        </div>
                        <button type="submit" className="button small" disabled={busy}>
                          {t.sendReply}
                        </button>
                      </Form>
                    </details>
                  </div>
                ) : null}
              </article>
            );
          })}
        </section>
      ))}
      {canWrite ? (
        <Form method="post" className="stack comment-new" key={`new-${location.key}`} aria-labelledby="comment-new-title">
          <h3 id="comment-new-title">{t.newComment}</h3>
          <input type="hidden" name="intent" value="comment" />
          {newForm?.errors.form ? (
            <div className="form-error" role="alert">
              {newForm.errors.form}
            </div>
          ) : null}
          <div className={`field${newForm?.errors.anchor ? " field-invalid" : ""}`}>
            <label htmlFor="comment-anchor">{t.anchorLabel}</label>
            <select id="comment-anchor" name="anchor" defaultValue={newForm?.values.anchor ?? "general"}>
              {props.anchorOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            {newForm?.errors.anchor ? (
              <p className="field-error" role="alert">
                {newForm.errors.anchor}
              </p>
            ) : null}
          </div>
          <div className={`field${newForm?.errors.body ? " field-invalid" : ""}`}>
            <label htmlFor="comment-body">{t.bodyLabel}</label>
            <textarea
              id="comment-body"
              name="body"
              rows={4}
              maxLength={2000}
              defaultValue={newForm?.values.body ?? ""}
              aria-invalid={newForm?.errors.body ? true : undefined}
              aria-describedby={newForm?.errors.body ? "comment-body-error" : undefined}
            />
            {newForm?.errors.body ? (
              <p className="field-error" id="comment-body-error" role="alert">
                {newForm.errors.body}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {t.newComment}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Timeline

export type TimelineItem = {
  id: number;
  at: string | Date;
  actorName: string;
  label: string;
  reason: string | null;
  detail: string | null;
  assignee: string | null;
  diffHref: string | null;
  count: number;
};

export function Timeline({ entries }: { entries: TimelineItem[] }) {
  return (
    <section className="case-timeline" aria-labelledby="case-timeline-title">
      <h2 id="case-timeline-title">{t.timelineTitle}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t.timelineEmpty}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {entries.map((e) => (
            <li key={e.id} className="timeline__entry">
              <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>
              <span className="timeline__what">
                <strong>{e.actorName}</strong> {e.label}
                {e.count > 1 ? t.timelineRepeat(e.count) : null}
              </span>
              {e.assignee ? <span className="timeline__detail">{t.timelineAssigned(e.assignee)}</span> : null}
              {e.reason ? (
                <span className="timeline__detail">
                  {t.timelineReason}：{e.reason}
                </span>
              ) : null}
              {e.detail ? <span className="timeline__detail">{e.detail}</span> : null}
              {e.diffHref ? (
                <Link to={e.diffHref} className="timeline__diff">
                  {t.timelineDiff}
                </Link>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Diff

export type DiffSectionView = { key: string; label: string; status: SectionStatus; parts: DisplayPart[]; added: number; removed: number };

const STATUS_LABEL: Record<SectionStatus, string> = { unchanged: t.diffUnchanged, changed: t.diffChanged, added: t.diffAdded, removed: t.diffRemoved };

export function DiffView({ sections, collapseUnchanged }: { sections: DiffSectionView[]; collapseUnchanged: boolean }) {
  return (
    <div className="case-diff">
      {sections.map((s) => (
        <section key={s.key} className={`diff-section diff-section--${s.status}`} data-section={s.key} data-status={s.status} aria-label={s.label}>
          <h3 className="diff-section__title">
            {s.label} <span className="badge">{STATUS_LABEL[s.status]}</span>
            {s.status !== "unchanged" ? <span className="muted small"> {t.diffCounts(s.added, s.removed)}</span> : null}
          </h3>
          {collapseUnchanged && s.status === "unchanged" ? null : (
            <p className="diff-text">
              {s.parts.map((p, i) =>
                p.type === "gap" ? (
                  <span key={i} className="diff-gap">
                    {t.diffGap(p.count)}
                  </span>
                ) : p.type === "added" ? (
                  <ins key={i}>{p.text}</ins>
                ) : p.type === "removed" ? (
                  <del key={i}>{p.text}</del>
                ) : (
                  <Fragment key={i}>{p.text}</Fragment>
                ),
              )}
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
