/**
 * The bulletin as a Word document (DOCX), from the shared render model, set as the PDF is set
 * (`layout.ts`, `typefaces.ts`), so Word, WPS and LibreOffice paginate it as the printed bulletin:
 *
 * - A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (GB/T 9704); exact 28.95 pt lines
 *   (579 twips: 22 lines on the 225 mm type area); 三号 body with 5 pt character spacing, so a line
 *   holds 21 characters as the official pages do; page numbers "— 1 —" (宋体 四号) centred in the
 *   footer, counted from the first category page.
 * - Cover and category titles 方正小标宋简体 一号; 前言 and 目录 headings 方正小标宋简体 二号; case
 *   title (Heading 2) 方正小标宋简体 二号 on one line pitch, centred — the same styles as the PDF.
 * - Section headings 一、 黑体 三号, item headings （一） 楷体_GB2312 三号, not indented, one blank line
 *   before each group of headings; body 仿宋_GB2312 三号, first line indented two characters (42 pt:
 *   the indent is written in twips, because Word's character units ignore the character spacing),
 *   justified, no widow control (the official pages carry single lines over); bold lead phrases in 黑体.
 * - `w:overflowPunct` set so that LibreOffice does not hang (and lose) line-end punctuation — see
 *   `withParagraphDefaults`.
 * - 目录: a real Word TOC field (`TOC \h \o "1-2"`) over Heading 1 (category) and Heading 2
 *   (case title), pre-filled with the entries so it is not empty before Word updates it;
 *   `updateFields` makes Word refresh it (and its page numbers) when the document opens.
 *
 * Fonts. Runs name the official faces as their East Asian font (`w:eastAsia`) and Times New Roman
 * for Latin text and figures. Where a face is missing, Word substitutes the `w:altName` the font
 * table gives it (`word/fontTable.xml`: 仿宋, 楷体, SimHei, 宋体 — the faces Windows ships), then its
 * own match by charset and panose. LibreOffice asks fontconfig, which `typefaces.server.ts`
 * configures to hand out the free stand-ins (FandolFang, AR PL KaitiM GB, Noto CJK).
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
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { CASE_STRINGS } from "~/cases/content/strings";
import { BULLETIN_DOCUMENT_STRINGS, type BulletinErratum } from "./BulletinDocument";
import { bulletinMetadata, DIVIDER_TOP_MM, INDENT_PT, LETTER_SPACING_PT, LINE_PT, mmToTwips, PAGE as PAGE_MM, SIZE_PT, halfPoints, twips } from "./layout";
import type { BulletinModel, CaseRenderModel, Run } from "./render-model";
import { titleLines } from "./titles";
import { TYPEFACES, type TypefaceRole } from "./typefaces";

/** The font table: each official face with the substitute Word uses where it is missing (w:altName). */
export const DOCX_FONTS = Object.fromEntries(
  (["title", "hei", "kai", "fangsong", "song"] as const).map((role) => {
    const t = TYPEFACES[role];
    return [role, { name: t.official.name, ...t.official.word, pitch: "variable" }];
  }),
) as Record<Exclude<TypefaceRole, "latin">, { name: string; altName: string; charset: string; panose: string; family: string; pitch: string }>;
const LATIN = TYPEFACES.latin.official;

type FontKey = keyof typeof DOCX_FONTS;
const font = (key: FontKey) => ({ ascii: LATIN.name, hAnsi: LATIN.name, cs: LATIN.name, eastAsia: DOCX_FONTS[key].name });

/** Sizes in half-points: 一号 26 pt, 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const SIZE = { yihao: halfPoints(SIZE_PT.yihao), erhao: halfPoints(SIZE_PT.erhao), sanhao: halfPoints(SIZE_PT.sanhao), sihao: halfPoints(SIZE_PT.sihao) } as const;
/** The line pitch, 579 twips. */
const LINE = twips(LINE_PT);
/** Character spacing of the body and its headings (twips): 21 characters a line. */
const TRACKING = twips(LETTER_SPACING_PT);
const exact = (lines: number) => ({ line: lines * LINE, lineRule: LineRuleType.EXACT });

const STYLE = { body: "BulletinBody", section: "BulletinSection", item: "BulletinItem", front: "BulletinFrontHeading", cover: "BulletinCover" } as const;

