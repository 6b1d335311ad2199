/**
 * The bulletin as a Word document (DOCX), in the style of a Chinese official document
 * (GB/T 9704-2012), from the shared render model:
 *
 * - A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; page numbers "— 1 —" centred in
 *   the footer (宋体 四号), counted from the first category page, as the printed bulletin counts them.
 * - Cover title 方正小标宋简体; 前言 and 目录 headings 方正小标宋简体 二号.
 * - 目录: a real Word TOC field (`TOC \h \o "1-2"`) over Heading 1 (category) and Heading 2
 *   (case title), pre-filled with the entries so it is not empty before Word updates it;
 *   `updateFields` makes Word refresh it (and its page numbers) when the document opens.
 * - Case title (Heading 2) 方正小标宋简体 二号 (22 pt), centred; section headings 一、 黑体 三号;
 *   item headings （一） 楷体_GB2312 三号; body 仿宋_GB2312 三号 (16 pt), first line indented two
 *   characters, fixed 29 pt line spacing (22 lines a page), justified; bold lead phrases bold.
 *
 * Fonts. Runs name the official fonts as their East Asian font (`w:eastAsia`) and Times New Roman
 * for Latin text and figures. Where a font is missing, Word substitutes the `w:altName` the font
 * table gives it (written here, `word/fontTable.xml`), then its own match by charset/panose:
 *   方正小标宋简体 → 宋体 (SimSun) · 仿宋_GB2312 → 仿宋 (FangSong) · 楷体_GB2312 → 楷体 (KaiTi) ·
 *   黑体 → SimHei. LibreOffice maps the same names through its replacement table and fontconfig
 *   (on Linux typically to Noto Serif CJK SC / Noto Sans CJK SC).
 *
 * Building the paragraphs is synchronous CPU work; it yields to the event loop after each case so
 * a large batch never holds up other requests, and `Packer.toBuffer` zips asynchronously.
 */
import {
  AlignmentType,
  Bookmark,
  convertMillimetersToTwip,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TableOfContents,
  TextRun,
  type IRunOptions,
} from "docx";
import { CASE_STRINGS } from "~/cases/content/strings";
import { BULLETIN_DOCUMENT_STRINGS, titleLines, type BulletinErratum } from "./BulletinDocument";
import type { BulletinModel, CaseRenderModel, Run } from "./render-model";

/** The official fonts, and what Word should use where one is missing (w:altName). */
export const DOCX_FONTS = {
  title: { name: "方正小标宋简体", altName: "宋体", panose: "02000000000000000000", family: "roman", pitch: "variable" },
  hei: { name: "黑体", altName: "SimHei", panose: "02010609060101010101", family: "swiss", pitch: "variable" },
  kai: { name: "楷体_GB2312", altName: "楷体", panose: "02010609030101010101", family: "roman", pitch: "variable" },
  fangsong: { name: "仿宋_GB2312", altName: "仿宋", panose: "02010609030101010101", family: "roman", pitch: "variable" },
  song: { name: "宋体", altName: "SimSun", panose: "02010600030101010101", family: "roman", pitch: "variable" },
} as const;
const LATIN = "Times New Roman";

type FontKey = keyof typeof DOCX_FONTS;
const font = (key: FontKey) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: DOCX_FONTS[key].name });

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const SIZE = { erhao: 44, sanhao: 32, sihao: 28, cover: 48 } as const;
/** Fixed 29 pt line (twips): 22 lines on the 225 mm type area of GB/T 9704. */
const LINE = 580;

const STYLE = { body: "BulletinBody", section: "BulletinSection", item: "BulletinItem", front: "BulletinFrontHeading", cover: "BulletinCover" } as const;

