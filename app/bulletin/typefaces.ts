/**
 * The bulletin's typefaces: one table, used by the web print stylesheet, the PDF and the DOCX.
 *
 * Every role names the official face first (the one the ministry's printed bulletins use, as Word
 * names it), then the faces Windows and macOS ship under other names, then a free stand-in that
 * `.ci/run` and the README's setup install from Debian:
 *
 * | role | official (GB/T 9704) | stand-in (free licence) | Debian package |
 * |---|---|---|---|
 * | 标题 title | 方正小标宋简体 | Noto Serif CJK SC Bold (OFL) | fonts-noto-cjk |
 * | 黑体 headings 一、, bold lead phrases | 黑体 | Noto Sans CJK SC Medium (OFL) | fonts-noto-cjk-extra |
 * | 楷体 headings （一） | 楷体_GB2312 | AR PL KaitiM GB (Arphic Public Licence) | fonts-arphic-gkai00mp |
 * | 仿宋 body | 仿宋_GB2312 | FandolFang (GPL + font exception) | texlive-lang-chinese |
 * | 宋体 page numbers | 宋体 | Noto Serif CJK SC (OFL) | fonts-noto-cjk |
 * | Latin letters and figures | Times New Roman | Liberation Serif (OFL, metric-compatible) | fonts-liberation2 |
 *
 * Why these stand-ins: they cover every character of the third batch (checked with fc-query);
 * cwTeX 仿宋 (fonts-cwtex-fs) was rejected because it is a traditional-character face that lacks
 * 367 of the third batch's 1,046 distinct characters (国, 务, 业 …); LXGW WenKai is a handwriting
 * 楷 further from 楷体_GB2312 than Arphic's. Noto Serif CJK Bold is the weight closest to
 * 小标宋's heavy verticals; Noto Sans CJK Medium to SimHei's even stroke.
 *
 * Bold: no free 仿宋 has a bold weight, and a synthesized bold comes out of Chromium's PDF writer
 * as an unnamed Type 3 font. Bold lead phrases ("统一数据标准。") are therefore set in 黑体,
 * the usual way Chinese typesetting shows weight (W3C clreq §3.2), in the PDF and the DOCX alike.
 */

export type TypefaceRole = "title" | "hei" | "kai" | "fangsong" | "song" | "latin";

export type Typeface = {
  role: TypefaceRole;
  /** What the role is for, for documentation and messages. */
  label: string;
  official: {
    /** The name Word and WPS know the face by: written into the DOCX. */
    name: string;
    /** Other names of the same face (English family name, PostScript name). */
    aliases: readonly string[];
    /** Word's font table: substitute where the face is missing, charset, panose, family class. */
    word: { altName: string; charset: string; panose: string; family: "roman" | "swiss" | "modern" };
  };
  /** Faces Windows and macOS ship under other names, tried after the official one on screen and in print. */
  platform: readonly string[];
  standIn: {
    /**
     * The family the stylesheets name. For a weight that fontconfig does not list as a family of its
     * own (Noto Serif CJK SC Bold), the stylesheets declare it with @font-face (local() on the web,
     * the subset file in the PDF).
     */
    cssFamily: string;
    /** fontconfig's family and style of the face (LibreOffice's substitution, the PDF's file lookup). */
    family: string;
    style: string;
    /** PostScript name: the name the face is embedded under in a PDF. */
    postscript: string;
    /** Full name, for CSS local(). */
    fullName: string;
    debianPackage: string;
  };
  /** The generic CSS family ending the stack. */
  generic: "serif" | "sans-serif";
  /** The characters the face is used for, where not all it has (CSS unicode-range). */
  unicodeRange?: string;
};

