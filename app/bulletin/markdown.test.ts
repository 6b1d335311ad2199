import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { parseBulletin, importedToBulletinInput, type ImportedBulletin } from "~/import";
import type { CaseContent } from "~/cases/content/schema";
import { bulletinToMarkdown, caseToMarkdown, escapeMarkdown, runsToMarkdown } from "./markdown";
import { renderBulletinModel, renderCaseModel } from "./render-model";
import { missingSentences, sentencesOf } from "./sentences";
import { CaseDocument } from "./CaseDocument";

const ORIGINAL = readFileSync(path.resolve(__dirname, "../../db/seed/third-batch.md"), "utf8");

function imported(text = ORIGINAL): ImportedBulletin {
  const r = parseBulletin(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.bulletin;
}

const sample: CaseContent = {
  templateId: "bulletin-v1",
  title: "<script>alert('x')</script>标题",
  category: "industry-ecosystem",
  leadRegion: "beijing",
  regions: ["nanjing"],
  intro: [{ text: "# 不是标题\n- 不是列表 *不是斜体* [链接](http://x) &amp; <b>粗</b>" }],
  practices: {
    lead: { text: "1. 不是编号列表。" },
    items: [
      {
        heading: "先行先试。",
        body: [
          { type: "paragraph", lead: "打造全科诊疗服务", text: { text: "广州市依照标准。" } },
          {
            type: "points",
            layout: "inline",
            intro: { text: "三方在研发方面，" },
            points: [
              { lead: "探索“拨投结合”资金池方式", text: { text: "甲。" } },
              { text: { text: "乙。", marks: [{ start: 0, end: 1 }] } },
            ],
          },
        ],
      },
    ],
  },
  effects: { heading: "实践效果", items: [{ heading: "成效显著。", body: [{ type: "paragraph", text: { text: "效果。" } }] }] },
  nextSteps: {
    heading: "下一步开放创新方向",
    kind: "points",
    layout: "list",
    intro: { text: "聚焦开放。" },
    points: [
      { lead: "深化改革", text: { text: "甲。" } },
      { lead: "挖掘资源！", text: { text: "" } },
    ],
  },
};

describe("render model", () => {
  it("generates numbering and a flat ordered block list", () => {
    const m = renderCaseModel(sample, { categoryName: "产业生态体系建设", regionNames: { beijing: "北京市", nanjing: "南京市" } });
    expect(m.leadRegionName).toBe("北京市");
    expect(m.regionNames).toEqual(["南京市"]);
    expect(m.blocks.map((b) => (b.kind === "heading" ? `${b.level}:${b.number}${b.text}` : b.kind))).toEqual([
      "caseTitle",
      "paragraph",
      "1:一、主要做法",
      "paragraph",
      "2:（一）先行先试。",
      "paragraph",
      "paragraph",
      "1:二、实践效果",
      "2:（一）成效显著。",
      "paragraph",
      "1:三、下一步开放创新方向",
      "paragraph",
      "paragraph",
      "paragraph",
    ]);
    const points = m.blocks[6];
    expect(points.kind === "paragraph" && points.runs).toEqual([
      { text: "三方在研发方面，一是", bold: false },
      { text: "探索“拨投结合”资金池方式。", bold: true },
      { text: "甲。二是", bold: false },
      { text: "乙", bold: true },
      { text: "。", bold: false },
    ]);
    const last = m.blocks[13];
    expect(last.kind === "paragraph" && last.runs).toEqual([
      { text: "二是", bold: false },
      { text: "挖掘资源！", bold: true },
    ]);
  });

  it("builds the bulletin model with a 目录 in order", () => {
    const b = renderBulletinModel(importedToBulletinInput(imported()));
    expect(b.toc).toHaveLength(14);
    expect(b.toc.slice(0, 2)).toEqual([
      { level: 1, text: "产业生态体系建设", anchor: "category-1" },
      { level: 2, text: "优化文化服务供给模式和协同治理体系", anchor: "case-1" },
    ]);
    expect(b.categories.map((c) => c.cases.length)).toEqual([3, 4, 4]);
    expect(b.categories[2].cases[3].anchor).toBe("case-11");
  });
});

describe("markdown export", () => {
  it("escapes user text so Markdown and HTML stay inert", () => {
    expect(escapeMarkdown("<script>alert(1)</script>")).toBe("\\<script\\>alert(1)\\</script\\>");
    expect(escapeMarkdown("# 不是标题")).toBe("\\# 不是标题");
    expect(escapeMarkdown("1. 不是列表")).toBe("1\\. 不是列表");
    expect(escapeMarkdown("- 甲\n\n+ 乙")).toBe("\\- 甲\\\n\\+ 乙");
    expect(escapeMarkdown("a*b*_c_ [x](y) &amp;")).toBe("a\\*b\\*\\_c\\_ \\[x\\](y) \\&amp;");
    const md = caseToMarkdown(sample);
    expect(md).not.toContain("<script>");
    expect(md).toContain("# \\<script\\>alert('x')\\</script\\>标题\n");
    expect(md).toContain("\n\n\\# 不是标题\\\n\\- 不是列表 \\*不是斜体\\* \\[链接\\](http://x) \\&amp; \\<b\\>粗\\</b\\>\n\n");
    expect(md).toContain("\n\n1\\. 不是编号列表。\n\n");
    // no line of the output starts a heading except the generated ones
    expect(md.split("\n").filter((l) => l.startsWith("#"))).toEqual([
      "# \\<script\\>alert('x')\\</script\\>标题",
      "## 一、主要做法",
      "### （一）先行先试。",
      "## 二、实践效果",
      "### （一）成效显著。",
      "## 三、下一步开放创新方向",
    ]);
  });

  it("writes bold runs with punctuation outside the asterisks (CommonMark-safe in CJK text)", () => {
    expect(runsToMarkdown([{ text: "一是", bold: false }, { text: "“拨投结合”资金池。", bold: true }, { text: "甲", bold: false }])).toBe(
      "一是“**拨投结合”资金池**。甲",
    );
    expect(runsToMarkdown([{ text: "。", bold: true }])).toBe("。");
    const md = caseToMarkdown(sample);
    expect(md).toContain("**打造全科诊疗服务**。广州市依照标准。");
    expect(md).toContain("三方在研发方面，一是**探索“拨投结合”资金池方式**。甲。二是**乙**。");
    expect(md).toContain("聚焦开放。\n\n一是**深化改革**。甲。\n\n二是**挖掘资源**！");
  });

  it("exports the bulletin in its own order: title, 前言, 目录 without page numbers, categories, cases", () => {
    const md = bulletinToMarkdown(importedToBulletinInput(imported()));
    const headings = md.split("\n").filter((l) => /^#{1,3} /.test(l));
    expect(headings.slice(0, 6)).toEqual([
      "# 国家服务业扩大开放综合试点示范建设第三批最佳实践案例",
      "## 前言",
      "## 目录",
      "## 产业生态体系建设",
      "### 优化文化服务供给模式和协同治理体系",
      "### 创新科技研发和成果转化生态体系",
    ]);
    expect(md).toContain("## 目录\n\n- 产业生态体系建设\n  - 优化文化服务供给模式和协同治理体系\n");
    expect(md).not.toMatch(/\.{3,}/);
    expect(md).toContain("#### 一、主要做法\n\n##### （一）先行先试深化文化服务领域改革开放。");
    expect(md).toContain("在**艺术品进出口通关监管**方面");
  });

  it("round trip: every sentence of the original appears in the export, in order", () => {
    const md = bulletinToMarkdown(importedToBulletinInput(imported()));
    const sentences = sentencesOf(ORIGINAL);
    expect(sentences.length).toBeGreaterThan(400);
    // page-break halves are compared joined
    expect(sentences).toContain("北京充分发挥国家文化产业创新实验区改革创新“试验田”作用，以“一会一中心”为支撑，构建多层次、多渠道、宽领域的文化金融服务创新体系。");
    expect(missingSentences(ORIGINAL, md)).toEqual([]);
  });

  it("the sentence check catches a dropped or reordered sentence", () => {
    const md = bulletinToMarkdown(importedToBulletinInput(imported()));
    const dropped = md.replace("降低企业融资成本近三分之一。", "");
    expect(missingSentences(ORIGINAL, dropped)).toEqual([
      "其中企业信用促进会累计为2731家文化企业提供贷款融资322.9亿元，降低企业融资成本近三分之一。",
    ]);
    const a = "截至 2024 年 8 月底，“浦东新区医产融合创新策源平台”";
    expect(md).toContain(a);
    const moved = md.replace("武汉生物样本库有限公司已与 17 家", "XX").replace(a, "武汉生物样本库有限公司已与 17 家" + a);
    expect(missingSentences(ORIGINAL, moved).length).toBeGreaterThan(0);
  });

  it("re-imports its own export to the same content", () => {
    const first = imported();
    const again = imported(bulletinToMarkdown(importedToBulletinInput(first)));
    // line numbers and import notes describe the source, not the content (the export has the notes' defects fixed)
    const withoutLines = (b: ImportedBulletin) => JSON.parse(JSON.stringify(b, (k, v) => (k === "line" || k === "importNotes" ? undefined : v)));
    expect(withoutLines(again)).toEqual(withoutLines(first));
  });
});

describe("CaseDocument", () => {
  it("renders semantic HTML with escaped text and bold runs", () => {
    const html = renderToStaticMarkup(createElement(CaseDocument, { model: renderCaseModel(sample) }));
    expect(html).not.toContain("<script>");
    expect(html).toContain('<h2 class="case-document__title">&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;标题</h2>');
    expect(html).toContain('<h3 class="case-document__section"><span class="case-document__number">一、</span>主要做法</h3>');
    expect(html).toContain('<h4 class="case-document__item"><span class="case-document__number">（一）</span>先行先试。</h4>');
    expect(html).toContain('<p class="case-document__paragraph case-document__paragraph--body"><strong>打造全科诊疗服务。</strong>广州市依照标准。</p>');
    expect(html).toContain("&lt;b&gt;粗&lt;/b&gt;");
    expect(html.match(/<p /g)).toHaveLength(8);
  });
});
