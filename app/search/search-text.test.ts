import { describe, expect, it } from "vitest";
import { bigramsOf, normalizeSearchText } from "./search-text";

describe("bigram search text", () => {
  it("makes every two-character window of Chinese text findable", () => {
    const grams = bigramsOf(normalizeSearchText("推动离岸贸易发展"));
    expect(grams).toEqual(["推动", "动离", "离岸", "岸贸", "贸易", "易发", "发展"]);
  });

  it("ignores line breaks and spaces inside a phrase and folds full-width Latin", () => {
    expect(normalizeSearchText("离岸\n 贸易 ＣＢＤ")).toBe("离岸贸易cbd");
  });

  it("counts each distinct bigram once", () => {
    expect(bigramsOf("哈哈哈")).toEqual(["哈哈"]);
  });
});
