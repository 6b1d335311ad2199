/**
 * A whole bulletin as semantic HTML, from the shared render model: title, 前言, 目录 (linking to
 * each category and case), the categories with their cases (each a `CaseDocument`), and errata.
 * Used by the public bulletin page, the publisher's preview and — rendered to static markup — the
 * PDF, so all three print the same words in the same order. No Remix imports; React escapes all
 * text. Its stylesheet (screen and print) is `bulletin-style.ts`, served at /bulletins/document.css
 * and inlined into the PDF's page.
 */
import { CaseDocument, Runs } from "./CaseDocument";
import type { BulletinModel } from "./render-model";
import { CASE_STRINGS } from "~/cases/content/strings";
import { titleLines } from "./titles";

export { titleLines } from "./titles";
export { BULLETIN_CSS, bulletinStylesheet } from "./bulletin-style";

export type BulletinErratum = { id: number | string; body: string; date: string };

export const BULLETIN_DOCUMENT_STRINGS = {
  errata: "勘误",
  erratumDate: (date: string) => `${date} 勘误`,
} as const;

export function BulletinDocument({
  model,
  errata = [],
  pageNumbers,
  className,
}: {
  model: BulletinModel;
  errata?: readonly BulletinErratum[];
  /**
   * 目录 page numbers by anchor. When given (the PDF), every 目录 entry reserves room for a number,
   * so filling the numbers in never changes the layout; an anchor without a number prints blank.
   */
  pageNumbers?: Readonly<Record<string, number>>;
  className?: string;
}) {
  const withPages = pageNumbers !== undefined;
  return (
    <article className={className ? `bulletin ${className}` : "bulletin"} lang="zh-CN">
      <header className="bulletin__cover">
        <h1 className="bulletin__title">
          {titleLines(model.title).map((line, i) => (
            <span key={i} className="bulletin__title-line">
              {line}
            </span>
          ))}
        </h1>
      </header>

      {model.preface.length ? (
        <section className="bulletin__preface" aria-labelledby="bulletin-preface">
          <h2 className="bulletin__heading" id="bulletin-preface">
            {CASE_STRINGS.bulletin.preface}
          </h2>
          {model.preface.map((runs, i) => (
            <p key={i}>
              <Runs runs={runs} />
            </p>
          ))}
        </section>
      ) : null}

      <nav className="bulletin__toc" aria-labelledby="bulletin-toc">
        <h2 className="bulletin__heading" id="bulletin-toc">
          {CASE_STRINGS.bulletin.toc}
        </h2>
        <ol>
          {model.toc.map((entry) => (
            <li key={entry.anchor} className={`bulletin__toc-entry bulletin__toc-entry--${entry.level}`}>
              <a href={`#${entry.anchor}`}>{entry.text}</a>
              {withPages ? (
                <>
                  <span className="bulletin__toc-leader" aria-hidden="true" />
                  <span className="bulletin__toc-page" data-anchor={entry.anchor}>
                    {pageNumbers[entry.anchor] ?? ""}
                  </span>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </nav>

      {model.categories.map((category) => (
        <section key={category.anchor} className="bulletin__category" aria-labelledby={category.anchor}>
          <h2 className="bulletin__category-title" id={category.anchor}>
            {category.name}
          </h2>
          {category.cases.map((c) => (
            <section key={c.anchor} className="bulletin__case" id={c.anchor} data-case-title={c.title}>
              <CaseDocument model={c} />
            </section>
          ))}
        </section>
      ))}

      {errata.length ? (
        <section className="bulletin__errata" id="errata" aria-labelledby="bulletin-errata">
          <h2 className="bulletin__heading" id="bulletin-errata">
            {BULLETIN_DOCUMENT_STRINGS.errata}
          </h2>
          <ol>
            {errata.map((erratum) => (
              <li key={erratum.id}>
                <p className="bulletin__erratum-date">{BULLETIN_DOCUMENT_STRINGS.erratumDate(erratum.date)}</p>
                {erratum.body.split("\n").map((line, i) => (
                  <p key={i}>{line}</p>
                ))}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}

export default BulletinDocument;
