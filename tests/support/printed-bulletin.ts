/**
 * Reading printed bulletins back: the official 目录 of the third batch (db/seed/third-batch.md),
 * a PDF's pages (text, printed page number), where each 目录 entry starts, its fonts; and a DOCX
 * rendered by LibreOffice (when it is installed: `soffice`), each run with a profile of its own.
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { pdfPageTexts } from "~/bulletin/pdf-pages.server";
import { fontconfigFile } from "~/bulletin/typefaces.server";

/** The official 目录: each entry's title (spaces removed) and printed page. */
export function officialToc(markdown: string): { title: string; page: number }[] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => l.replace(/[#\s*]/g, "") === "目录");
  const out: { title: string; page: number }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#/.test(line)) break;
    const m = /^(.*?)[\s.．…]*\t?\s*(\d+)\s*$/.exec(line.trim());
    if (m && m[1]) out.push({ title: m[1].replace(/[.．…\s]+$/, "").replace(/\s+/g, ""), page: Number(m[2]) });
  }
  return out;
}

export type PrintedPage = { index: number; printed: number | null; text: string };

/** The pages of a PDF: text without whitespace, and the number its footer "— n —" prints. */
export async function printedPages(pdf: Uint8Array): Promise<PrintedPage[]> {
  return (await pdfPageTexts(pdf)).map((raw, i) => {
    const text = raw.replace(/\s+/g, "");
    const footer = /—(\d+)—/.exec(text);
    return { index: i + 1, printed: footer ? Number(footer[1]) : null, text: text.replace(/—\d+—/, "") };
  });
}

/** The printed page on which a heading starts: the first page whose text begins with it. */
export function startPage(pages: readonly PrintedPage[], heading: string): PrintedPage | undefined {
  const key = heading.replace(/\s+/g, "");
  return pages.find((p) => p.printed !== null && p.text.startsWith(key));
}

/** Every font of a PDF: its PostScript name (subset tag removed) and subtype. */
export async function pdfFonts(pdf: Uint8Array): Promise<{ name: string | null; subtype: string }[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const fonts: { name: string | null; subtype: string }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Type")) !== PDFName.of("Font")) continue;
    const subtype = String(object.get(PDFName.of("Subtype")) ?? "").replace(/^\//, "");
    if (subtype === "CIDFontType2" || subtype === "CIDFontType0") continue; // descendants of a Type0 font
    const base = object.get(PDFName.of("BaseFont"));
    fonts.push({ name: base ? String(base).replace(/^\//, "").replace(/^[A-Z]{6}\+/, "") : null, subtype });
  }
  return fonts;
}

export function findSoffice(): string | null {
  for (const name of ["soffice", "libreoffice"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim() || null;
    } catch {
      // not on PATH
    }
  }
  return null;
}

/**
 * A DOCX as LibreOffice prints it to PDF, with the fontconfig setup that maps the official face
 * names to the stand-ins. Each run gets its own user profile, so runs never share (or lock) one.
 */
export async function libreOfficePdf(docx: Uint8Array, soffice: string): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pilot-lo-"));
  try {
    const input = path.join(dir, "bulletin.docx");
    fs.writeFileSync(input, docx);
    await promisify(execFile)(soffice, [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, input], {
      env: { ...process.env, FONTCONFIG_FILE: fontconfigFile() },
      timeout: 180_000,
    });
    return fs.readFileSync(path.join(dir, "bulletin.pdf"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
