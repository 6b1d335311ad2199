import { describe, expect, it } from "vitest";
import { highlight, snippet, type Segment } from "./snippets";

/** Segments as "plain [hit] plain" for readable expectations. */
const show = (segments: Segment[]) => segments.map((s) => (s.hit ? `[${s.text}]` : s.text)).join("");

describe("search result snippets", () => {
  it("keep the case's own full-width punctuation", () => {
    const text = ["国务院部署，北京市率先开展试点，形成“白名单”制度。"];
    const out = show(snippet(text, ["部署,北京市"]));
    expect(out).toBe("国务院[部署，北京市]率先开展试点，形成“白名单”制度。");
    expect(out).not.toContain(",");
  });

  it("mark every occurrence of every term", () => {
    expect(show(snippet(["离岸贸易推动离岸经济，贸易便利。"], ["离岸", "贸易"]))).toBe("[离岸贸易]推动[离岸]经济，[贸易]便利。");
  });

  it("mark the original characters of a folded match (full-width Latin, case)", () => {
    expect(show(snippet(["依托ＣＥＮＩ平台和Ceni数据。"], ["ceni"]))).toBe("依托[ＣＥＮＩ]平台和[Ceni]数据。");
  });

  it("find a term across the break between a heading and its text, as the index does, starting at the block", () => {
    expect(show(snippet(["导语。", "一、主要做法", "（一）建立制度。"], ["主要做法(一)"]))).toBe("一、[主要做法 （一）]建立制度。");
  });

  it("start shortly before the first match, at a sentence when there is one, and say when text is cut", () => {
    const long = `${"前文内容很长".repeat(10)}。试点省市开展离岸贸易。${"后文".repeat(100)}`;
    const out = show(snippet([long], ["离岸"], { width: 40, before: 30 }));
    expect(out.startsWith("试点省市开展[离岸]贸易。")).toBe(true);
    expect(out.endsWith("…")).toBe(true);
    const midSentence = show(snippet([`${"甲".repeat(80)}离岸${"乙".repeat(80)}`], ["离岸"], { width: 40, before: 10 }));
    expect(midSentence).toBe(`…${"甲".repeat(10)}[离岸]${"乙".repeat(28)}…`);
  });

  it("begin at the start of the text when only the title matched, and never split a character", () => {
    expect(show(snippet(["导语第一句。导语第二句。"], ["标题词"]))).toBe("导语第一句。导语第二句。");
    const astral = show(snippet([`${"𠀀".repeat(30)}离岸`], ["离岸"], { width: 5, before: 3 }));
    expect(astral).toBe("…𠀀𠀀[离岸]");
  });

  it("mark terms in a title", () => {
    expect(highlight("破解分流监管难题 推动离岸贸易高质量发展", ["离岸贸易"])).toEqual([{ text: "破解分流监管难题 推动" }, { text: "离岸贸易", hit: true }, { text: "高质量发展" }]);
  });
});
