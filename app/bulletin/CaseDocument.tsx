/**
 * Presentational rendering of one case as semantic HTML, from the shared render model, so the
 * web case page and the submitter's live preview show exactly what the bulletin prints.
 * No Remix imports; React escapes all text (no dangerouslySetInnerHTML anywhere).
 */
import { Fragment } from "react";
import type { CaseRenderModel, RenderBlock, Run } from "./render-model";

export function Runs({ runs }: { runs: readonly Run[] }) {
  return (
    <>
      {runs.map((r, i) => (r.bold ? <strong key={i}>{r.text}</strong> : <Fragment key={i}>{r.text}</Fragment>))}
    </>
  );
}

function BlockView({ block }: { block: RenderBlock }) {
  switch (block.kind) {
    case "caseTitle":
      return <h2 className="case-document__title">{block.text}</h2>;
    case "heading":
      return block.level === 1 ? (
        <h3 className="case-document__section">
          <span className="case-document__number">{block.number}</span>
          {block.text}
        </h3>
      ) : (
        <h4 className="case-document__item">
          <span className="case-document__number">{block.number}</span>
          {block.text}
        </h4>
      );
    case "paragraph":
      return (
        <p className={`case-document__paragraph case-document__paragraph--${block.role}`}>
          <Runs runs={block.runs} />
        </p>
      );
  }
}

export function CaseDocument({ model, className }: { model: CaseRenderModel; className?: string }) {
  return (
    <article className={className ? `case-document ${className}` : "case-document"}>
      {model.blocks.map((b, i) => (
        <BlockView key={i} block={b} />
      ))}
    </article>
  );
}

export default CaseDocument;
