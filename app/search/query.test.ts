import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "./query";

describe("the search box", () => {
  it("takes words separated by spaces (ASCII or full-width) as terms that must all occur", () => {
    expect(parseSearchQuery("离岸 贸易")).toEqual({ ok: true, terms: ["离岸", "贸易"] });
    expect(parseSearchQuery(" 离岸\u3000贸易  离岸 ")).toEqual({ ok: true, terms: ["离岸", "贸易"] });
  });

  it("normalises each term as the index does", () => {
    expect(parseSearchQuery("ＣＥＮＩ")).toEqual({ ok: true, terms: ["ceni"] });
    expect(parseSearchQuery("部署，北京市")).toEqual({ ok: true, terms: ["部署,北京市"] });
  });

  it("refuses terms too short, too many or too long, in Chinese", () => {
    expect(parseSearchQuery("港")).toEqual({ ok: false, message: "请至少输入 2 个字。" });
    expect(parseSearchQuery("   ")).toEqual({ ok: false, message: "请至少输入 2 个字。" });
    expect(parseSearchQuery("离岸 港")).toEqual({ ok: false, message: "关键词“港”太短：每个关键词至少 2 个字。" });
    expect(parseSearchQuery("一一 二二 三三 四四 五五 六六")).toEqual({ ok: false, message: "最多输入 5 个关键词。" });
    expect(parseSearchQuery("离".repeat(51))).toEqual({ ok: false, message: "搜索词不能超过 50 个字。" });
  });

  it("treats control characters as spaces", () => {
    expect(parseSearchQuery("离岸\u0000贸易")).toEqual({ ok: true, terms: ["离岸", "贸易"] });
  });
});
