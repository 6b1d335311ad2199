import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseBulletin, summarize, resolveImportedCase, type ImportedBulletin } from "./index";
import { caseContentSchema } from "~/cases/content/schema";
import { PILOT_REGIONS } from "~/reference/pilot-regions";

// The real third-batch bulletin, kept inside the repository (db/seed/README.md).
const THIRD_BATCH_PATH = path.resolve(__dirname, "../../db/seed/third-batch.md");
const text = readFileSync(THIRD_BATCH_PATH, "utf8");

// The README's table: # | category | title | practices | lead | effects | effects heading | next steps | next heading | regions
const TABLE: [string, string, number, boolean, number, string, number, string, string][] = [
  ["产业生态体系建设", "优化文化服务供给模式和协同治理体系", 3, false, 2, "实践意义和效果", 3, "下一步创新方向", "北京 南京 杭州 武汉 沈阳"],
  ["产业生态体系建设", "创新科技研发和成果转化生态体系", 3, false, 3, "实践意义和效果", 3, "下一步创新方向", "南京"],
  ["产业生态体系建设", "构建医疗资源和数据开放共享生态体系", 3, true, 2, "实践意义和效果", 3, "下一步创新方向", "武汉 上海 成都"],
  ["国际合作和区域协同", "探索中国—新加坡全环节分布式贸易数字化新模式", 3, true, 3, "实践效果", 0, "下一步开放创新方向", "北京"],
  ["国际合作和区域协同", "建立“一联盟一平台二中心” 构建国际数据合作通道", 4, false, 3, "实践效果", 0, "下一步创新方向", "重庆"],
  ["国际合作和区域协同", "创新跨区域物流通关模式 助力区域开放合作", 4, false, 2, "实践意义和效果", 3, "下一步开放创新方向", "上海 成都 武汉 北京 重庆"],
  ["国际合作和区域协同", "探索粤港澳大湾区医疗融合新模式", 3, false, 2, "实践意义和效果", 3, "下一步创新方向", "广州"],
  ["体制机制创新", "破解分流监管难题 推动离岸贸易高质量发展", 4, false, 3, "实践意义和效果", 3, "下一步创新方向", "上海 天津 北京 广州 海南"],
  ["体制机制创新", "深化外资企业注册登记便利化改革", 3, false, 3, "实践意义和效果", 0, "下一步创新方向", "北京"],
  ["体制机制创新", "创新协同共享的绿色租赁评价和激励机制", 3, true, 2, "实践意义和效果", 3, "下一步创新方向", "天津"],
  ["体制机制创新", "探索“数智化”在线司法解纷新模式", 3, false, 2, "实践效果", 3, "下一步创新方向", "杭州"],
];

