import { describe, expect, it } from "vitest";
import {
  CASE_LIMITS,
  caseContentSchema,
  emptyCaseContent,
  type CaseContent,
} from "./schema";
import { chineseNumeral, itemNumber, parseChineseNumeral, pointNumber, sectionNumber } from "./numbering";
import { concatRich, plainText, rich, sliceRich, toRuns, trimRich } from "./rich-text";
import { qualityWarnings, textDefects } from "./quality";

function validCase(): CaseContent {
  return {
    templateId: "bulletin-v1",
    title: "深化外资企业注册登记便利化改革",
    category: "institutional-innovation",
    leadRegion: "beijing",
    regions: [],
    intro: [{ text: "北京朝阳区针对外国投资者设立企业时的困难，探索一站式服务模式。" }],
    practices: {
      items: [
        {
          heading: "实现公文书电子化流转和线上查验。",
          body: [{ type: "paragraph", text: { text: "北京朝阳区积极申请支持。", marks: [{ start: 0, end: 5 }] } }],
        },
      ],
    },
    effects: {
      heading: "实践意义和效果",
      items: [{ heading: "实现全程网办登记。", body: [{ type: "paragraph", text: { text: "落地首户港资企业。" } }] }],
    },
    nextSteps: { heading: "下一步创新方向", kind: "paragraph", text: { text: "加强与更多国家和地区的有关部门合作。" } },
  };
}

