/**
 * The bulletin as PDF, printed by headless Chromium (playwright-core) from the same
 * `BulletinDocument` markup and stylesheet as the web page's print view, with the 目录's page
 * numbers filled in.
 *
 * How the 目录 gets its page numbers: every 目录 entry links to its anchor (`#category-1`,
 * `#case-3`), and Chromium writes each link target into the PDF as a named destination naming the
 * page it is on. So: print once with the page numbers blank (the room for them is reserved, so the
 * layout does not change when they are filled in), read the named destinations back from the PDF
 * (`pdfDestinations`: catalog → /Dests → page object → its index in the page tree), turn them into
 * the bulletin's page numbers, print again with them, and check the second PDF puts every anchor
 * on the same page (else repeat, at most three times). Page numbers count from the first category
 * page, as the printed bulletin does: the cover, 前言 and 目录 are unnumbered front matter (a CSS
 * named page that resets the page counter), the footer "— n —" is a CSS page-margin box — both in
 * the bulletin's own print stylesheet, so printing the web page numbers its pages the same way.
 *
 * Chromium runs in its own process, so rendering never blocks this server's event loop; renders are
 * queued one at a time so a burst of downloads cannot start a browser each.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
// playwright-core (~70 MB resident) and pdf-lib are loaded when a PDF is made, not by every server
// process that merely imports this module through the routes (issue #14: memory per worker).
const loadChromium = async () => (await import("playwright-core")).chromium;
import { BulletinDocument, type BulletinErratum } from "./BulletinDocument";
import { BULLETIN_CSS, bulletinCss } from "./bulletin-style";
import { bulletinMetadata } from "./layout";
import { fontsLoaded, preparePrintTypefaces } from "./print-typefaces.server";
import type { BulletinModel } from "./render-model";
import type { TypefaceRole } from "./typefaces";

export const PDF_STRINGS = {
  unavailable: "服务器上没有可用的 Chromium 浏览器，暂时无法生成 PDF。请联系管理员安装 Chromium（或设置 CHROMIUM_PATH），或先下载 Word 版。",
  failed: "生成 PDF 失败，请稍后重试。",
} as const;

/** No browser to print with: the route answers 503 with this message. */
export class PdfUnavailable extends Error {
  constructor() {
    super(PDF_STRINGS.unavailable);
  }
}

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * The browser the tests use too: CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own
 * download. `CHROMIUM_PATH=off` turns PDF export off (the download answers 503).
 */
export function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH === "off") return null;
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium"]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  try {
    // Synchronous, and only when neither CHROMIUM_PATH nor /usr/bin/chromium exists.
    const own = (createRequire(import.meta.url)("playwright-core") as typeof import("playwright-core")).chromium.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    // playwright-core without a downloaded browser
  }
  return null;
}

function escapeHtml(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The page Chromium prints: the bulletin's markup and stylesheet, page numbers in the 目录 when
 * known, and the @font-face rules of the print typefaces (without them, the installed stand-ins).
 */
export function bulletinPrintHtml(model: BulletinModel, errata: readonly BulletinErratum[], pageNumbers: Readonly<Record<string, number>>, fontFaces?: string): string {
  const body = renderToStaticMarkup(createElement(BulletinDocument, { model, errata, pageNumbers }));
  const css = fontFaces === undefined ? BULLETIN_CSS : bulletinCss(fontFaces);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(model.title)}</title><style>${css}</style></head><body>${body}</body></html>`;
}

/**
 * The document properties Chromium cannot set (it writes the HTML title and its user agent as the
 * creator): title 第N批最佳实践案例, the programme as author, this application as creator, with
 * pdf-lib. Chromium's producer line (Skia/PDF) stays, and the cross-reference table stays classic.
 */
export async function withBulletinMetadata(pdf: Uint8Array, title: string): Promise<Buffer> {
  const meta = bulletinMetadata(title);
  const { PDFDocument } = await import("pdf-lib");
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setCreator(meta.creator);
  doc.setLanguage(meta.language);
  return Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}

export { readPdfStructure, type PdfDestination, type PdfStructure } from "./pdf-structure.server";
import { readPdfStructure, type PdfStructure } from "./pdf-structure.server";

// ---------------------------------------------------------------------------------------------

/** One render at a time: each holds a browser process. */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

export type PdfResult = {
  pdf: Buffer;
  /** The 目录's page numbers, by anchor (category-1, case-1 …), as printed. */
  pageNumbers: Record<string, number>;
  /** Absolute page (1-based, as a PDF viewer counts) of each anchor, read from the PDF itself. */
  absolutePages: Record<string, number>;
  pageCount: number;
  /** Prints it took until the page numbers were stable (2 normally). */
  passes: number;
  /** Typeface roles whose stand-in this machine lacks (the PDF used a substitute). */
  missingTypefaces: TypefaceRole[];
};

/** Bulletin page numbers from absolute pages: the first category page is page 1. */
function bulletinPageNumbers(structure: PdfStructure, anchors: readonly string[]) {
  const absolute: Record<string, number> = {};
  for (const a of anchors) {
    const d = structure.destinations.get(a);
    if (d) absolute[a] = d.page;
  }
  const first = anchors.length ? absolute[anchors[0]] : undefined;
  const numbers: Record<string, number> = {};
  if (first !== undefined) for (const [a, p] of Object.entries(absolute)) numbers[a] = p - first + 1;
  return { absolute, numbers };
}

const sameNumbers = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

export async function renderBulletinPdf(model: BulletinModel, options: { errata?: readonly BulletinErratum[]; executablePath?: string | null } = {}): Promise<PdfResult> {
  const executablePath = options.executablePath === undefined ? findChromium() : options.executablePath;
  if (!executablePath) throw new PdfUnavailable();
  const errata = options.errata ?? [];
  const anchors = model.toc.map((e) => e.anchor);
  return oneAtATime(async () => {
    const browser = await (await loadChromium()).launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
    try {
      const page = await browser.newPage();
      await page.emulateMedia({ media: "print" });
      // Laid out once with the installed faces, to learn which characters each typeface sets.
      await page.setContent(bulletinPrintHtml(model, errata, {}), { waitUntil: "load" });
      const typefaces = await preparePrintTypefaces(page);
      let numbers: Record<string, number> = {};
      for (let pass = 1; pass <= 4; pass++) {
        await page.setContent(bulletinPrintHtml(model, errata, numbers, typefaces.css), { waitUntil: "load" });
        await fontsLoaded(page);
        const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
        const structure = readPdfStructure(printed);
        const found = bulletinPageNumbers(structure, anchors);
        if (pass > 1 && sameNumbers(found.numbers, numbers)) {
          const pdf = await withBulletinMetadata(printed, model.title);
          return { pdf, pageNumbers: numbers, absolutePages: found.absolute, pageCount: structure.pageCount, passes: pass, missingTypefaces: typefaces.missing };
        }
        numbers = found.numbers;
      }
      throw new Error("PDF page numbers did not settle after 4 passes");
    } finally {
      await browser.close();
    }
  });
}