function xmlEscape(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** word/fontTable.xml naming each font with its substitute, charset GB2312 (86) and panose. */
export function fontTableXml(): string {
  const fonts = [...Object.values(DOCX_FONTS).map((f) => ({ ...f, charset: "86" })), { name: LATIN, altName: "Times", panose: "02020603050405020304", family: "roman", pitch: "variable", charset: "00" }];
  const body = fonts
    .map(
      (f) =>
        `<w:font w:name="${xmlEscape(f.name)}"><w:altName w:val="${xmlEscape(f.altName)}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${body}</w:fonts>`;
}

function textRuns(runs: readonly Run[], base: IRunOptions = {}): TextRun[] {
  return runs.map((r) => new TextRun({ ...base, text: r.text, bold: r.bold || undefined }));
}

const bodyParagraph = (runs: readonly Run[]) => new Paragraph({ style: STYLE.body, children: textRuns(runs) });

/** The bookmark a 目录 entry links to: "_Toc" marks it as Word's own (hidden) kind. */
export const tocBookmark = (anchor: string) => `_Toc_${anchor.replace(/[^A-Za-z0-9]/g, "_")}`;

function caseParagraphs(model: CaseRenderModel & { anchor: string }): Paragraph[] {
  const out: Paragraph[] = [];
  for (const block of model.blocks) {
    if (block.kind === "caseTitle") {
      out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, pageBreakBefore: true, children: [new Bookmark({ id: tocBookmark(model.anchor), children: [new TextRun(block.text)] })] }));
    } else if (block.kind === "heading") {
      out.push(new Paragraph({ style: block.level === 1 ? STYLE.section : STYLE.item, children: [new TextRun(`${block.number}${block.text}`)] }));
    } else {
      out.push(bodyParagraph(block.runs));
    }
  }
  return out;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function pageNumberFooter() {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ font: font("song"), size: SIZE.sihao, children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

/** Where the docx library puts a 目录 entry's right tab stop (its default text width). */
const TOC_TAB_POSITION = 9025;

/** A4 and the margins of GB/T 9704 (37 / 35 / 28 / 26 mm), in twips (1 mm = 56.69 twips). */
const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 2098, bottom: 1984, left: 1588, right: 1474, header: 850, footer: convertMillimetersToTwip(25) },
};

export type DocxOptions = {
  errata?: readonly BulletinErratum[];
  /**
   * The 目录's page numbers by anchor, when known (from the PDF's pagination, which uses the same
   * page, fonts sizes and line spacing): written into the TOC field's result, so viewers that do
   * not update fields (LibreOffice, previews) show them. Word recomputes them when it opens the
   * document (`updateFields`). Without them the entries are written without numbers.
   */
  pageNumbers?: Readonly<Record<string, number>>;
};