export const TYPEFACES: Readonly<Record<TypefaceRole, Typeface>> = {
  title: {
    role: "title",
    label: "标题（小标宋）",
    official: {
      name: "方正小标宋简体",
      aliases: ["FZXiaoBiaoSong-B05S", "FZXBSJW--GB1-0"],
      word: { altName: "宋体", charset: "86", panose: "02000000000000000000", family: "roman" },
    },
    platform: ["华文中宋", "STZhongsong"],
    standIn: {
      cssFamily: "Noto Serif CJK SC Bold",
      family: "Noto Serif CJK SC",
      style: "Bold",
      postscript: "NotoSerifCJKsc-Bold",
      fullName: "Noto Serif CJK SC Bold",
      debianPackage: "fonts-noto-cjk",
    },
    generic: "serif",
  },
  hei: {
    role: "hei",
    label: "黑体",
    official: {
      name: "黑体",
      aliases: ["SimHei"],
      word: { altName: "SimHei", charset: "86", panose: "02010609060101010101", family: "modern" },
    },
    platform: ["华文黑体", "STHeiti"],
    standIn: {
      cssFamily: "Noto Sans CJK SC Medium",
      family: "Noto Sans CJK SC",
      style: "Medium",
      postscript: "NotoSansCJKsc-Medium",
      fullName: "Noto Sans CJK SC Medium",
      debianPackage: "fonts-noto-cjk-extra",
    },
    generic: "sans-serif",
  },
  kai: {
    role: "kai",
    label: "楷体",
    official: {
      name: "楷体_GB2312",
      aliases: ["KaiTi_GB2312"],
      word: { altName: "楷体", charset: "86", panose: "02010609030101010101", family: "modern" },
    },
    platform: ["楷体", "KaiTi", "华文楷体", "STKaiti"],
    standIn: {
      cssFamily: "AR PL KaitiM GB",
      family: "AR PL KaitiM GB",
      style: "Regular",
      postscript: "GBZenKai-Medium",
      fullName: "AR PL KaitiM GB",
      debianPackage: "fonts-arphic-gkai00mp",
    },
    generic: "serif",
  },
  fangsong: {
    role: "fangsong",
    label: "仿宋",
    official: {
      name: "仿宋_GB2312",
      aliases: ["FangSong_GB2312"],
      word: { altName: "仿宋", charset: "86", panose: "02010609030101010101", family: "modern" },
    },
    platform: ["仿宋", "FangSong", "华文仿宋", "STFangsong"],
    standIn: {
      cssFamily: "FandolFang",
      family: "FandolFang",
      style: "Regular",
      postscript: "FandolFang-Regular",
      fullName: "FandolFang R",
      debianPackage: "texlive-lang-chinese",
    },
    generic: "serif",
  },
  song: {
    role: "song",
    label: "宋体（页码）",
    official: {
      name: "宋体",
      aliases: ["SimSun"],
      word: { altName: "SimSun", charset: "86", panose: "02010600030101010101", family: "modern" },
    },
    platform: ["华文宋体", "STSong"],
    standIn: {
      cssFamily: "Noto Serif CJK SC",
      family: "Noto Serif CJK SC",
      style: "Regular",
      postscript: "NotoSerifCJKsc-Regular",
      fullName: "Noto Serif CJK SC",
      debianPackage: "fonts-noto-cjk",
    },
    generic: "serif",
  },
  latin: {
    role: "latin",
    label: "西文和数字",
    official: {
      name: "Times New Roman",
      aliases: ["TimesNewRomanPSMT"],
      word: { altName: "Times", charset: "00", panose: "02020603050405020304", family: "roman" },
    },
    platform: ["Times"],
    standIn: {
      // A family of our own: it takes letters and figures only (unicode-range), so that “ ” — ·
      // and … stay with the Chinese faces, full width, as Word and LibreOffice set them in Chinese text.
      cssFamily: "Bulletin Latin",
      family: "Liberation Serif",
      style: "Regular",
      postscript: "LiberationSerif",
      fullName: "Liberation Serif",
      debianPackage: "fonts-liberation2",
    },
    generic: "serif",
    unicodeRange: "U+0020-007E, U+00A0-00B6, U+00B8-00FF, U+0152-0153, U+2013, U+2022, U+2030, U+20AC",
  },
};

export const TYPEFACE_ROLES = Object.keys(TYPEFACES) as TypefaceRole[];

/** The CJK roles (everything but Latin). */
export const CJK_ROLES: readonly TypefaceRole[] = ["title", "hei", "kai", "fangsong", "song"];

const quote = (name: string) => `"${name.replace(/["\\]/g, "\\$&")}"`;

/** A role's faces in order: official name and aliases, platform faces, stand-in. */
export function faceNames(role: TypefaceRole): string[] {
  const t = TYPEFACES[role];
  return [t.official.name, ...t.official.aliases, ...t.platform, t.standIn.cssFamily];
}

/**
 * The CSS font-family value for a role. CJK roles start with the Latin family (Times New Roman or
 * Liberation Serif, for letters and figures only), so that letters and figures are set as Word
 * sets them (`w:ascii`), and everything else falls through to the role's own faces.
 */
export function fontStack(role: TypefaceRole): string {
  const names = role === "latin" ? [TYPEFACES.latin.standIn.cssFamily] : role === "song" ? faceNames(role) : [TYPEFACES.latin.standIn.cssFamily, ...faceNames(role)];
  return [...names.map(quote), TYPEFACES[role].generic].join(", ");
}

/**
 * @font-face rules that give each stand-in its CSS family name: on the web from the locally
 * installed face (local()), in the PDF from the subset file the server hands Chromium.
 */
export function standInFontFaces(src: (t: Typeface) => string): string {
  return TYPEFACE_ROLES.map((role) => {
    const t = TYPEFACES[role];
    const range = t.unicodeRange ? ` unicode-range: ${t.unicodeRange};` : "";
    return `@font-face { font-family: ${quote(t.standIn.cssFamily)}; font-style: normal; font-weight: 400; src: ${src(t)};${range} }`;
  }).join("\n");
}

/** local() sources of a role's family: the official face where installed, else the stand-in. */
export const localSources = (t: Typeface) => [t.official.name, ...t.official.aliases, t.standIn.fullName, t.standIn.postscript].map((n) => `local(${quote(n)})`).join(", ");

/**
 * Every PostScript name a face of the mapping may be embedded under in a PDF: the stand-ins, and
 * the official faces where a machine has them (their usual PostScript names).
 */
export const MAPPED_POSTSCRIPT_NAMES: readonly string[] = [
  ...TYPEFACE_ROLES.map((r) => TYPEFACES[r].standIn.postscript),
  "FZXBSJW--GB1-0",
  "SimHei",
  "KaiTi_GB2312",
  "FangSong_GB2312",
  "SimSun",
  "TimesNewRomanPSMT",
];
