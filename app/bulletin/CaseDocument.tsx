/**
 * Presentational rendering of one case as semantic HTML, from the shared render model, so the
 * web case page and the submitter's live preview show exactly what the bulletin prints.
 * No Remix imports; React escapes all text (no dangerouslySetInnerHTML anywhere).
 *
 * Runs that carry their source (the case page, for inline review comments) are wrapped in
 * `<span data-field data-offset>` so a selection maps back to the content model, and passages
 * under discussion (`marks`) are wrapped in `<mark>`.
 */
import { Fragment, type ReactNode } from "react";
import type { CaseRenderModel, RenderBlock, Run } from "./render-model";

/** A passage to mark in the text: `field[start, end)`. */
export type TextMark = { id: number; field: string; start: number; end: number; className?: string; label?: string };

function bolded(bold: boolean, key: string | number, children: ReactNode) {
  return bold ? <strong key={key}>{children}</strong> : <Fragment key={key}>{children}</Fragment>;
}

/** One sourced piece of text, cut where marks begin and end. */
function SourcedText({ text, field, offset, marks }: { text: string; field: string; offset: number; marks: readonly TextMark[] }) {
  const end = offset + text.length;
  const mine = marks.filter((m) => m.field === field && m.start < end && m.end > offset);
  const cuts = [...new Set([offset, end, ...mine.flatMap((m) => [m.start, m.end]).filter((p) => p > offset && p < end)])].sort((a, b) => a - b);
  return (
    <>
      {cuts.slice(0, -1).map((from, i) => {
        const to = cuts[i + 1];
        const piece = (
          <span key={from} data-field={field} data-offset={from}>
            {text.slice(from - offset, to - offset)}
          </span>
        );
        const mark = mine.find((m) => m.start <= from && m.end >= to);
        return mark ? (
          <mark key={from} id={from === mark.start ? `passage-${mark.id}` : undefined} className={mark.className ?? "passage"} data-comment={mark.id} title={mark.label}>
            {piece}
          </mark>
        ) : (
          piece
        );
      })}
    </>
  );
}

export function Runs({ runs, marks = [] }: { runs: readonly Run[]; marks?: readonly TextMark[] }) {
  // Neighbouring runs of one boldness share one element, so "建设平台。" stays one <strong> even
  // when its words and its added full stop come from different places (sources on the case page).
  const groups: { bold: boolean; runs: Run[] }[] = [];
  for (const r of runs) {
    const last = groups[groups.length - 1];
    if (last && last.bold === r.bold) last.runs.push(r);
    else groups.push({ bold: r.bold, runs: [r] });
  }
  return (
    <>
      {groups.map((g, i) =>
        bolded(
          g.bold,
          i,
          g.runs.map((r, j) => (r.source ? <SourcedText key={j} text={r.text} field={r.source.field} offset={r.source.offset} marks={marks} /> : <Fragment key={j}>{r.text}</Fragment>)),
        ),
      )}
    </>
  );
}

function HeadingText({ text, field, marks }: { text: string; field?: string; marks: readonly TextMark[] }) {
  return field ? <SourcedText text={text} field={field} offset={0} marks={marks} /> : <>{text}</>;
}

function BlockView({ block, marks, titleLevel }: { block: RenderBlock; marks: readonly TextMark[]; titleLevel: 1 | 2 }) {
  // Sections one level below the title, items one below the sections (h2/h3 on the case page).
  const Section = titleLevel === 1 ? "h2" : "h3";
  const Item = titleLevel === 1 ? "h3" : "h4";
  switch (block.kind) {
    case "caseTitle": {
      // No empty heading while the title is not written yet (the editor's live preview).
      if (!block.text.trim()) return null;
      const Title = titleLevel === 1 ? "h1" : "h2";
      return (
        <Title className="case-document__title">
          <HeadingText text={block.text} field={block.field} marks={marks} />
        </Title>
      );
    }
    case "heading":
      return block.level === 1 ? (
        <Section className="case-document__section">
          <span className="case-document__number">{block.number}</span>
          <HeadingText text={block.text} field={block.field} marks={marks} />
        </Section>
      ) : (
        <Item className="case-document__item" data-item-field={block.field}>
          <span className="case-document__number">{block.number}</span>
          <HeadingText text={block.text} field={block.field} marks={marks} />
        </Item>
      );
    case "paragraph":
      return (
        <p className={`case-document__paragraph case-document__paragraph--${block.role}`}>
          <Runs runs={block.runs} marks={marks} />
        </p>
      );
  }
}

/**
 * `titleLevel`: 2 inside a bulletin (whose title is the page's `<h1>`) and in the editor's preview;
 * 1 on the case's own page, where the case title is the page's heading. Section and item headings
 * follow one and two levels below.
 */
export function CaseDocument({
  model,
  className,
  marks = [],
  titleLevel = 2,
}: {
  model: CaseRenderModel;
  className?: string;
  marks?: readonly TextMark[];
  titleLevel?: 1 | 2;
}) {
  return (
    <article className={className ? `case-document ${className}` : "case-document"}>
      {model.blocks.map((b, i) => (
        <BlockView key={i} block={b} marks={marks} titleLevel={titleLevel} />
      ))}
    </article>
  );
}

export default CaseDocument;
