import { describe, expect, it } from "vitest";
import { DOCX_FONTS, fontTableXml, tocBookmark } from "./docx.server";

describe("DOCX fonts", () => {
  it("names each official font with the substitute Word uses where it is missing", () => {
    const xml = fontTableXml();
    for (const f of Object.values(DOCX_FONTS)) {
      expect(xml).toContain(`<w:font w:name="${f.name}"><w:altName w:val="${f.altName}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/>`);
    }
    expect(xml).toContain('<w:font w:name="Times New Roman">');
    expect(DOCX_FONTS.fangsong).toMatchObject({ name: "仿宋_GB2312", altName: "仿宋" });
  });
});

describe("TOC bookmarks", () => {
  it("are valid Word bookmark names, hidden (_Toc…), one per anchor", () => {
    expect(tocBookmark("case-12")).toBe("_Toc_case_12");
    expect(tocBookmark("category-1")).toMatch(/^_Toc[A-Za-z0-9_]{1,36}$/);
  });
});
