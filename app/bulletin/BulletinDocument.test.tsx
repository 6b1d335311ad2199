import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { BULLETIN_CSS, BulletinDocument, bulletinStylesheet, titleLines } from "./BulletinDocument";
import { renderBulletinModel, type BulletinInput } from "./render-model";
import type { CaseContent } from "~/cases/content";

const content = (title: string): CaseContent => ({
  templateId: "bulletin-v1",
  title,
  category: "institutional-innovation",
  leadRegion: "beijing",
  regions: [],
  intro: [{ text: "导语。" }],
  practices: { items: [{ heading: "做法标题。", body: [{ type: "paragraph", text: { text: "做法正文。" } }] }] },
  effects: { heading: "实践效果", items: [{ heading: "效果标题。", body: [{ type: "paragraph", text: { text: "效果正文。" } }] }] },
  nextSteps: { heading: "下一步创新方向", kind: "paragraph", text: { text: "下一步。" } },
});

const input: BulletinInput = {
  title: "国家服务业扩大开放综合试点示范建设 第四批最佳实践案例",
  preface: [{ text: "前言第一段。" }],
  categories: [
    { name: "体制机制创新", cases: [content("案例甲"), content("<script>alert(1)</script>")] },
    { name: "产业生态体系建设", cases: [content("案例丙")] },
  ],
};

describe("titleLines", () => {
  it("splits the programme line from the batch line, with or without a space", () => {
    expect(titleLines("国家服务业扩大开放综合试点示范建设 第四批最佳实践案例")).toEqual(["国家服务业扩大开放综合试点示范建设", "第四批最佳实践案例"]);
    expect(titleLines("国家服务业扩大开放综合试点示范建设第三批最佳实践案例")).toEqual(["国家服务业扩大开放综合试点示范建设", "第三批最佳实践案例"]);
    expect(titleLines("第十二批最佳实践案例")).toEqual(["第十二批最佳实践案例"]);
    expect(titleLines("  专题汇编  ")).toEqual(["专题汇编"]);
  });
});

describe("BulletinDocument", () => {
  const model = renderBulletinModel(input);

  it("links every 目录 entry to an anchor that exists, categories and cases in order", () => {
    const html = renderToStaticMarkup(<BulletinDocument model={model} />);
    const links = [...html.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ["category-1", "体制机制创新"],
      ["case-1", "案例甲"],
      ["case-2", "&lt;script&gt;alert(1)&lt;/script&gt;"],
      ["category-2", "产业生态体系建设"],
      ["case-3", "案例丙"],
    ]);
    for (const [anchor] of links) expect(html).toContain(`id="${anchor}"`);
    expect(html).not.toContain("<script>");
    expect(html).toContain("<h2 class=\"bulletin__heading\" id=\"bulletin-preface\">前言</h2>");
    // Without page numbers (the web page) the 目录 has no number column.
    expect(html).not.toContain("bulletin__toc-page");
  });

  it("reserves a page-number column for every entry when printing, filled where known", () => {
    const html = renderToStaticMarkup(<BulletinDocument model={model} pageNumbers={{ "category-1": 1, "case-1": 2 }} />);
    const pages = [...html.matchAll(/<span class="bulletin__toc-page" data-anchor="([^"]+)">([^<]*)<\/span>/g)].map((m) => [m[1], m[2]]);
    expect(pages).toEqual([
      ["category-1", "1"],
      ["case-1", "2"],
      ["case-2", ""],
      ["category-2", ""],
      ["case-3", ""],
    ]);
  });

  it("shows errata at the end, line by line", () => {
    const html = renderToStaticMarkup(<BulletinDocument model={model} errata={[{ id: 1, body: "第一行\n第二行", date: "2025/01/02" }]} />);
    expect(html).toMatch(/<section class="bulletin__errata" id="errata"[^>]*>.*勘误.*2025\/01\/02 勘误.*<p>第一行<\/p><p>第二行<\/p>/);
  });

  it("its stylesheet starts every category and case on a new A4 page with the official margins", () => {
    expect(BULLETIN_CSS).toMatch(/@page \{\s*size: A4;\s*margin: 37mm 26mm 35mm 28mm;/);
    expect(BULLETIN_CSS).toMatch(/\.bulletin__case \{ break-before: page;/);
    expect(BULLETIN_CSS).toMatch(/\.bulletin__category \{ break-before: page; \}/);
    expect(BULLETIN_CSS).toContain(".site-header, .skip-link, .no-print { display: none !important; }");
    expect(bulletinStylesheet.href).toMatch(/^\/bulletins\/document\.css\?v=[0-9a-z]+$/);
  });
});
