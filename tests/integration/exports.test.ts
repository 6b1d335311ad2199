/**
 * Golden tests of the bulletin exports on the imported third batch (第三批, 11 cases): Markdown
 * round trip, DOCX contents, PDF pagination, and the download route (names, public access, 503).
 */
import fs from "node:fs";
import zlib from "node:zlib";
import { eq } from "drizzle-orm";
import { bulletinExports } from "#db/schema";
import { unzip } from "../support/zip";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { queueBulletinExport } from "~/batches/export-job.server";
import { clearExportCache, contentDisposition, exportBulletin, loadBulletinDocument } from "~/batches/exports.server";
import { fileNameFromDisposition } from "~/batches/components";
import { getBatchByNumber, type BatchRow } from "~/bulletin/bulletins.server";
import { findChromium, PdfUnavailable, readPdfStructure, renderBulletinPdf, type PdfResult } from "~/bulletin/pdf.server";
import type { BulletinModel } from "~/bulletin/render-model";
import { missingSentences } from "~/bulletin/sentences";
import { getDb } from "~/db/db.server";
import { runDueJobs } from "~/jobs/worker.server";
import { loader as downloadLoader } from "~/routes/bulletins.$number.download.$format";
import { loader as bulletinsLoader } from "~/routes/bulletins._index";
import { freshCliDatabase, runCli, tempPgliteDir } from "../support/cli";
import { useTestDatabase } from "../support/database";
import { contextFor, get, run } from "../support/requests";

/** Forget the stored exports of batch 3 and queue the job that makes them again. */
async function remakeStoredExports() {
  clearExportCache();
  await getDb().transaction(async (tx) => {
    await tx.delete(bulletinExports).where(eq(bulletinExports.batchId, batch.id));
    await queueBulletinExport(tx, batch.id);
  });
}

await useTestDatabase();

const ORIGINAL = fs.readFileSync("db/seed/third-batch.md", "utf8");
let batch: BatchRow;
let model: BulletinModel;

beforeAll(async () => {
  batch = (await getBatchByNumber(getDb(), 3))!;
  model = (await loadBulletinDocument(getDb(), batch)).model;
});
afterEach(() => clearExportCache());

/** Runs the due jobs first (the published batch's exports are made by the `bulletin.export` job), unless told not to. */
async function download(format: string, username: string | null = null, number = "3", options: { runJobs?: boolean } = {}) {
  if (options.runJobs !== false) await runDueJobs();
  const context = await contextFor(username);
  const response = (await downloadLoader({ request: get(`/bulletins/${number}/download/${format}`), context, params: { number, format } })) as Response;
  return response;
}

// ---------------------------------------------------------------------------------------------
// A minimal ZIP reader (DOCX is a ZIP): central directory → local headers → stored/deflated data.


