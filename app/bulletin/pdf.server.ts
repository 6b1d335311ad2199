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
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { chromium } from "playwright-core";
import { BULLETIN_CSS, BulletinDocument, type BulletinErratum } from "./BulletinDocument";
import type { BulletinModel } from "./render-model";

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
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    // playwright-core without a downloaded browser
  }
  return null;
}

function escapeHtml(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The page Chromium prints: the bulletin's markup and stylesheet, page numbers in the 目录 when known. */
export function bulletinPrintHtml(model: BulletinModel, errata: readonly BulletinErratum[], pageNumbers: Readonly<Record<string, number>>): string {
  const body = renderToStaticMarkup(createElement(BulletinDocument, { model, errata, pageNumbers }));
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(model.title)}</title><style>${BULLETIN_CSS}</style></head><body>${body}</body></html>`;
}

// ---------------------------------------------------------------------------------------------
// Reading a PDF's page tree and named destinations (what Chromium/Skia writes: a classic xref
// table, uncompressed dictionaries, /Dests in the catalog).

export type PdfDestination = { page: number; top: number };
export type PdfStructure = { pageCount: number; pageHeights: number[]; destinations: Map<string, PdfDestination> };

export function readPdfStructure(pdf: Uint8Array): PdfStructure {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  const offsets = new Map<number, number>();
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!startxref) throw new Error("PDF: no startxref");
  const xref = /^xref\s+/.exec(text.slice(Number(startxref[1])));
  if (!xref) throw new Error("PDF: cross-reference streams are not supported");
  let pos = Number(startxref[1]) + xref[0].length;
  for (;;) {
    const head = /^(\d+) (\d+)\s+/.exec(text.slice(pos, pos + 40));
    if (!head) break;
    pos += head[0].length;
    const first = Number(head[1]);
    for (let i = 0; i < Number(head[2]); i++) {
      const entry = /^(\d{10}) (\d{5}) ([nf])\s*/.exec(text.slice(pos, pos + 24))!;
      if (entry[3] === "n") offsets.set(first + i, Number(entry[1]));
      pos += entry[0].length;
    }
  }
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(text.slice(pos))?.[1] ?? "";
  const object = (num: number): string => {
    const at = offsets.get(num);
    if (at === undefined) throw new Error(`PDF: object ${num} missing`);
    const rest = text.slice(at);
    const end = Math.min(...["endobj", "stream"].map((k) => rest.indexOf(k)).filter((i) => i >= 0));
    return rest.slice(0, end).replace(/^\d+ \d+ obj/, "");
  };
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+) \\d+ R`).exec(dict);
    return m ? Number(m[1]) : null;
  };

  const catalog = object(ref(trailer, "Root")!);
  const pages: number[] = [];
  const heights: number[] = [];
  const walk = (num: number, inheritedBox: string | null) => {
    const node = object(num);
    const box = /\/MediaBox\s*\[([^\]]*)\]/.exec(node)?.[1] ?? inheritedBox;
    if (/\/Type\s*\/Pages\b/.test(node)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? "";
      for (const m of kids.matchAll(/(\d+) \d+ R/g)) walk(Number(m[1]), box);
    } else {
      pages.push(num);
      const values = (box ?? "0 0 595 842").trim().split(/\s+/).map(Number);
      heights.push(values[3] - values[1]);
    }
  };
  walk(ref(catalog, "Pages")!, null);

  const destinations = new Map<string, PdfDestination>();
  const destsRef = ref(catalog, "Dests");
  const dests = destsRef !== null ? object(destsRef) : (/\/Dests\s*<<([\s\S]*?)>>/.exec(catalog)?.[1] ?? "");
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) \d+ R\s*\/XYZ\s+(-?[\d.]+)\s+(-?[\d.]+)/g)) {
    const name = m[1].replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const index = pages.indexOf(Number(m[2]));
    if (index >= 0) destinations.set(name, { page: index + 1, top: Number(m[4]) });
  }
  return { pageCount: pages.length, pageHeights: heights, destinations };
}

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
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
    try {
      const page = await browser.newPage();
      let numbers: Record<string, number> = {};
      for (let pass = 1; pass <= 4; pass++) {
        await page.setContent(bulletinPrintHtml(model, errata, numbers), { waitUntil: "load" });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
        const structure = readPdfStructure(pdf);
        const found = bulletinPageNumbers(structure, anchors);
        if (pass > 1 && sameNumbers(found.numbers, numbers)) {
          return { pdf, pageNumbers: numbers, absolutePages: found.absolute, pageCount: structure.pageCount, passes: pass };
        }
        numbers = found.numbers;
      }
      throw new Error("PDF page numbers did not settle after 4 passes");
    } finally {
      await browser.close();
    }
  });
}
