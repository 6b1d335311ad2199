import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";

import { parseBulletin } from "~/import/parse";
import type { CaseDocumentContent } from "~/cases/content";
import { caseFigures, figuresInText } from "./figures";
import { figuresCsv } from "./figures-csv";

describe("figures extractor", () => {
  it("reads value, unit, what it counts and the 截至 date", () => {
    const [f] = figuresInText("截至 2024 年 8 月底，平台已注册医疗机构 12 家，注册企业用户达到 308 家。").filter((x) => x.value === "308");
    expect(f).toMatchObject({ value: "308", unit: "家", asOf: "2024-08" });
    expect(f.subject).toContain("注册企业用户");
  });

  it("does not take dates, ordinals or comparison base years for figures or as-of dates", () => {
    const figs = figuresInText("南京位居全球第 6 位，2023 年 8 月起实施；实现游客人数比 2019 年增长 40%。");
    expect(figs.map((f) => f.value + f.unit)).toEqual(["40%"]);
    expect(figs[0].asOf).toBeNull();
  });

  it("flags a figure dated more than 18 months before the reference date, and conflicting values", () => {
    const doc = {
      title: "t", intro: [{ text: "截至 2022 年 6 月，入驻企业 120 家。截至 2024 年 6 月，入驻企业 150 家。截至 2024 年 6 月，入驻企业 160 家。" }],
      practices: { items: [] }, effects: { heading: "实践效果", items: [] }, nextSteps: { heading: "下一步创新方向", kind: "paragraph", text: { text: "" } },
    } as unknown as CaseDocumentContent;
    const figs = caseFigures(doc, new Date("2025-03-01"));
    expect(figs.map((f) => [f.value, f.flags.length > 0])).toEqual([["120", true], ["150", true], ["160", true]]);
    expect(figs[0].flags[0]).toContain("18 个月");
    expect(figs[1].flags[0]).toContain("160家");
  });

  it("downloads as CSV with one row per figure", () => {
    const csv = figuresCsv(figuresInText("截至 2024 年 8 月，注册企业用户达到 308 家，融资 2.4 亿元。"));
    const rows = csv.replace(/^\uFEFF/, "").trim().split("\n").map((l) => l.split(","));
    expect(rows[0][0]).toBe("数值");
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([["308", "家", "2024-08"], ["2.4", "亿元", "2024-08"]]);
  });
});

describe("figures of the third batch's 效果 sections", () => {
  const r = parseBulletin(readFileSync(path.resolve(__dirname, "../../db/seed/third-batch.md"), "utf8"));
  if (!r.ok) throw new Error("third batch does not parse");
  const cases = r.bulletin.categories.flatMap((c) => c.cases.map((x) => x.content as unknown as CaseDocumentContent));

  // Figures per 效果 item, counted by reading each section (94 in all): an Arabic number with a unit
  // (家、亿元、%、万人次、余家、多个…), not a date, an ordinal (第 6 位) or a comparison base year; a range
  // ("3—7 天", "70-80ms", "5 到 30 个基点") counts once, by its upper end; Chinese numerals (一个半月) are not figures.
  const PER_ITEM = [[7, 7], [3, 5, 8], [7, 5], [2, 1, 2], [5, 4, 2], [2, 0], [5, 5], [8, 2, 5], [0, 0, 0], [3, 0], [4, 2]];

  it("finds the figures of every 效果 item", () => {
    const counts = cases.map((c) => {
      const figs = caseFigures(c, new Date("2025-01-01")).filter((f) => f.path.startsWith("effects."));
      return c.effects.items.map((_, k) => figs.filter((f) => f.path.startsWith(`effects.items.${k}.`)).length);
    });
    expect(counts).toEqual(PER_ITEM);
  });

  it("keeps 余/多 with the unit and reads case 11's 90 余天", () => {
    const figs = caseFigures(cases[10], new Date("2025-01-01")).map((f) => f.value + f.unit);
    expect(figs).toEqual(expect.arrayContaining(["90余天", "2000余元", "20多个", "400件"]));
  });

  it("reads case 3's 截至 2024 年 8 月 figures with their date", () => {
    const figs = caseFigures(cases[2], new Date("2025-01-01"));
    expect(figs.find((f) => f.value === "308")).toMatchObject({ unit: "家", asOf: "2024-08" });
  });
});
