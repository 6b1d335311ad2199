/**
 * The bulletin's stylesheet, screen and print, from the layout (`layout.ts`) and the typefaces
 * (`typefaces.ts`). In print — and so in the PDF, which Chromium renders with print media — it is
 * the official page: A4 with the GB/T 9704 margins, 22 lines of 28.95 pt, 21 characters of 三号 a
 * line (16 pt glyphs on a 21 pt pitch), 小标宋 titles, 黑体 一、 headings, 楷体 （一） headings, 仿宋
 * body, one blank line before every group of headings, the page number "— n —" below the type area,
 * counted from the first category page; a new page for the 目录, each category and each case.
 *
 * `bulletinCss(fontFaces)` takes the @font-face rules that name the stand-in faces: the web's
 * stylesheet finds them installed (local()), the PDF's page gets them as subset files.
 */
import {
  DIVIDER_TOP_MM,
  FOOTER_GAP_MM,
  INDENT_PT,
  LETTER_SPACING_PT,
  LINE_PT,
  PAGE,
  SIZE_PT,
} from "./layout";
import { fontStack, localSources, standInFontFaces } from "./typefaces";

const F = {
  title: fontStack("title"),
  hei: fontStack("hei"),
  kai: fontStack("kai"),
  fangsong: fontStack("fangsong"),
  song: fontStack("song"),
};
const M = PAGE.marginMm;
const pt = (n: number) => `${Number(n.toFixed(3))}pt`;

