/**
 * The third batch printed as the ministry printed it, read back from the printed files themselves:
 * our PDF (text and footer number of every page, fonts, document properties) and our DOCX as
 * LibreOffice renders it. The official layout these figures come from: docs/official-layout.md.
 * One PDF per file (the export cache), one LibreOffice run.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { exportBulletin } from "~/batches/exports.server";
import { getBatchByNumber, type BatchRow } from "~/bulletin/bulletins.server";
import { CHARS_PER_LINE, LINES_PER_PAGE } from "~/bulletin/layout";
import { findChromium } from "~/bulletin/pdf.server";
import { pdfPageTexts } from "~/bulletin/pdf-pages.server";
import { missingSentences } from "~/bulletin/sentences";
import { MAPPED_POSTSCRIPT_NAMES } from "~/bulletin/typefaces";
import { missingStandIns } from "~/bulletin/typefaces.server";
import { getDb } from "~/db/db.server";
import { layoutStrings } from "~/layout/strings";
import { findSoffice, libreOfficePdf, officialToc, pdfFonts, printedPages, startPage, type PrintedPage } from "../support/printed-bulletin";
import { useTestDatabase } from "../support/database";

await useTestDatabase();

const ORIGINAL = fs.readFileSync("db/seed/third-batch.md", "utf8");
const OFFICIAL = officialToc(ORIGINAL);
const chromium = findChromium();
const soffice = findSoffice();
if (!chromium) console.warn("bulletin-print.test: no Chromium (CHROMIUM_PATH, /usr/bin/chromium or Playwright's) — the PDF checks are skipped.");
if (!soffice) console.warn("bulletin-print.test: LibreOffice (soffice) is not installed (apt-get install libreoffice-writer-nogui) — the DOCX rendering checks are skipped.");

let batch: BatchRow;
beforeAll(async () => {
  batch = (await getBatchByNumber(getDb(), 3))!;
});

/** Ours against the official 目录: entry, official page, ours. */
function startsAgainstOfficial(pages: readonly PrintedPage[]) {
  return OFFICIAL.map((entry) => ({ title: entry.title, official: entry.page, ours: startPage(pages, entry.title)?.printed ?? null }));
}

/** The lines of a PDF page (PDFium's text, one line per printed line), CJK characters counted. */
const cjkLength = (line: string) => [...line.replace(/\s+/g, "")].filter((c) => !/[\x20-\x7e]/.test(c)).length;

function expectOfficialPagination(pages: readonly PrintedPage[], what: string) {
  const starts = startsAgainstOfficial(pages);
  console.log(`${what}: ${starts.map((s) => `${s.ours ?? "?"}/${s.official}`).join(" ")} (ours/official)`);
  expect(starts).toHaveLength(14);
  for (const s of starts) {
    expect(s.ours, `${what}: “${s.title}” starts on printed page ${s.ours}, the official 目录 says ${s.official}`).not.toBeNull();
    expect(Math.abs(s.ours! - s.official), `${what}: “${s.title}” on ${s.ours}, official ${s.official}`).toBeLessThanOrEqual(1);
  }
}