/** The text of each paragraph of a WordprocessingML part. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => t[1])
      .join("")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">"),
  );
}

// ---------------------------------------------------------------------------------------------
// Text of a PDF page, as Chromium writes it: Flate content streams, fonts with ToUnicode CMaps
// (Type3 with one-byte codes, or Type0 with two-byte codes), /ActualText spans.

function pdfPageTexts(pdf: Buffer): string[] {
  const text = pdf.toString("latin1");
  const offsets = new Map<number, number>();
  for (const m of text.matchAll(/(?:^|\n)(\d+) 0 obj\b/g)) offsets.set(Number(m[1]), m.index! + m[0].length);
  const dict = (n: number) => {
    const at = offsets.get(n)!;
    const end = Math.min(...["endobj", "stream"].map((k) => text.indexOf(k, at)).filter((i) => i >= 0));
    return text.slice(at, end);
  };
  const stream = (n: number) => {
    const at = text.indexOf("stream", offsets.get(n)!);
    const length = Number(/\/Length (\d+)/.exec(dict(n))![1]);
    const start = at + (text[at + 6] === "\r" ? 8 : 7);
    const raw = pdf.subarray(start, start + length);
    return /\/FlateDecode/.test(dict(n)) ? zlib.inflateSync(raw) : raw;
  };
  const hexToUtf16 = (hex: string) => {
    let s = "";
    for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  const cmaps = new Map<number, { map: Map<number, string>; bytes: number }>();
  const fontMap = (n: number) => {
    let entry = cmaps.get(n);
    if (entry) return entry;
    const font = dict(n);
    const map = new Map<number, string>();
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font);
    if (toUnicode) {
      const cmap = stream(Number(toUnicode[1])).toString("latin1");
      for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
        for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1], 16), hexToUtf16(m[2]));
      }
      for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
        for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
          const lo = parseInt(m[1], 16);
          const first = parseInt(m[3], 16);
          for (let c = lo; c <= parseInt(m[2], 16); c++) map.set(c, String.fromCharCode(first + (c - lo)));
        }
      }
    }
    entry = { map, bytes: /\/Subtype\s*\/Type0/.test(font) ? 2 : 1 };
    cmaps.set(n, entry);
    return entry;
  };

  const pages: number[] = [];
  const walk = (n: number) => {
    const node = dict(n);
    if (/\/Type\s*\/Pages\b/.test(node)) for (const m of /\/Kids\s*\[([^\]]*)\]/.exec(node)![1].matchAll(/(\d+) 0 R/g)) walk(Number(m[1]));
    else pages.push(n);
  };
  const root = Number(/\/Root (\d+) 0 R/.exec(text.slice(text.lastIndexOf("trailer")))![1]);
  walk(Number(/\/Pages (\d+) 0 R/.exec(dict(root))![1]));

  return pages.map((page) => {
    const node = dict(page);
    const fonts = new Map<string, number>();
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(node)?.[1] ?? "";
    for (const m of fontDict.matchAll(/\/(\S+) (\d+) 0 R/g)) fonts.set(m[1], Number(m[2]));
    const contents = /\/Contents\s*(?:\[([^\]]*)\]|(\d+) 0 R)/.exec(node)!;
    const refs = contents[1] ? [...contents[1].matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1])) : [Number(contents[2])];
    const ops = refs.map((r) => stream(r).toString("latin1")).join("\n");
    let out = "";
    let current: { map: Map<number, string>; bytes: number } | null = null;
    const actual: (string | null)[] = [];
    const show = (hex: string) => {
      if (!current || actual.some((a) => a !== null)) return;
      for (let i = 0; i + current.bytes * 2 <= hex.length; i += current.bytes * 2) out += current.map.get(parseInt(hex.slice(i, i + current.bytes * 2), 16)) ?? "";
    };
    for (const m of ops.matchAll(/\/(\S+) [\d.]+ Tf|<([0-9a-fA-F]*)> ?Tj|\[([^\]]*)\] ?TJ|\/ActualText <([0-9a-fA-F]*)> >> ?BDC|BDC|EMC/g)) {
      if (m[1] !== undefined) current = fonts.has(m[1]) ? fontMap(fonts.get(m[1])!) : null;
      else if (m[2] !== undefined) show(m[2]);
      else if (m[3] !== undefined) for (const h of m[3].matchAll(/<([0-9a-fA-F]*)>/g)) show(h[1]);
      else if (m[4] !== undefined) {
        out += hexToUtf16(m[4].replace(/^FEFF/i, ""));
        actual.push(m[4]);
      } else if (m[0] === "BDC") actual.push(null);
      else actual.pop();
    }
    return out.replace(/\s+/g, "");
  });
}

// ---------------------------------------------------------------------------------------------

describe("Markdown", () => {
  it("round-trips the third batch: every sentence of the published text, in order", async () => {
    const response = await download("md");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    const markdown = await response.text();
    expect(missingSentences(ORIGINAL, markdown)).toEqual([]);
    expect(markdown.startsWith("# 国家服务业扩大开放综合试点示范建设第三批最佳实践案例\n")).toBe(true);
  });

  it("is named 第三批最佳实践案例.md, with an ASCII fallback (RFC 5987/6266)", async () => {
    const response = await download("md");
    const header = response.headers.get("Content-Disposition")!;
    expect(header).toBe(`attachment; filename="bulletin-3.md"; filename*=UTF-8''${encodeURIComponent("第三批最佳实践案例.md")}`);
    expect(fileNameFromDisposition(header, "x")).toBe("第三批最佳实践案例.md");
    expect(contentDisposition("第四批（校样）.pdf", "b.pdf")).toBe(`attachment; filename="b.pdf"; filename*=UTF-8''%E7%AC%AC%E5%9B%9B%E6%89%B9%EF%BC%88%E6%A0%A1%E6%A0%B7%EF%BC%89.pdf`);
  });
});

describe("DOCX", () => {
  let files: Map<string, Buffer>;
  let body: string[];
  let documentXml: string;

  beforeAll(async () => {
    const response = await download("docx");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(fileNameFromDisposition(response.headers.get("Content-Disposition"), "")).toBe("第三批最佳实践案例.docx");
    files = unzip(Buffer.from(await response.arrayBuffer()));
    documentXml = files.get("word/document.xml")!.toString("utf8");
    body = paragraphs(documentXml);
  }, 120_000);

  it("contains every case title as a Heading 2 and every category as a Heading 1", () => {
    const headings = [...documentXml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="(Heading[12])"\/>[\s\S]*?<\/w:p>/g)].map((m) => [m[1], paragraphs(m[0])[0]]);
    const expected = model.categories.flatMap((c) => [["Heading1", c.name], ...c.cases.map((x) => ["Heading2", x.title])]);
    expect(headings).toEqual(expected);
    expect(expected.filter(([s]) => s === "Heading2")).toHaveLength(11);
  });

  it("prints every heading with its generated numbering (一、主要做法, （一）…) and every paragraph", () => {
    for (const c of model.categories.flatMap((cat) => cat.cases)) {
      for (const block of c.blocks) {
        const text = block.kind === "heading" ? `${block.number}${block.text}` : block.kind === "caseTitle" ? block.text : block.runs.map((r) => r.text).join("");
        expect(body, `${c.title}: ${text.slice(0, 30)}`).toContain(text);
      }
    }
    expect(body.filter((p) => p === "一、主要做法")).toHaveLength(11);
    expect(body).toContain("（一）先行先试深化文化服务领域改革开放。");
  });

  it("has a real TOC field over the heading styles, with Word asked to update fields", () => {
    expect(documentXml).toMatch(/<w:instrText[^>]*>TOC (?:\\[a-z] )*\\o &quot;1-2&quot;<\/w:instrText>/);
    expect(files.get("word/settings.xml")!.toString("utf8")).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/);
  });

  it("pre-fills the TOC entries with the PDF's page numbers, linked to bookmarks on the headings", async () => {
    if (!findChromium()) return expect(documentXml).toContain('w:anchor="_Toc');
    const { pageNumbers } = await renderBulletinPdf(model);
    for (const entry of model.toc) {
      expect(body, entry.text).toContain(`${entry.text}${pageNumbers[entry.anchor]}`);
      expect(documentXml).toContain(`<w:bookmarkStart w:name="_Toc_${entry.anchor.replace("-", "_")}"`);
    }
  }, 120_000);

  it("sets the official fonts with their fallbacks, A4 with official margins, page numbers in the footer", () => {
    const styles = files.get("word/styles.xml")!.toString("utf8");
    for (const name of ["仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"]) expect(styles).toContain(`w:eastAsia="${name}"`);
    expect(styles).toMatch(/<w:sz w:val="32"\/>/); // 三号 16 pt
    // First lines indented two characters of the 21-character line (42 pt), in twips: Word's
    // character units would ignore the 5 pt character spacing.
    expect(styles).toContain('<w:ind w:firstLine="840"/>');
    expect(styles).toContain('<w:spacing w:val="100"/>');
    expect(styles).toMatch(/w:line="579" w:lineRule="exact"/);
    // No widow control, no hanging punctuation in LibreOffice (see withParagraphDefaults).
    expect(styles).toContain('<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:overflowPunct w:val="1"/>');
    const fontTable = files.get("word/fontTable.xml")!.toString("utf8");
    expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fontTable).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    expect(fontTable).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fontTable).toContain('<w:font w:name="黑体"><w:altName w:val="SimHei"/>');
    expect(files.get("docProps/app.xml")!.toString("utf8")).toContain("<Application>最佳实践案例系统</Application>");
    expect(files.get("docProps/core.xml")!.toString("utf8")).toContain("<dc:title>第三批最佳实践案例</dc:title>");
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(documentXml).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
    const footers = [...files.keys()].filter((k) => /^word\/footer\d*\.xml$/.test(k)).map((k) => files.get(k)!.toString("utf8"));
    expect(footers.some((f) => /PAGE/.test(f))).toBe(true);
    expect(documentXml).toMatch(/<w:pgNumType w:start="1"\/>/);
  });
});

describe.skipIf(!findChromium())("PDF (headless Chromium)", () => {
  let result: PdfResult;
  let pages: string[];

  beforeAll(async () => {
    result = await renderBulletinPdf(model);
    pages = pdfPageTexts(result.pdf);
  }, 120_000);

  it("has one page-numbered start per case, on the page its 目录 number names, whose text starts with the case title", () => {
    const cases = model.categories.flatMap((c) => c.cases);
    expect(cases).toHaveLength(11);
    const structure = readPdfStructure(result.pdf);
    expect(structure.pageCount).toBe(pages.length);
    const firstBodyPage = result.absolutePages["category-1"];
    for (const c of cases) {
      const absolute = structure.destinations.get(c.anchor)!.page;
      expect(result.pageNumbers[c.anchor], c.title).toBe(absolute - firstBodyPage + 1);
      // (The footer "— n —" may come first in the page's content stream.)
      const raw = pages[absolute - 1];
      const text = raw.replace(/^—\d+—/, "");
      expect(text.startsWith(c.title.replace(/\s+/g, "")), `page ${absolute}: ${text.slice(0, 40)}`).toBe(true);
      // …and the footer of that page prints the same number.
      expect(raw).toContain(`—${result.pageNumbers[c.anchor]}—`);
    }
    // The printed bulletin's own 目录 numbers these cases 2, 10, 17 … from the category page 1; ours
    // counts the same way (its pages are fuller, so the numbers are smaller).
    expect(result.pageNumbers["category-1"]).toBe(1);
    expect(result.pageNumbers["case-1"]).toBe(2);
    expect(result.passes).toBe(2);
  });

  it("prints the 目录 with those page numbers, on an unnumbered front page", () => {
    const tocPage = pages.find((p) => p.startsWith("目录"))!;
    expect(tocPage).toBeDefined();
    for (const entry of model.toc) expect(tocPage).toContain(`${entry.text.replace(/\s+/g, "")}${result.pageNumbers[entry.anchor]}`);
    expect(tocPage).not.toMatch(/—\d+—/);
    expect(pages[0]).toContain("第三批最佳实践案例");
  });

  it("is named 第三批最佳实践案例.pdf, made by the job and never on the request path", async () => {
    await remakeStoredExports();
    // Before the job has run, the download says it is being prepared (it does not render it).
    const early = await download("pdf", null, "3", { runJobs: false });
    expect(early.status).toBe(503);
    expect(await early.text()).toMatch(/正在生成/);
    const anonymous = await contextFor(null);
    const list = await run(() => bulletinsLoader({ request: get("/bulletins"), context: anonymous, params: {} }));
    expect(list.status).toBe(200);
    const response = await download("pdf");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(fileNameFromDisposition(response.headers.get("Content-Disposition"), "")).toBe("第三批最佳实践案例.pdf");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  }, 120_000);
});

describe("the download route", () => {
  it("serves published bulletins to anyone; unknown formats and batches are 404", async () => {
    expect((await download("md", null)).status).toBe(200);
    for (const [format, number] of [
      ["html", "3"],
      ["md", "99"],
      ["md", "x"],
    ]) {
      const result = await run(async () => downloadLoader({ request: get(`/bulletins/${number}/download/${format}`), context: await contextFor(null), params: { number, format } }));
      expect(result.status, `${format} ${number}`).toBe(404);
    }
  });

  it("answers 503 with a Chinese message when no Chromium is available", async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "off";
    try {
      // The job made here, without a browser, stores the PDF as unavailable.
      await remakeStoredExports();
      const response = await download("pdf");
      expect(response.status).toBe(503);
      expect(await response.text()).toMatch(/^服务器上没有可用的 Chromium 浏览器，暂时无法生成 PDF/);
      await expect(renderBulletinPdf(model)).rejects.toBeInstanceOf(PdfUnavailable);
      // The DOCX does not need it: its 目录 is then left for Word to number.
      const docx = await download("docx");
      expect(docx.status).toBe(200);
      await remakeStoredExports();
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  }, 60_000);

  it("caches a published bulletin's exports", async () => {
    const first = await exportBulletin(getDb(), batch, "md");
    const second = await exportBulletin(getDb(), batch, "md");
    expect(second).toBe(first);
  });
});

describe("the CLI (npm run bulletin:export)", () => {
  it("exports DOCX, says when PDF is unavailable, refuses unknown formats", async () => {
    const { env } = await freshCliDatabase();
    expect(runCli("app/cli/bulletin-import.ts", ["db/seed/third-batch.md"], env).code).toBe(0);
    const out = `${tempPgliteDir()}.docx`;
    const docx = runCli("app/cli/bulletin-export.ts", ["--batch", "3", "--format", "docx", "--out", out], { ...env, CHROMIUM_PATH: "off" });
    expect(docx.code).toBe(0);
    expect(paragraphs(unzip(fs.readFileSync(out)).get("word/document.xml")!.toString("utf8"))).toContain("优化文化服务供给模式和协同治理体系");
    const pdf = runCli("app/cli/bulletin-export.ts", ["--batch", "3", "--format", "pdf", "--out", `${out}.pdf`], { ...env, CHROMIUM_PATH: "off" });
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toMatch(/暂时无法生成 PDF/);
    const html = runCli("app/cli/bulletin-export.ts", ["--batch", "3", "--format", "html", "--out", out], env);
    expect(html.code).toBe(2);
    expect(html.stderr).toContain("不支持的格式：html（支持 md、docx、pdf）");
  }, 180_000);
});