export function bulletinCss(fontFaces: string): string {
  return `${fontFaces}
.bulletin { background: #fff; border: 1px solid var(--line, #ddd); padding: 2.5rem 3rem; font-family: ${F.fangsong}; font-size: 1.1rem; line-height: 1.9; color: #111; font-synthesis: none; text-spacing-trim: space-all; }
.bulletin p { text-indent: 2em; margin: .35rem 0; text-align: justify; }
.bulletin strong, .bulletin b { font-family: ${F.hei}; font-weight: normal; }
.bulletin__cover { text-align: center; padding: 2rem 0 1rem; }
.bulletin__title { font-family: ${F.title}; font-weight: normal; font-size: 1.9rem; line-height: 1.6; margin: 0; }
.bulletin__title-line { display: block; }
.bulletin__heading { font-family: ${F.title}; font-weight: normal; font-size: 1.4rem; text-align: center; letter-spacing: 1em; text-indent: 1em; margin: 2rem 0 1rem; }
.bulletin__toc ol { list-style: none; margin: 0; padding: 0; }
.bulletin__toc-entry { display: flex; align-items: baseline; gap: .25em; margin: .3rem 0; }
.bulletin__toc-entry a { color: inherit; text-decoration: none; }
.bulletin__toc-entry a:hover, .bulletin__toc-entry a:focus { text-decoration: underline; }
.bulletin__toc-entry--1 { font-family: ${F.hei}; margin-top: .8rem; }
.bulletin__toc-entry--2 { padding-left: 2em; }
.bulletin__toc-leader { flex: 1 1 auto; border-bottom: 2px dotted #777; min-width: 2em; transform: translateY(-.3em); }
.bulletin__toc-page { flex: 0 0 2.5em; text-align: right; font-family: ${F.fangsong}; }
.bulletin__category-title { font-family: ${F.title}; font-weight: normal; font-size: 1.6rem; text-align: center; margin: 3rem 0 1.5rem; padding-top: 1.5rem; border-top: 3px double #b71c1c; }
.bulletin__case { margin: 0 0 2.5rem; scroll-margin-top: 1rem; }
.bulletin__case .case-document { border: 0; padding: 0; background: none; font-family: ${F.fangsong}; }
.bulletin .case-document__title { font-family: ${F.title}; font-weight: normal; }
.bulletin .case-document__section { font-family: ${F.hei}; font-weight: normal; }
.bulletin .case-document__item { font-family: ${F.kai}; font-weight: normal; }
.bulletin__errata { margin-top: 3rem; border-top: 1px solid var(--line, #ddd); }
.bulletin__errata ol { padding-left: 1.5em; }
.bulletin__erratum-date { text-indent: 0; font-family: ${F.hei}; }

@media print {
  @page {
    size: A4;
    margin: ${M.top}mm ${M.right}mm ${M.bottom}mm ${M.left}mm;
    @bottom-center { content: "— " counter(page) " —"; font-family: ${F.song}; font-size: ${pt(SIZE_PT.sihao)}; letter-spacing: 0; vertical-align: top; padding-top: ${FOOTER_GAP_MM}mm; }
  }
  /* Cover, 前言 and 目录 are unnumbered front matter; their pages reset the counter, so the first category page is page 1. */
  @page bulletin-front { counter-reset: page 0; @bottom-center { content: none; } }
  .bulletin__cover, .bulletin__preface, .bulletin__toc { page: bulletin-front; }
  /* The browser's own 8 px body margin would narrow the type area by 6 pt a side. */
  html, body { background: #fff; margin: 0; padding: 0; }
  .site-header, .skip-link, .no-print { display: none !important; }
  .page { max-width: none; margin: 0; padding: 0; }
  .bulletin { border: 0; padding: 0; margin: 0; font-size: ${pt(SIZE_PT.sanhao)}; line-height: ${pt(LINE_PT)}; letter-spacing: ${pt(LETTER_SPACING_PT)}; }
  /* No widow or orphan control: the official pages carry single lines over (third batch, p. 7). */
  .bulletin p, .bulletin .case-document p { margin: 0; line-height: ${pt(LINE_PT)}; text-indent: ${pt(INDENT_PT)}; orphans: 1; widows: 1; }
  .bulletin__cover { padding: 60mm 0 0; break-after: page; letter-spacing: 0; }
  .bulletin__title { font-size: ${pt(SIZE_PT.yihao)}; line-height: ${pt(2 * LINE_PT)}; }
  /* 前言, 目录: 二号 小标宋 on two lines' height, as the official 前言 page (a heading and 20 lines). */
  .bulletin__heading { font-size: ${pt(SIZE_PT.erhao)}; line-height: ${pt(LINE_PT)}; margin: 0 0 ${pt(LINE_PT)}; letter-spacing: 1em; }
  .bulletin__toc { break-before: page; letter-spacing: 0; }
  .bulletin__toc-entry { margin: 0; gap: .2em; line-height: ${pt(LINE_PT)}; font-size: ${pt(SIZE_PT.sanhao)}; break-inside: avoid; }
  .bulletin__toc-leader { min-width: .5em; }
  .bulletin__toc-page { flex-basis: 1.6em; }
  .bulletin__toc-entry--1 { margin-top: 0; }
  .bulletin__toc-entry--2 { padding-left: ${pt(2 * SIZE_PT.sanhao)}; }
  .bulletin__category { break-before: page; }
  .bulletin__category-title { font-size: ${pt(SIZE_PT.yihao)}; line-height: ${pt(2 * LINE_PT)}; letter-spacing: 0; margin: 0; padding: ${DIVIDER_TOP_MM}mm 0 0; border: 0; }
  .bulletin__case { break-before: page; margin: 0; }
  .bulletin .case-document { font-size: ${pt(SIZE_PT.sanhao)}; line-height: ${pt(LINE_PT)}; }
  /* The case title: 二号 on the line grid, no space after it (the official first pages hold 22 lines with it). */
  .bulletin .case-document__title { font-size: ${pt(SIZE_PT.erhao)}; line-height: ${pt(LINE_PT)}; letter-spacing: 0; margin: 0; text-align: center; break-after: avoid; }
  /* Headings on the grid, not indented; a blank line before each group of them (一、 with its （一）). */
  .bulletin .case-document__section, .bulletin .case-document__item { font-size: ${pt(SIZE_PT.sanhao)}; line-height: ${pt(LINE_PT)}; text-indent: 0; margin: ${pt(LINE_PT)} 0 0; break-after: avoid; }
  .bulletin .case-document__section + .case-document__item { margin-top: 0; }
  .bulletin a { color: inherit; text-decoration: none; }
  .bulletin__errata { break-before: page; border: 0; margin: 0; }
}
`;
}

/** The stylesheet the web pages link: the stand-ins where the reader's machine has them installed. */
export const BULLETIN_CSS = bulletinCss(standInFontFaces(localSources));

/** A short hash of the stylesheet, to version its URL. */
function hashText(text: string) {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** For a route's `links`: the bulletin stylesheet served by /bulletins/document.css. */
export const bulletinStylesheet = { rel: "stylesheet", href: `/bulletins/document.css?v=${hashText(BULLETIN_CSS)}` } as const;

