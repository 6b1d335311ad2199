/** The difference between two versions, section by section (diff.ts computes it). */
import { Fragment } from "react";
import type { DisplayPart, SectionStatus } from "./diff";
import { reviewStrings as t } from "./strings";

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
