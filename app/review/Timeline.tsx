/** The case's history (案例历程), oldest first: one complete sentence per event. */
import { Link } from "@remix-run/react";
import { formatDateTime } from "~/ui/format";
import { reviewStrings as t } from "./strings";

export type TimelineItem = { id: number; at: string | Date; sentence: string; diffHref: string | null };

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
              <span className="timeline__what">{e.sentence}</span>
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
