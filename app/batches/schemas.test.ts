import { describe, expect, it } from "vitest";
import { batchMetaSchema, erratumSchema, prefaceParagraphs, prefaceToText } from "./schemas";

describe("batch title and preface", () => {
  it("turns the preface into one paragraph per non-empty line, trimmed (full-width spaces too)", () => {
    expect(prefaceParagraphs("  第一段。\r\n\n\u3000第二段。\u3000\n   \n")).toEqual(["第一段。", "第二段。"]);
    const parsed = batchMetaSchema.parse({ title: " 国家服务业扩大开放综合试点示范建设\n第四批最佳实践案例 ", preface: "甲。\n乙。" });
    expect(parsed).toEqual({ title: "国家服务业扩大开放综合试点示范建设 第四批最佳实践案例", preface: [{ text: "甲。" }, { text: "乙。" }] });
    expect(prefaceToText(parsed.preface)).toBe("甲。\n乙。");
    expect(prefaceToText("not an array")).toBe("");
  });

  it("explains what is wrong, in Chinese", () => {
    const issues = (value: unknown) => batchMetaSchema.safeParse(value).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ title: "", preface: "" })).toEqual(["title: 请填写标题。"]);
    expect(issues({ title: "字".repeat(81), preface: "" })).toEqual(["title: 标题不能超过 80 个字。"]);
    expect(issues({ title: "标题", preface: "段\n".repeat(13) })).toEqual(["preface: 前言不能超过 12 段。"]);
    expect(issues({ title: "标题", preface: "字".repeat(2001) })).toEqual(["preface: 前言每段不能超过 2000 个字。"]);
    expect(issues({ title: "标题\u0007", preface: "" })).toEqual(["title: 不能包含控制字符。"]);
  });

  it("counts characters, not UTF-16 units", () => {
    expect(batchMetaSchema.safeParse({ title: "𠮷".repeat(80), preface: "" }).success).toBe(true);
  });
});

describe("erratum", () => {
  it("is required, trimmed, at most 2000 characters", () => {
    expect(erratumSchema.parse({ body: "  第2页有误。\r\n应为……  " })).toEqual({ body: "第2页有误。\n应为……" });
    expect(erratumSchema.safeParse({ body: " \n " }).error?.issues[0].message).toBe("请填写勘误内容。");
    expect(erratumSchema.safeParse({ body: "字".repeat(2001) }).error?.issues[0].message).toBe("勘误内容不能超过 2000 个字。");
  });
});
