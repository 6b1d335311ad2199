import { afterEach, describe, expect, it } from "vitest";
import { bulletinPrintHtml, findChromium, readPdfStructure } from "./pdf.server";
import { renderBulletinModel } from "./render-model";

/** A PDF as Chromium writes one: classic xref, a two-level page tree, named destinations in the catalog. */
function pdfWith(objects: string[]): Buffer {
  let out = "%PDF-1.7\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<</Size ${objects.length + 1}\n/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(out, "latin1");
}

describe("readPdfStructure", () => {
  it("finds the page of each named destination through a nested page tree", () => {
    const pdf = pdfWith([
      "<</Type /Catalog\n/Pages 2 0 R\n/Dests 3 0 R>>",
      "<</Type /Pages\n/Count 3\n/Kids [4 0 R 5 0 R]\n/MediaBox [0 0 595 842]>>",
      "<</case-1 [7 0 R /XYZ 6 828.5 0]\n/category#2D2 [8 0 R /XYZ 6 800 0]>>",
      "<</Type /Pages\n/Count 1\n/Kids [6 0 R]\n/Parent 2 0 R>>",
      "<</Type /Pages\n/Count 2\n/Kids [7 0 R 8 0 R]\n/Parent 2 0 R>>",
      "<</Type /Page\n/Parent 4 0 R>>",
      "<</Type /Page\n/Parent 5 0 R>>",
      "<</Type /Page\n/Parent 5 0 R\n/MediaBox [0 0 595 600]>>",
    ]);
    const structure = readPdfStructure(pdf);
    expect(structure.pageCount).toBe(3);
    expect(structure.pageHeights).toEqual([842, 842, 600]);
    expect([...structure.destinations]).toEqual([
      ["case-1", { page: 2, top: 828.5 }],
      ["category-2", { page: 3, top: 800 }],
    ]);
  });

  it("refuses what it cannot read rather than guess", () => {
    expect(() => readPdfStructure(Buffer.from("%PDF-1.7\nnothing here"))).toThrow(/startxref/);
  });
});

describe("bulletinPrintHtml", () => {
  it("is a complete page with the stylesheet and the front matter marked unnumbered, user text escaped", () => {
    const model = renderBulletinModel({ title: "标题</title><script>x</script>", preface: [], categories: [] });
    const html = bulletinPrintHtml(model, [], {});
    expect(html.startsWith('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>标题&lt;/title&gt;&lt;script&gt;')).toBe(true);
    expect(html).not.toContain("<script>");
    expect(html).toContain("@page bulletin-front { counter-reset: page 0;");
    expect(html).toContain('@bottom-center { content: "— " counter(page) " —"');
  });
});

describe("findChromium", () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it("CHROMIUM_PATH=off turns PDF export off", () => {
    process.env.CHROMIUM_PATH = "off";
    expect(findChromium()).toBeNull();
  });

  it("skips a CHROMIUM_PATH that does not exist, as the tests' own lookup does", () => {
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    expect(findChromium()).not.toBe("/nonexistent/chromium");
  });
});
