/**
 * The printed bulletin's page: geometry, type sizes, line pitch and spacing, shared by the print
 * stylesheet (and so the PDF) and the DOCX. docs/official-layout.md says where each figure comes
 * from: the page-break scars and the 目录 of the third batch fix 21 characters a line and 22 lines
 * a page; GB/T 9704-2012 fixes the paper (A4), the type area (156 × 225 mm) and the body size (三号).
 *
 * All lengths in points (1 pt = 1/72 in) unless named otherwise.
 */
import { layoutStrings } from "~/layout/strings";
import { titleLines } from "./titles";

export const MM = 72 / 25.4;

/** A4 and the margins of GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginMm: { top: 37, bottom: 35, left: 28, right: 26 },
} as const;

/** The type area (版心): 156 × 225 mm. */
export const TYPE_AREA_MM = {
  width: PAGE.widthMm - PAGE.marginMm.left - PAGE.marginMm.right,
  height: PAGE.heightMm - PAGE.marginMm.top - PAGE.marginMm.bottom,
} as const;

/** What the official pages hold (measured, docs/official-layout.md). */
export const CHARS_PER_LINE = 21;
export const LINES_PER_PAGE = 22;

/** Type sizes (字号): 二号 22 pt, 三号 16 pt, 四号 14 pt, 一号 26 pt. */
export const SIZE_PT = { yihao: 26, erhao: 22, sanhao: 16, sihao: 14 } as const;

/**
 * Line pitch: 22 lines fill the 225 mm type area (637.8 pt) — 28.95 pt, Word's 579 twips, as the
 * GB/T 9704 templates set it. (29 pt would put only 21 lines on a page.)
 */
export const LINE_PT = 28.95;

/**
 * Character pitch: the official lines hold 21 characters of 三号 across the 156 mm type area, as a
 * Word document grid of "每行 21 字" sets them: each character advances 21 pt, 16 pt of glyph and
 * 5 pt of spacing (21 × 21 pt = 441 pt, just inside the 442.2 pt line; a 22nd does not fit).
 */
export const CHAR_PITCH_PT = 21;
export const LETTER_SPACING_PT = CHAR_PITCH_PT - SIZE_PT.sanhao;

/** First-line indent of body paragraphs: two characters of the grid. */
export const INDENT_PT = 2 * CHAR_PITCH_PT;

/**
 * The page's furniture: the category divider title a third down its page, the page number "— n —"
 * 7 mm below the type area (GB/T 9704 §7.5), 四号 宋体 figures.
 */
export const DIVIDER_TOP_MM = 70;
export const FOOTER_GAP_MM = 7;

/** Twips (1/20 pt), for the DOCX. */
export const twips = (pt: number) => Math.round(pt * 20);
/** Half-points, Word's unit of type size. */
export const halfPoints = (pt: number) => Math.round(pt * 2);
export const mmToTwips = (mm: number) => Math.round(mm * MM * 20);

/**
 * Document properties of every export: the title is the batch ("第三批最佳实践案例"), the author the
 * programme, the creator this application.
 */
export function bulletinMetadata(title: string) {
  const lines = titleLines(title);
  return {
    title: lines[lines.length - 1],
    subject: title.replace(/\s+/g, ""),
    author: layoutStrings.appSubtitle,
    creator: layoutStrings.appName,
    language: "zh-CN",
  } as const;
}
