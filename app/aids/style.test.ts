import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseBulletin } from "~/import/parse";
import type { CaseDocumentContent } from "~/cases/content";
import { checkText, styleFindings, type StyleRuleId } from "./style";

const rules = (text: string, kind: Parameters<typeof checkText>[1] = "paragraph", wanYi = false) => checkText(text, kind, wanYi).map((f) => f.rule);

// Each rule: a text that must fire it, and a near miss that must not.
const CASES: [StyleRuleId, string, string, Parameters<typeof checkText>[1]?][] = [
  ["english-word", "推动开发区、孵化器 etc 科创载体建设", "联合 SGtech、CBD 与 CAR-T 企业，带宽 260Gbps"],
  ["half-width-punct", "搭建一站式平台,打造企业合作“对接舱”", "采用 UN/EDIFACT (v2) 标准，带宽 1.5 Gbps, 延时 3 ms"],
  ["jiezhi", "截止2025年6月，平台注册企业 308 家", "申报截止日期为 6 月 30 日，截至 2025 年 6 月已受理"],
  ["unbalanced-quotes", "打造“一站式服务平台，成效明显。", "打造“一站式”服务平台和“对接舱”。"],
  ["unbalanced-brackets", "成立中新（重庆信息通信创新合作联盟。", "成立中新（重庆）信息通信创新合作联盟，依托《公约》办理。"],
  ["doubled-punct", "成效明显。。下一步，，继续推进", "从 1 个月压缩至 3—7 天……成效明显。"],
  ["heading-end", "构建国际数据合作通道", "构建国际数据合作通道。", "item-heading"],
  ["figure-format", "注册企业用户达到３０８家", "注册企业用户达到 308 家，融资 2.4 亿元"],
];

describe("style rules", () => {
  it.each(CASES)("%s fires on a defect and not on its near miss", (rule, hit, miss, kind) => {
    expect(rules(hit, kind ?? "paragraph")).toContain(rule);
    expect(rules(miss, kind ?? "paragraph")).not.toContain(rule);
  });

  it("heading-end only applies to item headings (lead phrases get their 。 from the renderer)", () => {
    expect(rules("构建国际数据合作通道", "lead")).not.toContain("heading-end");
  });

  it("long digit strings are flagged only in a case that otherwise writes 万/亿", () => {
    expect(rules("贸易额 32290000 元", "paragraph", true)).toContain("figure-format");
    expect(rules("贸易额 32290000 元", "paragraph", false)).not.toContain("figure-format");
    expect(rules("统一社会信用代码 91110105MA01 与 2024 年", "paragraph", true)).not.toContain("figure-format");
  });

  it("gives the offending excerpt and a Chinese message", () => {
    const [f] = checkText("截止2025年6月，平台注册企业 308 家").filter((x) => x.rule === "jiezhi");
    expect(f.excerpt).toContain("截止2025年6月");
    expect(f.message).toContain("截至");
  });
});

describe("the published third batch", () => {
  const text = readFileSync(path.resolve(__dirname, "../../db/seed/third-batch.md"), "utf8");
  const r = parseBulletin(text);
  if (!r.ok) throw new Error("third batch does not parse");
  const cases = r.bulletin.categories.flatMap((c) => c.cases);

  // Its real defects and nothing else (case number, rule, place, excerpt). The half-width "(二)"/"(三)"
  // item numbers of case 5 are normalised by the importer and kept as import notes (tests/integration/aids.test.ts).
  const EXPECTED = [
    [2, "english-word", "practices.items.2.body.0.points.1.text", "…开发区、孵化器 etc 科创载体，成立…"],
    [2, "english-word", "nextSteps.points.0.text", "支持科研机构 and 龙头企业建设重…"],
    [4, "half-width-punct", "intro.0", "…综合示范区和中国(北京)自由贸易试…"],
    [4, "half-width-punct", "effects.items.2.body.0.points.2.text", "…术领域的标准体系(含1套元数据标准…"],
    [4, "half-width-punct", "nextSteps.text", "…易数字化务实合作,以促进可转让单证…"],
    [5, "half-width-punct", "practices.items.0.body.0.text", "…加坡科技工商协会(SGtech)共…"],
    [5, "half-width-punct", "practices.items.1.heading", "…式企业云服务平台,打造企业合作“对…"],
    [5, "half-width-punct", "practices.items.1.body.0.text", "…系统科技有限公司,建设“中新数通”…"],
    [5, "half-width-punct", "practices.items.2.heading", "…国际路演发布中心,搭建项目交流“T…"],
    [5, "half-width-punct", "practices.items.2.body.0.text", "…通道基础设施优势,依托中新数通线上…"],
  ];

  it("yields exactly its real defects", () => {
    const found = cases.flatMap((c, i) =>
      styleFindings(c.content as unknown as CaseDocumentContent).map((f) => [i + 1, f.rule, f.path, f.excerpt]),
    );
    expect(found).toEqual(EXPECTED);
  });
});
