/**
 * "What changed since your review": for the reviewer who sent a case back, when it returns to
 * them — the changes since the version they reviewed and each of their comments marked
 * 已解决 / 未解决 / 已过时. On the case page, above the text, so it is what they land on.
 */
import { Link } from "@remix-run/react";
import { PassageQuote, StatusBadge } from "./CommentThread";
import { DiffView, type DiffSectionView } from "./DiffView";
import { reviewStrings as t } from "./strings";
import type { CommentItem } from "./threads";

export type SinceReviewView = { fromVersion: number; toVersion: number; changedCount: number; sections: DiffSectionView[]; href: string; comments: StatusListItem[] };

export function SinceReview({ since }: { since: SinceReviewView }) {
  return (
    <section className="since-review" aria-labelledby="since-review-title" data-testid="since-review">
      <h2 id="since-review-title">{t.sinceTitle(since.fromVersion, since.toVersion)}</h2>
      <p className="muted" data-testid="since-summary">
        {t.diffSummary(since.changedCount)} <Link to={since.href}>{t.sinceFullDiff}</Link>
      </p>
      {since.changedCount ? <DiffView sections={since.sections.filter((s) => s.status !== "unchanged")} collapseUnchanged /> : null}
      {since.comments.length ? (
        <>
          <h3>{t.sinceComments}</h3>
          <CommentStatusList comments={since.comments} />
        </>
      ) : null}
    </section>
  );
}

export type StatusListItem = CommentItem & { where: string; replies: number };

/** Comments with their status (已解决 / 未解决 / 已过时), quote and the number of replies. */
export function CommentStatusList({ comments, linkToThreads = true }: { comments: StatusListItem[]; linkToThreads?: boolean }) {
  return (
    <ul className="since-review__comments">
      {comments.map((c) => (
        <li key={c.id} data-testid="since-comment" data-status={c.status}>
          <StatusBadge status={c.status} /> <span className="muted small">{c.where}</span>
          <PassageQuote root={c} />
          <p className="comment__body">{c.body}</p>
          {c.replies ? <p className="muted small">{t.sinceReplies(c.replies)}</p> : null}
          {linkToThreads ? (
            <a href={`#comment-${c.id}`} className="small">
              {t.sinceToThread}
            </a>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