const messages = (v: unknown) => {
  const r = caseContentSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("numbering", () => {
  it("writes Chinese numerals 1–20 and the three numbering styles", () => {
    const expected = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十".split(" ");
    expect(Array.from({ length: 20 }, (_, i) => chineseNumeral(i + 1))).toEqual(expected);
    expect(sectionNumber(3)).toBe("三、");
    expect(itemNumber(4)).toBe("（四）");
    expect(pointNumber(2)).toBe("二是");
    expect(chineseNumeral(21)).toBe("二十一");
  });
  it("reads numerals back, including Arabic digits", () => {
    for (let n = 1; n <= 99; n++) expect(parseChineseNumeral(chineseNumeral(n))).toBe(n);
    expect(parseChineseNumeral("3")).toBe(3);
    expect(parseChineseNumeral("零")).toBeNull();
    expect(parseChineseNumeral("三批")).toBeNull();
    expect(() => chineseNumeral(0)).toThrow(RangeError);
    // Batch numbers will pass 99 one day: 第一百批, 第一百零一批, 第一百一十批.
    expect([100, 101, 110, 115, 999, 1001, 1010, 1100, 9999].map(chineseNumeral)).toEqual([
      "一百", "一百零一", "一百一十", "一百一十五", "九百九十九", "一千零一", "一千零一十", "一千一百", "九千九百九十九",
    ]);
  });
});

describe("rich text helpers", () => {
  it("slices, concatenates, trims and splits into runs keeping marks aligned", () => {
    const r = rich("  在艺术品进出口方面 ", [{ start: 3, end: 8 }]);
    const t = trimRich(r);
    expect(t).toEqual({ text: "在艺术品进出口方面", marks: [{ start: 1, end: 6 }] });
    expect(toRuns(t)).toEqual([
      { text: "在", bold: false },
      { text: "艺术品进出", bold: true },
      { text: "口方面", bold: false },
    ]);
    expect(concatRich(sliceRich(t, 0, 3), sliceRich(t, 3))).toEqual(t);
    expect(plainText(t)).toBe("在艺术品进出口方面");
    expect(rich("ab", [{ start: 0, end: 1 }, { start: 1, end: 2 }]).marks).toEqual([{ start: 0, end: 2 }]);
  });
});

describe("caseContentSchema", () => {
  it("accepts a valid case", () => {
    expect(caseContentSchema.safeParse(validCase()).success).toBe(true);
  });

  it("limits the title to 40 characters, counted as characters, with a Chinese message", () => {
    const c = validCase();
    c.title = "中".repeat(40);
    expect(caseContentSchema.safeParse(c).success).toBe(true);
    c.title = "中".repeat(41);
    expect(messages(c)).toContain("标题不能超过 40 个字");
    c.title = "𠮷".repeat(40); // astral characters count once each
    expect(caseContentSchema.safeParse(c).success).toBe(true);
    expect(CASE_LIMITS.titleMax).toBe(40);
  });

  it("trims text and requires it non-empty", () => {
    const c = validCase();
    c.title = "   ";
    expect(messages(c)).toContain("请填写标题");
    c.title = "  探索新模式  ";
    const r = caseContentSchema.parse(c);
    expect(r.title).toBe("探索新模式");
    const c2 = validCase();
    c2.intro = [{ text: "  导语。 ", marks: [{ start: 2, end: 4 }] }];
    expect(caseContentSchema.parse(c2).intro[0]).toEqual({ text: "导语。", marks: [{ start: 0, end: 2 }] });
    c2.intro = [{ text: " " }];
    expect(messages(c2)).toContain("请填写导语段落");
  });

  it("limits paragraphs to 2000 characters", () => {
    const c = validCase();
    c.intro = [{ text: "字".repeat(2001) }];
    expect(messages(c)).toContain("导语段落不能超过 2000 个字");
  });

  it("limits item and point counts", () => {
    const c = validCase();
    const item = c.practices.items[0];
    c.practices.items = Array.from({ length: 9 }, () => item);
    expect(messages(c)).toContain("主要做法不能超过 8 条");
    c.practices.items = [];
    expect(messages(c)).toContain("主要做法至少需要 1 条");
    const c2 = validCase();
    c2.effects.items = Array.from({ length: 7 }, () => c2.effects.items[0]);
    expect(messages(c2)).toContain("实践效果不能超过 6 条");
    const c3 = validCase();
    c3.nextSteps = {
      heading: "下一步创新方向",
      kind: "points",
      layout: "inline",
      points: Array.from({ length: 9 }, () => ({ lead: "深化改革", text: { text: "持续推进。" } })),
    };
    expect(messages(c3)).toContain("分点不能超过 8 点");
    c3.nextSteps.points = c3.nextSteps.points.slice(0, 1);
    expect(messages(c3)).toContain("分点至少需要 2 点");
  });

  it("rejects control characters other than newline and tab", () => {
    const c = validCase();
    c.intro = [{ text: "第一行\n第二行\t制表。" }];
    expect(caseContentSchema.safeParse(c).success).toBe(true);
    c.intro = [{ text: "响铃\u0007字符。" }];
    expect(messages(c)).toContain("导语段落不能包含控制字符（换行和制表符除外）");
    c.intro = [{ text: "回车\r字符。" }];
    expect(messages(c)).toContain("导语段落不能包含控制字符（换行和制表符除外）");
    const c2 = validCase();
    c2.title = "标题\u0000";
    expect(messages(c2)).toContain("标题不能包含控制字符");
  });

  it("stores HTML and Markdown-looking text as plain text, but never raw ** ", () => {
    const c = validCase();
    c.intro = [{ text: "<script>alert(1)</script> # 不是标题 & <b>x</b>" }];
    expect(caseContentSchema.parse(c).intro[0].text).toBe("<script>alert(1)</script> # 不是标题 & <b>x</b>");
    c.intro = [{ text: "这是**加粗**。" }];
    expect(messages(c)).toContain("导语段落中不能直接输入“**”，加粗请使用加粗按钮");
  });

  it("rejects invalid bold marks", () => {
    const c = validCase();
    c.intro = [{ text: "短文本。", marks: [{ start: 2, end: 10 }] }];
    expect(messages(c)).toContain("导语段落的加粗位置无效");
    c.intro = [{ text: "短文本。", marks: [{ start: 2, end: 3 }, { start: 1, end: 2 }] }];
    expect(messages(c)).toContain("导语段落的加粗位置无效");
  });

  it("checks headings, templates, regions and list-layout intros", () => {
    const c = validCase();
    (c as { templateId: string }).templateId = "bulletin-v2";
    expect(messages(c)).toContain("不支持的案例模板");
    const c2 = validCase();
    (c2.effects as { heading: string }).heading = "效果";
    expect(messages(c2)).toContain("请选择效果部分的标题");
    const c3 = validCase();
    c3.regions = ["beijing", "tianjin", "tianjin"];
    expect(messages(c3)).toEqual(["参与地区不能包含牵头地区", "参与地区不能重复"]);
    const c4 = validCase();
    c4.practices.items[0].body = [
      { type: "points", layout: "list", intro: { text: "引导。" }, points: [{ text: { text: "甲。" } }, { text: { text: "乙。" } }] },
    ];
    expect(messages(c4)).toContain("每点单独成段时，引导语请作为单独的段落填写");
    const c5 = validCase();
    c5.practices.items[0].body = [{ type: "points", layout: "inline", points: [{ lead: "", text: { text: "" } }, { text: { text: "乙。" } }] }];
    expect(messages(c5)).toContain("每一点都需要填写内容");
  });

  it("gives new forms an empty document that does not validate until filled in", () => {
    const e = emptyCaseContent({ category: "industry-ecosystem", leadRegion: "beijing" });
    expect(e.templateId).toBe("bulletin-v1");
    expect(e.category).toBe("industry-ecosystem");
    const m = messages(e);
    expect(m).toContain("请填写标题");
    expect(m).toContain("请填写导语段落");
    expect(m).toContain("请填写条目标题");
  });
});

describe("quality warnings", () => {
  it("flags English words and half-width punctuation inside Chinese text, not acronyms", () => {
    expect(textDefects("在开发区、孵化器 etc 科创载体")).toEqual(["中文文本中出现英文单词“etc”，请确认是否为转换或录入错误"]);
    expect(textDefects("支持科研机构 and 龙头企业")).toHaveLength(1);
    expect(textDefects("北京 CBD 管委会、ESG 管理、CAR-T 细胞治疗、SGtech、e窗通、形成 A、B、C 档")).toEqual([]);
    expect(textDefects("标准体系(含1套元数据标准),为行业")[0]).toContain("半角标点");
    expect(textDefects("实现1:1数字复原，时延约70-80ms")).toEqual([]);
  });
  it("names where the defect is in a case", () => {
    const c = validCase();
    c.practices.items[0].body = [{ type: "points", layout: "inline", points: [{ lead: "甲", text: { text: "孵化器 etc 科创载体。" } }, { text: { text: "乙。" } }] }];
    const w = qualityWarnings(c);
    expect(w).toHaveLength(1);
    expect(w[0].path).toBe("practices.items.0.body.0.points.0.text");
    expect(w[0].message).toBe("主要做法（一）：中文文本中出现英文单词“etc”，请确认是否为转换或录入错误");
  });
});
