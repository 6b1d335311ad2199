/**
 * A PDF's pages as PNG images — the publisher's proof thumbnails — rendered by PDFium, Chromium's
 * own PDF engine, compiled to WebAssembly (@hyzyla/pdfium, MIT; PDFium BSD/Apache), and encoded
 * by fast-png (pure JS). No system package and no native build: it runs wherever Node does.
 * (MuPDF's npm build is AGPL, which would bind the whole application; poppler's pdftoppm is a
 * system dependency and a process per page.)
 *
 * Plain functions of PDF bytes, so whatever stores the exports can call them.
 */
import { PDFiumLibrary } from "@hyzyla/pdfium";
import { encode } from "fast-png";

let library: Promise<PDFiumLibrary> | null = null;
const pdfium = () => (library ??= PDFiumLibrary.init());

/** Width limits of a rendered page, in pixels. */
export const PAGE_IMAGE_WIDTH = { min: 120, max: 1600 } as const;

async function withDocument<T>(pdf: Uint8Array, use: (doc: Awaited<ReturnType<PDFiumLibrary["loadDocument"]>>) => Promise<T>): Promise<T> {
  const doc = await (await pdfium()).loadDocument(pdf);
  try {
    return await use(doc);
  } finally {
    doc.destroy();
  }
}

const png = async ({ width, height, data }: { width: number; height: number; data: Uint8Array }) => encode({ width, height, data, channels: 4 });

/** The number of pages of a PDF. */
export function pdfPageCount(pdf: Uint8Array): Promise<number> {
  return withDocument(pdf, async (doc) => doc.getPageCount());
}

/** Page `page` (1-based) of a PDF as a PNG `width` pixels wide. */
export function renderPdfPage(pdf: Uint8Array, page: number, width: number): Promise<Buffer> {
  return withDocument(pdf, async (doc) => {
    if (!Number.isInteger(page) || page < 1 || page > doc.getPageCount()) throw new RangeError(`PDF has no page ${page}`);
    const p = doc.getPage(page - 1);
    const { originalWidth, originalHeight } = p.getOriginalSize();
    const w = Math.round(Math.min(PAGE_IMAGE_WIDTH.max, Math.max(PAGE_IMAGE_WIDTH.min, width)));
    const image = await p.render({ width: w, height: Math.round((w * originalHeight) / originalWidth), render: png });
    return Buffer.from(image.data);
  });
}

/** Every page of a PDF as PNGs `width` pixels wide, in order. */
export function renderPdfThumbnails(pdf: Uint8Array, width = 240): Promise<Buffer[]> {
  return withDocument(pdf, async (doc) => {
    const out: Buffer[] = [];
    for (const p of doc.pages()) {
      const image = await p.render({ scale: width / p.getOriginalSize().originalWidth, render: png });
      out.push(Buffer.from(image.data));
    }
    return out;
  });
}

/** The text of every page, for tests and searches of a proof. */
export function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  return withDocument(pdf, async (doc) => [...doc.pages()].map((p) => p.getText()));
}
