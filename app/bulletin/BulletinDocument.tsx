/**
 * A whole bulletin as semantic HTML, from the shared render model: title, 前言, 目录 (linking to
 * each category and case), the categories with their cases (each a `CaseDocument`), and errata.
 * Used by the public bulletin page, the publisher's preview and — rendered to static markup — the
 * PDF, so all three print the same words in the same order. No Remix imports; React escapes all
 * text. `BULLETIN_CSS` is its stylesheet (screen and print), served at /bulletins/document.css
 * and inlined into the PDF's page.
 */
import { CaseDocument, Runs } from "./CaseDocument";
import type { BulletinModel } from "./render-model";
import { CASE_STRINGS } from "~/cases/content/strings";

export type BulletinErratum = { id: number | string; body: string; date: string };

export const BULLETIN_DOCUMENT_STRINGS = {
  errata: "勘误",
  erratumDate: (date: string) => `${date} 勘误`,
} as const;

/**
 * "国家服务业扩大开放综合试点示范建设 第四批最佳实践案例" → the programme line and the batch line
 * ("第四批最佳实践案例"), as the bulletin's cover sets them, with or without a space between them;
 * a title without "第…批" stays one line.
 */
export function titleLines(title: string): string[] {
  const t = title.trim();
  const m = /^(.*?\S)[\s\u3000]*(第[一二三四五六七八九十百零〇\d]+批.*)$/.exec(t);
  return m ? [m[1], m[2]] : [t];
}

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

/**
 * Font stacks, official font first, then what Windows, macOS and Linux (Noto CJK) have:
 * 方正小标宋简体 → 华文中宋 → 宋体 → Noto Serif CJK; 黑体 → 华文黑体 → Noto Sans CJK;
 * 楷体_GB2312 → 楷体 → 华文楷体 → Noto Serif CJK; 仿宋_GB2312 → 仿宋 → 华文仿宋 → Noto Serif CJK.
 */