export async function bulletinToDocxDocument(model: BulletinModel, options: DocxOptions = {}): Promise<Document> {
  const frontMatter: (Paragraph | TableOfContents)[] = [
    ...titleLines(model.title).map((line, i) => new Paragraph({ style: STYLE.cover, spacing: i === 0 ? { before: convertMillimetersToTwip(50) } : undefined, children: [new TextRun(line)] })),
  ];
  if (model.preface.length) {
    frontMatter.push(new Paragraph({ style: STYLE.front, pageBreakBefore: true, children: [new TextRun(spaced(CASE_STRINGS.bulletin.preface))] }));
    for (const runs of model.preface) frontMatter.push(bodyParagraph(runs));
  }
  const tocPage: (Paragraph | TableOfContents)[] = [new Paragraph({ style: STYLE.front, children: [new TextRun(spaced(CASE_STRINGS.bulletin.toc))] })];
  const pageNumbers = options.pageNumbers;
  tocPage.push(
    new TableOfContents(CASE_STRINGS.bulletin.toc, {
      hyperlink: true,
      headingStyleRange: "1-2",
      ...(pageNumbers && Object.keys(pageNumbers).length
        ? { cachedEntries: model.toc.map((e) => ({ title: e.text, level: e.level, page: pageNumbers[e.anchor], href: tocBookmark(e.anchor) })) }
        : {}),
    }),
  );

  const body: Paragraph[] = [];
  for (const [ci, category] of model.categories.entries()) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: ci > 0, children: [new Bookmark({ id: tocBookmark(category.anchor), children: [new TextRun(category.name)] })] }));
    for (const c of category.cases) {
      body.push(...caseParagraphs(c));
      await yieldToEventLoop();
    }
  }
  const errata = options.errata ?? [];
  if (errata.length) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(BULLETIN_DOCUMENT_STRINGS.errata)] }));
    for (const erratum of errata) {
      body.push(new Paragraph({ style: STYLE.section, children: [new TextRun(BULLETIN_DOCUMENT_STRINGS.erratumDate(erratum.date))] }));
      for (const line of erratum.body.split("\n")) body.push(bodyParagraph([{ text: line, bold: false }]));
    }
  }

  return new Document({
    title: model.title,
    creator: "最佳实践案例系统",
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: { font: font("fangsong"), size: SIZE.sanhao, language: { value: "en-US", eastAsia: "zh-CN" } },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
        // Category: its own page, centred, as the printed bulletin's divider pages.
        heading1: {
          run: { font: font("hei"), size: SIZE.erhao, bold: false, color: "000000" },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: convertMillimetersToTwip(60), after: LINE, line: 880, lineRule: LineRuleType.EXACT }, keepNext: true, outlineLevel: 0 },
        },
        // Case title.
        heading2: {
          run: { font: font("title"), size: SIZE.erhao, bold: false, color: "000000" },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: LINE, line: 660, lineRule: LineRuleType.EXACT }, keepNext: true, outlineLevel: 1 },
        },
      },
      paragraphStyles: [
        {
          id: STYLE.body,
          name: "Bulletin Body",
          basedOn: "Normal",
          quickFormat: true,
          run: { font: font("fangsong"), size: SIZE.sanhao },
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 640, firstLineChars: 200 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
        {
          id: STYLE.section,
          name: "Bulletin Section Heading",
          basedOn: "Normal",
          next: STYLE.body,
          quickFormat: true,
          run: { font: font("hei"), size: SIZE.sanhao },
          paragraph: { indent: { firstLine: 640, firstLineChars: 200 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, keepNext: true, outlineLevel: 2 },
        },
        {
          id: STYLE.item,
          name: "Bulletin Item Heading",
          basedOn: "Normal",
          next: STYLE.body,
          quickFormat: true,
          run: { font: font("kai"), size: SIZE.sanhao },
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 640, firstLineChars: 200 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, keepNext: true, outlineLevel: 3 },
        },
        {
          id: STYLE.front,
          name: "Bulletin Front Heading",
          basedOn: "Normal",
          next: STYLE.body,
          run: { font: font("title"), size: SIZE.erhao },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: LINE, line: 880, lineRule: LineRuleType.EXACT } },
        },
        {
          id: STYLE.cover,
          name: "Bulletin Cover Title",
          basedOn: "Normal",
          run: { font: font("title"), size: SIZE.cover },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 960, lineRule: LineRuleType.EXACT } },
        },
        {
          id: "TOC1",
          name: "toc 1",
          basedOn: "Normal",
          next: "Normal",
          run: { font: font("hei"), size: SIZE.sanhao },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
        {
          id: "TOC2",
          name: "toc 2",
          basedOn: "Normal",
          next: "Normal",
          run: { font: font("fangsong"), size: SIZE.sanhao },
          paragraph: { indent: { left: 640 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      ],
    },
    sections: [
      { properties: { page: PAGE }, children: frontMatter },
      // The 目录 on a page of its own whose right margin ends where the docx library sets the
      // entries' right tab stop (9025 twips from the left margin), so the page numbers align.
      { properties: { page: { ...PAGE, margin: { ...PAGE.margin, right: PAGE.size.width - PAGE.margin.left - TOC_TAB_POSITION } } }, children: tocPage },
      {
        properties: { page: { ...PAGE, pageNumbers: { start: 1 } } },
        footers: { default: pageNumberFooter() },
        children: body,
      },
    ],
  });
}

/** "前言" → "前　言", as official headings of two characters are set. */
function spaced(word: string) {
  return [...word].length === 2 ? [...word].join("　") : word;
}

/** The bulletin as DOCX bytes. */
export async function renderBulletinDocx(model: BulletinModel, options: DocxOptions = {}): Promise<Buffer> {
  const doc = await bulletinToDocxDocument(model, options);
  return Packer.toBuffer(doc, false, [{ path: "word/fontTable.xml", data: fontTableXml() }]);
}
