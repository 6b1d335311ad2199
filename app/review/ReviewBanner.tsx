/**
 * The banner of a case sent back for changes, on the case page and in the editor: the reviewer's
 * reason, who gave it and when, and how many comments are still open.
 */
import { formatDateTime } from "~/ui/format";
import { reviewStrings as t } from "./strings";

export type ReturnedFor = { reason: string | null; by: string; at: string | Date };

export function ReviewBanner({ returned, openCount, commentsHref }: { returned: ReturnedFor; openCount: number; commentsHref?: string }) {
  return (
    <section className="review-banner" role="region" aria-labelledby="review-banner-title" data-testid="review-banner">
      <h2 id="review-banner-title">{t.bannerTitle}</h2>
      <p className="review-banner__who">{t.bannerWho(returned.by, formatDateTime(returned.at))}</p>
      {returned.reason ? (
        <blockquote className="review-banner__reason" data-testid="review-reason">
          {returned.reason}
        </blockquote>
      ) : null}
      <p className="review-banner__open">
        {openCount ? t.bannerOpen(openCount) : t.bannerNoneOpen}
        {openCount && commentsHref ? (
          <>
            {" "}
            <a href={commentsHref}>{t.bannerToComments}</a>
          </>
        ) : null}
      </p>
    </section>
  );
}