export const BULLETIN_FONT_STACKS = {
  title: `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "宋体", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
  hei: `"黑体", "SimHei", "华文黑体", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`,
  kai: `"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "华文楷体", "STKaiti", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
  fangsong: `"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
} as const;

const F = BULLETIN_FONT_STACKS;

/**
 * The bulletin's stylesheet. On screen: a readable page. In print (and in the PDF, which Chromium
 * renders with print media): A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm,
 * right 26 mm), body 仿宋 16 pt (三号) on a fixed 29 pt line, case titles 小标宋 22 pt (二号),
 * sections 黑体, items 楷体, first lines indented two characters; a new page for the 目录, each
 * category and each case; page numbers "— n —" in the footer (a page-margin box), counted from the
 * first category page; the site's header hidden.
 */
export const BULLETIN_CSS = `
.bulletin { background: #fff; border: 1px solid var(--line, #ddd); padding: 2.5rem 3rem; font-family: ${F.fangsong}; font-size: 1.1rem; line-height: 1.9; color: #111; }
.bulletin p { text-indent: 2em; margin: .35rem 0; text-align: justify; }
.bulletin__cover { text-align: center; padding: 2rem 0 1rem; }
.bulletin__title { font-family: ${F.title}; font-weight: normal; font-size: 1.9rem; line-height: 1.6; margin: 0; }
.bulletin__title-line { display: block; }
.bulletin__heading { font-family: ${F.hei}; font-weight: normal; font-size: 1.4rem; text-align: center; letter-spacing: 1em; text-indent: 1em; margin: 2rem 0 1rem; }
.bulletin__toc ol { list-style: none; margin: 0; padding: 0; }
.bulletin__toc-entry { display: flex; align-items: baseline; gap: .25em; margin: .3rem 0; }
.bulletin__toc-entry a { color: inherit; text-decoration: none; }
.bulletin__toc-entry a:hover, .bulletin__toc-entry a:focus { text-decoration: underline; }
.bulletin__toc-entry--1 { font-family: ${F.hei}; margin-top: .8rem; }
.bulletin__toc-entry--2 { padding-left: 2em; }
.bulletin__toc-leader { flex: 1 1 auto; border-bottom: 2px dotted #777; min-width: 2em; transform: translateY(-.3em); }
.bulletin__toc-page { flex: 0 0 2.5em; text-align: right; font-family: "Times New Roman", ${F.fangsong}; }
.bulletin__category-title { font-family: ${F.hei}; font-weight: normal; font-size: 1.6rem; text-align: center; margin: 3rem 0 1.5rem; padding-top: 1.5rem; border-top: 3px double #b71c1c; }
.bulletin__case { margin: 0 0 2.5rem; scroll-margin-top: 1rem; }
.bulletin__case .case-document { border: 0; padding: 0; background: none; font-family: ${F.fangsong}; }
.bulletin .case-document__title { font-family: ${F.title}; font-weight: normal; }
.bulletin .case-document__section { font-family: ${F.hei}; font-weight: normal; text-indent: 2em; }
.bulletin .case-document__item { font-family: ${F.kai}; font-weight: normal; text-indent: 2em; }
.bulletin__errata { margin-top: 3rem; border-top: 1px solid var(--line, #ddd); }
.bulletin__errata ol { padding-left: 1.5em; }
.bulletin__erratum-date { text-indent: 0; font-family: ${F.hei}; }

@media print {
  @page {
    size: A4;
    margin: 37mm 26mm 35mm 28mm;
    @bottom-center { content: "— " counter(page) " —"; font-family: ${F.title}; font-size: 14pt; vertical-align: top; padding-top: 6mm; }
  }
  /* Cover, 前言 and 目录 are unnumbered front matter; their pages reset the counter, so the first category page is page 1. */
  @page bulletin-front { counter-reset: page 0; @bottom-center { content: none; } }
  .bulletin__cover, .bulletin__preface, .bulletin__toc { page: bulletin-front; }
  html, body { background: #fff; }
  .site-header, .skip-link, .no-print { display: none !important; }
  .page { max-width: none; margin: 0; padding: 0; }
  .bulletin { border: 0; padding: 0; font-size: 16pt; line-height: 29pt; }
  .bulletin p { margin: 0; line-height: 29pt; orphans: 2; widows: 2; }
  .bulletin__cover { padding: 60mm 0 0; break-after: page; }
  .bulletin__title { font-size: 24pt; line-height: 44pt; }
  .bulletin__heading { font-size: 22pt; line-height: 44pt; margin: 0 0 29pt; }
  .bulletin__toc { break-before: page; }
  .bulletin__toc-entry { margin: 0; line-height: 29pt; font-size: 14pt; break-inside: avoid; }
  .bulletin__toc-entry--1 { margin-top: 0; }
  .bulletin__category { break-before: page; }
  .bulletin__category-title { font-family: ${F.title}; font-size: 26pt; line-height: 44pt; margin: 0; padding: 70mm 0 0; border: 0; }
  .bulletin__case { break-before: page; margin: 0; }
  .bulletin .case-document { font-size: 16pt; line-height: 29pt; }
  .bulletin .case-document__title { font-size: 22pt; line-height: 33pt; margin: 0 0 29pt; text-align: center; break-after: avoid; }
  .bulletin .case-document__section, .bulletin .case-document__item { font-size: 16pt; line-height: 29pt; margin: 0; break-after: avoid; }
  .bulletin .case-document p { margin: 0; line-height: 29pt; }
  .bulletin a { color: inherit; text-decoration: none; }
  .bulletin__errata { break-before: page; border: 0; margin: 0; }
}
`;

/** A short hash of the stylesheet, to version its URL. */
function hashText(text: string) {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** For a route's `links`: the bulletin stylesheet served by /bulletins/document.css. */
export const bulletinStylesheet = { rel: "stylesheet", href: `/bulletins/document.css?v=${hashText(BULLETIN_CSS)}` } as const;