describe.skipIf(!chromium)("the third batch as PDF", () => {
  let pdf: Buffer;
  let pages: PrintedPage[];
  let lines: string[][];

  beforeAll(async () => {
    pdf = (await exportBulletin(getDb(), batch, "pdf")).body;
    pages = await printedPages(pdf);
    lines = (await pdfPageTexts(pdf)).map((t) => t.split(/\r?\n/).filter((l) => l.trim() && !/^—\s*\d+\s*—$/.test(l.trim())));
  }, 240_000);

  it("starts every category and case within ±1 printed page of the official 目录 (read from the PDF's own footers)", () => {
    expectOfficialPagination(pages, "PDF");
    // The front matter (cover, 前言, 目录) is unnumbered; the first category page is page 1.
    expect(pages[0]!.printed).toBeNull();
    expect(startPage(pages, "产业生态体系建设")!.printed).toBe(1);
    const numbered = pages.filter((p) => p.printed !== null);
    expect(numbered.map((p) => p.printed)).toEqual(numbered.map((_, i) => i + 1));
  });

  it("holds the official 21 characters a line and 22 lines a page", () => {
    const first = pages.findIndex((p) => p.printed === 1);
    const lengths = lines.slice(first).flat().map(cjkLength);
    // (PDFium's text breaks a few lines in two at quotation marks: lengths, not line counts, are exact.)
    expect(Math.max(...lengths)).toBe(CHARS_PER_LINE);
    expect(lengths.filter((n) => n === CHARS_PER_LINE).length / lengths.length).toBeGreaterThan(0.5);
    // A page of running text holds 22 full lines: at most 22 × 21 characters, and some page nearly that.
    const width = (text: string) => [...text].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? 0.5 : 1), 0);
    const perPage = pages.slice(first).map((p) => width(p.text));
    expect(Math.max(...perPage)).toBeLessThanOrEqual(LINES_PER_PAGE * CHARS_PER_LINE);
    expect(Math.max(...perPage)).toBeGreaterThan((LINES_PER_PAGE - 1) * CHARS_PER_LINE);
  });

  it("indents the first line of paragraphs led by a bold phrase like any other", () => {
    const all = lines.flat().map((l) => l.replace(/\s+/g, ""));
    for (const lead of ["打造穗港全科诊疗服务。", "推动“港澳药械通”政策全流程落地。", "三是以园区化推动沉浸式剧本秀全产业链发展。"]) {
      const first = all.find((l) => l.startsWith(lead.slice(0, 6)));
      expect(first, lead).toBeDefined();
      expect(cjkLength(first!), `${lead}: ${first}`).toBeLessThanOrEqual(CHARS_PER_LINE - 2);
    }
  });

  it("embeds every font by name, each one of the mapped faces — no unnamed Type 3", async (ctx) => {
    const missing = await missingStandIns();
    if (missing.length) {
      console.warn(`bulletin-print.test: stand-in faces not installed (${missing.map((t) => `${t.standIn.family} ${t.standIn.style}: ${t.standIn.debianPackage}`).join("; ")}) — font check skipped.`);
      return ctx.skip();
    }
    const fonts = await pdfFonts(pdf);
    expect(fonts.filter((f) => f.subtype === "Type3")).toEqual([]);
    expect(fonts.length).toBeGreaterThanOrEqual(5);
    for (const f of fonts) expect(MAPPED_POSTSCRIPT_NAMES, `${f.name} (${f.subtype})`).toContain(f.name);
    // Every role's stand-in is in use: title, 黑体, 楷体, 仿宋, page numbers, Latin.
    expect(new Set(fonts.map((f) => f.name))).toEqual(new Set(["NotoSerifCJKsc-Bold", "NotoSansCJKsc-Medium", "GBZenKai-Medium", "FandolFang-Regular", "NotoSerifCJKsc-Regular", "LiberationSerif"]));
  });

  it("names the batch as its title, the programme as its author and this application as its creator", async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe("第三批最佳实践案例");
    expect(doc.getAuthor()).toBe(layoutStrings.appSubtitle);
    expect(doc.getCreator()).toBe(layoutStrings.appName);
    expect(doc.getSubject()).toBe("国家服务业扩大开放综合试点示范建设第三批最佳实践案例");
    expect(doc.getProducer()).toMatch(/Skia/);
  });
});

describe.skipIf(!soffice)("the third batch as DOCX, rendered by LibreOffice", () => {
  let pages: PrintedPage[];
  let lines: string[];

  beforeAll(async () => {
    const docx = (await exportBulletin(getDb(), batch, "docx")).body;
    const pdf = await libreOfficePdf(docx, soffice!);
    pages = await printedPages(pdf);
    // The body's lines (the 目录's entries, with their leaders, are longer).
    const first = pages.findIndex((p) => p.printed === 1);
    lines = (await pdfPageTexts(pdf)).slice(first).flatMap((t) => t.split(/\r?\n/)).map((l) => l.replace(/\s+/g, ""));
  }, 300_000);

  it("starts every category and case within ±1 printed page of the official 目录", () => {
    expectOfficialPagination(pages, "DOCX (LibreOffice)");
  });

  it("loses no sentence of the third batch — no line-end punctuation either", () => {
    expect(missingSentences(ORIGINAL, pages.map((p) => p.text).join(""))).toEqual([]);
    // The comma LibreOffice used to drop when it hung it at the end of a justified line.
    expect(pages.map((p) => p.text).join("")).toContain("较前有所拓展，既体现");
  });

  it("indents bold-led paragraphs and sets 21 characters a line", () => {
    const first = lines.find((l) => l.startsWith("打造穗港全科"));
    expect(first).toBeDefined();
    expect(cjkLength(first!)).toBeLessThanOrEqual(CHARS_PER_LINE - 2);
    expect(Math.max(...lines.map(cjkLength))).toBe(CHARS_PER_LINE);
  });
});