function parsed(): { bulletin: ImportedBulletin; warnings: { line: number; message: string }[] } {
  const r = parseBulletin(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

describe("third batch import", () => {
  const { bulletin, warnings } = parsed();
  const cases = bulletin.categories.flatMap((cat) => cat.cases.map((c) => ({ cat: cat.name, ...c })));

  it("reads the title, batch number, preface and categories", () => {
    expect(bulletin.batchNumber).toBe(3);
    expect(bulletin.title).toBe("国家服务业扩大开放综合试点示范建设第三批最佳实践案例");
    expect(bulletin.preface).toHaveLength(3);
    // the page-break halves "…推进服务" / "业高水平开放…" are one paragraph
    expect(bulletin.preface[2].text).toContain("以期为各地推进服务业高水平开放、促进深层次改革");
    expect(bulletin.categories.map((c) => c.name)).toEqual(["产业生态体系建设", "国际合作和区域协同", "体制机制创新"]);
    expect(cases).toHaveLength(11);
  });

  it.each(TABLE.map((row, i) => [i + 1, ...row] as const))(
    "case %i matches the README table",
    (i, category, title, practices, lead, effects, effectsHeading, nextPoints, nextHeading, regions) => {
      const c = cases[i - 1];
      expect(c.cat).toBe(category);
      expect(c.content.title).toBe(title);
      expect(c.content.practices.items).toHaveLength(practices);
      expect(c.content.practices.lead !== undefined).toBe(lead);
      expect(c.content.effects.items).toHaveLength(effects);
      expect(c.content.effects.heading).toBe(effectsHeading);
      expect(c.content.nextSteps.heading).toBe(nextHeading);
      if (nextPoints === 0) expect(c.content.nextSteps.kind).toBe("paragraph");
      else {
        expect(c.content.nextSteps.kind).toBe("points");
        expect(c.content.nextSteps.kind === "points" && c.content.nextSteps.points).toHaveLength(nextPoints);
      }
      const shortNames = c.proposedRegions.map((code) => PILOT_REGIONS.find((r) => r.code === code)!.shortName);
      expect(shortNames.join(" ")).toBe(regions);
    },
  );

  it("keeps text as published and stores no markup or numbering", () => {
    const json = JSON.stringify(bulletin);
    expect(json).not.toContain("**");
    expect(json).not.toMatch(/"text":"[一二三四五六七八九十]+是/);
    expect(json).not.toMatch(/"heading":"[（(]/);
    expect(json).toContain("孵化器 etc 科创载体");
    expect(json).toContain("支持科研机构 and 龙头企业");
    // the last case ends as the file does
    const last = cases[10].content.nextSteps;
    expect(last.kind === "points" && last.points[2].text.text.endsWith("量身打造一套国际认可度、接受度高的在线治理规则体系。")).toBe(true);
  });

  it("represents each body layout faithfully", () => {
    const [c1, c2, c3, , , c6, c7, c8, , c10] = cases.map((c) => c.content);
    // case 1 (三): a paragraph, then points one per paragraph; lead phrases with and without bold
    const b13 = c1.practices.items[2].body;
    expect(b13.map((b) => b.type)).toEqual(["paragraph", "points"]);
    expect(b13[1].type === "points" && b13[1].layout).toBe("list");
    expect(b13[1].type === "points" && b13[1].points.map((p) => p.lead)).toEqual([
      "以金融创新赋能文化产业发展",
      "以标准化赋能文化旅游产品创新发展",
      "以园区化推动沉浸式剧本秀全产业链发展",
    ]);
    // case 1 (一): page break "从事经" / "营性演出" rejoined; bold mark kept
    const p11 = c1.practices.items[0].body[0];
    expect(p11.type === "paragraph" && p11.text.text).toContain("北京将从事经营性演出活动审批权限下放");
    expect(p11.type === "paragraph" && p11.text.text.slice(p11.text.marks![0].start, p11.text.marks![0].end)).toBe("艺术品进出口通关监管");
    // case 2 (二): inline points after lead text in the same paragraph
    const b22 = c2.practices.items[1].body[0];
    expect(b22.type === "points" && b22.layout).toBe("inline");
    expect(b22.type === "points" && b22.intro!.text.endsWith("三方在科技研发和科技成果转化方面，")).toBe(true);
    expect(b22.type === "points" && b22.points[0].lead).toBe("探索“拨投结合”资金池方式");
    // case 2 next steps: bold lead split by a page break ("二是深化" / "**职务科技成果赋权改革。**")
    expect(c2.nextSteps.kind === "points" && c2.nextSteps.points[1].lead).toBe("深化职务科技成果赋权改革");
    // case 3 practices lead paragraph
    expect(c3.practices.lead!.text).toMatch(/^试点示范省市立足自身健康医疗领域发展特色和优势/);
    // case 6 (三): inline points without lead phrases
    const b63 = c6.practices.items[2].body[0];
    expect(b63.type === "points" && b63.points.every((p) => p.lead === undefined)).toBe(true);
    // case 7: bold-led sub-paragraphs without 一是
    expect(c7.practices.items[0].body.map((b) => b.type === "paragraph" && b.lead)).toEqual(["打造穗港全科诊疗服务", "打造穗澳医疗转诊绿色通道"]);
    expect(c7.practices.items[2].body.map((b) => b.type === "paragraph" && (b.lead ?? null))).toEqual([
      null,
      "推动“港澳药械通”政策全流程落地",
      "探索内地中药制剂便利引进澳门使用路径",
    ]);
    expect(c7.nextSteps.kind === "points" && c7.nextSteps.points.every((p) => !p.lead)).toBe(true);
    // case 8 next steps: lead across a page break
    expect(c8.nextSteps.kind === "points" && c8.nextSteps.points[0].lead).toBe("推进离岸贸易数字化平台建设");
    // case 10: heading split over two lines
    expect(c10.practices.items[0].heading).toBe("融合信用管理，构建绿色租赁发展激励机制。");
    // case 5: half-width brackets "(二)" recognised as an item
    expect(cases[4].content.practices.items[1].heading).toBe("搭建“中新国际数据通道”一站式企业云服务平台,打造企业合作“对接舱”。");
  });

  it("warns about the published defects with line numbers", () => {
    expect(warnings).toContainEqual({ line: 110, message: "第 110 行：中文文本中出现英文单词“etc”，请确认是否为转换或录入错误" });
    expect(warnings).toContainEqual({ line: 130, message: "第 130 行：中文文本中出现英文单词“and”，请确认是否为转换或录入错误" });
    expect(warnings.some((w) => w.line === 218 && w.message.includes("半角标点"))).toBe(true);
  });

  it("produces content that passes the case schema once category and regions are resolved", () => {
    for (const cat of bulletin.categories) {
      for (const c of cat.cases) {
        const full = resolveImportedCase(c, cat.name);
        expect(full.category).not.toBe("");
        expect(full.leadRegion).toBe(c.proposedRegions[0]);
        const r = caseContentSchema.safeParse(full);
        expect(r.success ? [] : r.error.issues).toEqual([]);
      }
    }
  });

  it("summarizes exactly in the CLI --json shape", () => {
    const s = summarize(bulletin);
    expect(Object.keys(s)).toEqual(["batch", "title", "cases"]);
    expect(s.batch).toBe(3);
    expect(s.cases[0]).toEqual({
      category: "产业生态体系建设",
      title: "优化文化服务供给模式和协同治理体系",
      regions: ["北京市", "南京市", "杭州市", "武汉市", "沈阳市"],
      practices: 3,
      effects: 2,
      nextSteps: 3,
    });
    expect(s.cases[3]).toMatchObject({ regions: ["北京市"], nextSteps: 0 });
    expect(s.cases.map((c) => c.practices)).toEqual(TABLE.map((r) => r[2]));
  });

  // Its speed (target: well under 100 ms) is a figure of `npm run bench:parse`, not a timed test.
});
