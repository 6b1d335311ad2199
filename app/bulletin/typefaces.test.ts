import { describe, expect, it } from "vitest";
import { BULLETIN_CSS } from "./bulletin-style";
import { withParagraphDefaults } from "./docx.server";
import { fontconfigXml } from "./typefaces.server";
import { fontStack, MAPPED_POSTSCRIPT_NAMES, TYPEFACES } from "./typefaces";

describe("the typeface mapping", () => {
  it("names the official face first, then platform faces, then the free stand-in, in every stack", () => {
    const stack = fontStack("fangsong");
    const order = ["Bulletin Latin", "仿宋_GB2312", "仿宋", "STFangsong", "FandolFang"].map((n) => stack.indexOf(`"${n}"`));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(fontStack("title")).toMatch(/^"Bulletin Latin", "方正小标宋简体", .*"Noto Serif CJK SC Bold", serif$/);
    // The page number is 宋体 throughout, figures included.
    expect(fontStack("song")).toMatch(/^"宋体"/);
  });

  it("keeps Chinese punctuation out of the Latin face, so “ ” — · … are set full width", () => {
    const range = TYPEFACES.latin.unicodeRange!;
    expect(BULLETIN_CSS).toContain(`unicode-range: ${range};`);
    const codes = range.split(",").map((r) => r.trim().replace("U+", "").split("-").map((h) => parseInt(h, 16)));
    const covered = (c: string) => codes.some(([a, b = a]) => c.codePointAt(0)! >= a! && c.codePointAt(0)! <= b!);
    for (const c of "“”‘’—…·") expect(covered(c), c).toBe(false);
    for (const c of "2024%CENIA+") expect(covered(c), c).toBe(true);
  });

  it("tells LibreOffice (through fontconfig) to use each stand-in for the official name a DOCX asks for", () => {
    const xml = fontconfigXml();
    expect(xml).toContain('<include ignore_missing="yes">');
    expect(xml).toContain("<dir>/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol</dir>");
    expect(xml).toContain('<test name="family"><string>仿宋_GB2312</string></test><edit name="family" mode="assign" binding="strong"><string>FandolFang</string></edit>');
    expect(xml).toContain('<string>方正小标宋简体</string></test><edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string></edit><edit name="style" mode="assign" binding="strong"><string>Bold</string></edit>');
  });

  it("lists the PostScript names a PDF may embed: every stand-in and the official faces", () => {
    for (const t of Object.values(TYPEFACES)) expect(MAPPED_POSTSCRIPT_NAMES).toContain(t.standIn.postscript);
    expect(MAPPED_POSTSCRIPT_NAMES).toContain("FangSong_GB2312");
  });
});

describe("DOCX paragraph defaults", () => {
  it("switch widow control off and keep LibreOffice from hanging (and losing) line-end punctuation", () => {
    expect(withParagraphDefaults('<w:docDefaults><w:pPrDefault><w:pPr><w:spacing w:line="579"/></w:pPr></w:pPrDefault>')).toBe(
      '<w:docDefaults><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:overflowPunct w:val="1"/><w:spacing w:line="579"/></w:pPr></w:pPrDefault>',
    );
    expect(() => withParagraphDefaults("<w:styles/>")).toThrow(/paragraph defaults/);
  });
});