function xmlEscape(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** word/fontTable.xml naming each font with its substitute, charset GB2312 (86) and panose. */
export function fontTableXml(): string {
  const fonts = [...Object.values(DOCX_FONTS), { name: LATIN.name, ...LATIN.word, pitch: "variable" }];
  const body = fonts
    .map(
      (f) =>
        `<w:font w:name="${xmlEscape(f.name)}"><w:altName w:val="${xmlEscape(f.altName)}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${body}</w:fonts>`;
}

/** Bold lead phrases in 黑体, as the PDF sets them (no free 仿宋 has a bold weight). */
function textRuns(runs: readonly Run[], base: IRunOptions = {}): TextRun[] {
  return runs.map((r) => new TextRun({ ...base, text: r.text, ...(r.bold ? { font: font("hei") } : {}) }));
}

/** Widow control off on each paragraph too (the docx library has no style slot for it). */
const FLOW = { widowControl: false } as const;

const bodyParagraph = (runs: readonly Run[]) => new Paragraph({ style: STYLE.body, ...FLOW, children: textRuns(runs) });

/** The bookmark a 目录 entry links to: "_Toc" marks it as Word's own (hidden) kind. */
export const tocBookmark = (anchor: string) => `_Toc_${anchor.replace(/[^A-Za-z0-9]/g, "_")}`;

function caseParagraphs(model: CaseRenderModel & { anchor: string }): Paragraph[] {
  const out: Paragraph[] = [];
  let afterHeading = false;
  for (const block of model.blocks) {
    if (block.kind === "caseTitle") {
      out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, pageBreakBefore: true, ...FLOW, children: [new Bookmark({ id: tocBookmark(model.anchor), children: [new TextRun(block.text)] })] }));
    } else if (block.kind === "heading") {
      // One blank line before a group of headings (一、 with the （一） under it), none inside it.
      out.push(
        new Paragraph({
          style: block.level === 1 ? STYLE.section : STYLE.item,
          ...FLOW,
          ...(afterHeading ? { spacing: { before: 0 } } : {}),
          children: [new TextRun(`${block.number}${block.text}`)],
        }),
      );
    } else {
      out.push(bodyParagraph(block.runs));
    }
    afterHeading = block.kind === "heading";
  }
  return out;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function pageNumberFooter() {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ font: { ascii: DOCX_FONTS.song.name, hAnsi: DOCX_FONTS.song.name, eastAsia: DOCX_FONTS.song.name }, size: SIZE.sihao, characterSpacing: 0, children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

/** Where the docx library puts a 目录 entry's right tab stop (its default text width). */
const TOC_TAB_POSITION = 9025;

/** A4 and the margins of GB/T 9704 (37 / 35 / 28 / 26 mm), in twips; the page number 7 mm below the type area. */
const PAGE = {
  size: { width: mmToTwips(PAGE_MM.widthMm), height: mmToTwips(PAGE_MM.heightMm) },
  margin: {
    top: mmToTwips(PAGE_MM.marginMm.top),
    bottom: mmToTwips(PAGE_MM.marginMm.bottom),
    left: mmToTwips(PAGE_MM.marginMm.left),
    right: mmToTwips(PAGE_MM.marginMm.right),
    header: convertMillimetersToTwip(15),
    footer: convertMillimetersToTwip(PAGE_MM.marginMm.bottom - 7) - twips(SIZE_PT.sihao * 1.3),
  },
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
    ...titleLines(model.title).map((line, i) => new Paragraph({ style: STYLE.cover, spacing: i === 0 ? { before: convertMillimetersToTwip(60) } : undefined, children: [new TextRun(line)] })),
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

  const meta = bulletinMetadata(model.title);
  return new Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    lastModifiedBy: meta.creator,
    description: meta.subject,
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: { font: font("fangsong"), size: SIZE.sanhao, language: { value: "en-US", eastAsia: "zh-CN" } },
          paragraph: { spacing: { ...exact(1), before: 0, after: 0 } },
        },
        // Category: its own page, a third down, 小标宋 一号 — as the PDF's divider pages.
        heading1: {
          run: { font: font("title"), size: SIZE.yihao, bold: false, color: "000000" },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: mmToTwips(DIVIDER_TOP_MM), after: 0, ...exact(2) }, keepNext: true, outlineLevel: 0 },
        },
        // Case title: 小标宋 二号 on one line pitch, no space after (as the official first pages).
        heading2: {
          run: { font: font("title"), size: SIZE.erhao, bold: false, color: "000000" },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0, ...exact(1) }, keepNext: true, outlineLevel: 1 },
        },
      },
      paragraphStyles: [
        {
          id: STYLE.body,
          name: "Bulletin Body",
          basedOn: "Normal",
          quickFormat: true,
          run: { font: font("fangsong"), size: SIZE.sanhao, characterSpacing: TRACKING },
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: twips(INDENT_PT) }, spacing: exact(1) },
        },
        {
          id: STYLE.section,
          name: "Bulletin Section Heading",
          basedOn: "Normal",
          next: STYLE.body,
          quickFormat: true,
          run: { font: font("hei"), size: SIZE.sanhao, characterSpacing: TRACKING },
          paragraph: { spacing: { before: LINE, after: 0, ...exact(1) }, keepNext: true, outlineLevel: 2 },
        },
        {
          id: STYLE.item,
          name: "Bulletin Item Heading",
          basedOn: "Normal",
          next: STYLE.body,
          quickFormat: true,
          run: { font: font("kai"), size: SIZE.sanhao, characterSpacing: TRACKING },
          paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { before: LINE, after: 0, ...exact(1) }, keepNext: true, outlineLevel: 3 },
        },
        {
          id: STYLE.front,
          name: "Bulletin Front Heading",
          basedOn: "Normal",
          next: STYLE.body,
          run: { font: font("title"), size: SIZE.erhao },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: LINE, ...exact(1) } },
        },
        {
          id: STYLE.cover,
          name: "Bulletin Cover Title",
          basedOn: "Normal",
          run: { font: font("title"), size: SIZE.yihao },
          paragraph: { alignment: AlignmentType.CENTER, spacing: exact(2) },
        },
        {
          id: "TOC1",
          name: "toc 1",
          basedOn: "Normal",
          next: "Normal",
          run: { font: font("hei"), size: SIZE.sanhao },
          paragraph: { spacing: exact(1) },
        },
        {
          id: "TOC2",
          name: "toc 2",
          basedOn: "Normal",
          next: "Normal",
          run: { font: font("fangsong"), size: SIZE.sanhao },
          paragraph: { indent: { left: twips(2 * SIZE_PT.sanhao) }, spacing: exact(1) },
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

/** docProps/app.xml: the application that made the document. */
export function appPropertiesXml(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>${xmlEscape(bulletinMetadata("").creator)}</Application></Properties>`;
}

/**
 * Paragraph defaults the docx library cannot write, into the document defaults so every paragraph
 * (the 目录's too) has them: widow control off, and `w:overflowPunct` on.
 *
 * Why on: LibreOffice (7.4, measured) reads the element inverted — `w:val="1"` turns its hanging
 * punctuation off, "0" or no element turns it on — and in a justified line it then drops the
 * punctuation it hangs (the issue's five lost marks, e.g. after "较前有所拓展"). Word reads "1" as
 * "allow punctuation to overflow the margin" (允许标点溢出边界), Chinese Word's default, where the
 * mark hangs visibly and nothing is lost. exports.test checks every sentence survives LibreOffice.
 */
export function withParagraphDefaults(stylesXml: string): string {
  const patched = stylesXml.replace("<w:pPrDefault><w:pPr>", '<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:overflowPunct w:val="1"/>');
  if (patched === stylesXml) throw new Error("DOCX: no paragraph defaults in styles.xml");
  return patched;
}

/** The bulletin as DOCX bytes. */
export async function renderBulletinDocx(model: BulletinModel, options: DocxOptions = {}): Promise<Buffer> {
  const doc = await bulletinToDocxDocument(model, options);
  const packed = await Packer.toBuffer(doc, false, [
    { path: "word/fontTable.xml", data: fontTableXml() },
    { path: "docProps/app.xml", data: appPropertiesXml() },
  ]);
  const files = unzipSync(packed);
  files["word/styles.xml"] = strToU8(withParagraphDefaults(strFromU8(files["word/styles.xml"])));
  return Buffer.from(zipSync(files, { level: 6 }));
}
