/**
 * One discussion thread: the comment (with its quoted passage and status), its replies, and the
 * actions the page gives it (reply, resolve) — the case page uses plain forms, the editor buttons
 * of its own form (see app/cases/form/review/EditorThreadActions.tsx).
 */
import type { ReactNode } from "react";
import { FieldError } from "~/ui/components";
import { formatDateTime } from "~/ui/format";
import { reviewStrings as t } from "./strings";
import type { CommentItem, ThreadStatus } from "./threads";

export const STATUS_LABELS: Record<ThreadStatus, string> = { open: t.statusOpen, resolved: t.resolved, outdated: t.statusOutdated };

export function StatusBadge({ status }: { status: ThreadStatus }) {
  return (
    <span className={`badge badge--comment-${status}`} data-testid="comment-status">
      {STATUS_LABELS[status]}
    </span>
  );
}

function CommentBody({ comment }: { comment: Pick<CommentItem, "authorName" | "createdAt" | "version" | "body"> }) {
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

/** The quoted passage of an inline comment, and what became of it. */
export function PassageQuote({ root }: { root: CommentItem }) {
  if (!root.passage) return null;
  const { status, quote } = root.passage;
  return (
    <blockquote className={`comment__quote comment__quote--${status}`} data-testid="comment-quote">
      {status === "outdated" ? <span className="badge">{t.passageGone}</span> : null}
      {status === "changed" ? <span className="badge">{t.passageChanged}</span> : null} “{quote}”
      {status !== "outdated" && root.status === "open" ? (
        <>
          {" "}
          <a href={`#passage-${root.id}`} className="small">
            {t.showPassage}
          </a>
        </>
      ) : null}
    </blockquote>
  );
}

export function CommentThread({ root, replies, actions, error }: { root: CommentItem; replies: CommentItem[]; actions?: ReactNode; error?: string | null }) {
  return (
    <article id={`comment-${root.id}`} className={`comment-thread comment-thread--${root.status}`} data-testid="comment-thread" data-status={root.status}>
      <p className="comment-thread__status">
        <StatusBadge status={root.status} />
      </p>
      <PassageQuote root={root} />
      <CommentBody comment={root} />
      {root.resolvedAt ? (
        <p className="comment__resolved small">{root.resolvedByName ? t.resolvedBy(root.resolvedByName, formatDateTime(root.resolvedAt)) : null}</p>
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
      <FieldError message={error} />
      {actions}
    </article>
  );
}
