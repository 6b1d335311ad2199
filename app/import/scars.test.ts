import { describe, expect, it } from "vitest";
import { MAX_BULLETIN_BYTES, parseBulletin, parseSingleCase, type ImportedBulletin } from "./index";
import type { Block } from "~/cases/content/schema";

/** A minimal case body in the bulletin's structure. */
const CASE_BODY = `北京积极探索改革。

### 一、主要做法

#### （一）先行先试。

北京聚焦堵点。

### 二、实践意义和效果

### （一）成效显著。

截至 2024 年 8 月，成效显著。

### 三、下一步创新方向

持续深化改革。
`;

function bulletin(toc: string, body: string): string {
  return `国家服务业扩大开放综合试点示范建设\n第五批最佳实践案例\n\n## 前 言\n\n前言第一段。\n\n## 目 录\n\n${toc}\n\n${body}`;
}

function ok(text: string): ImportedBulletin {
  const r = parseBulletin(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.bulletin;
}

const onlyCase = (b: ImportedBulletin) => b.categories[0].cases[0].content;

/** Single case with a replaced 主要做法 item body. */
function caseWithPractice(itemLines: string): string {
  return `案例标题\n\n导语。\n\n一、主要做法\n\n（一）条目。\n\n${itemLines}\n\n二、实践效果\n\n（一）效果。\n\n效果段落。\n\n三、下一步创新方向\n\n下一步。`;
}
function practiceBody(itemLines: string): Block[] {
  const r = parseSingleCase(caseWithPractice(itemLines));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.content.practices.items[0].body;
}

describe("bulletin structure scars", () => {
  it("reads the batch number from Chinese or Arabic numerals and joins the split title", () => {
    const b = ok(bulletin("类别甲 ..... 1\n案例一 ..... 2", `# 类别甲\n\n## 案例一\n\n${CASE_BODY}`));
    expect(b.batchNumber).toBe(5);
    expect(b.title).toBe("国家服务业扩大开放综合试点示范建设第五批最佳实践案例");
    const b12 = ok(bulletin("类别甲 ..... 1\n案例一 ..... 2", `# 类别甲\n\n## 案例一\n\n${CASE_BODY}`).replace("第五批", "第12批"));
    expect(b12.batchNumber).toBe(12);
    const b20 = ok(bulletin("类别甲 ..... 1\n案例一 ..... 2", `# 类别甲\n\n## 案例一\n\n${CASE_BODY}`).replace("第五批", "第二十批"));
    expect(b20.batchNumber).toBe(20);
  });

  it("tells categories from case titles by the 目录, whatever the heading levels", () => {
    // category at ## and case at # (inverse of the usual), bold headings, a TOC entry with a tab and
    // no dots, and a TOC entry separated by a blank line
    const toc = "类别甲 ..... 1\n案例一\t2\n\n案例二 ..... 5";
    const body = `## **类别甲**\n\n# 案例一\n\n${CASE_BODY}\n#### **案例二**\n\n${CASE_BODY}`;
    const b = ok(bulletin(toc, body));
    expect(b.categories).toHaveLength(1);
    expect(b.categories[0].name).toBe("类别甲");
    expect(b.categories[0].cases.map((c) => c.content.title)).toEqual(["案例一", "案例二"]);
  });

  it("finds a case title split over two heading lines", () => {
    const toc = "类别甲 ..... 1\n探索中国—新加坡全环节分布式贸易数字化新模式 ..... 2";
    const body = `# 类别甲\n\n# 探索中国—新加坡全环节分布式贸易数字化\n\n## 新模式\n\n${CASE_BODY}`;
    const c = onlyCase(ok(bulletin(toc, body)));
    expect(c.title).toBe("探索中国—新加坡全环节分布式贸易数字化新模式");
    expect(c.intro[0].text).toBe("北京积极探索改革。");
  });

  it("joins an item heading split over two lines", () => {
    const body = CASE_BODY.replace("#### （一）先行先试。", "#### （一）融合信用管理，构建绿色租赁发展激\n\n## **励机制。**");
    const c = onlyCase(ok(bulletin("类别甲 ..... 1\n案例一 ..... 2", `# 类别甲\n\n## 案例一\n\n${body}`)));
    expect(c.practices.items.map((i) => i.heading)).toEqual(["融合信用管理，构建绿色租赁发展激励机制。"]);
  });

  it("accepts half-width brackets and bold headings for items", () => {
    const body = CASE_BODY.replace("#### （一）先行先试。\n\n北京聚焦堵点。", "## **(一)先行先试。**\n\n北京聚焦堵点。\n\n**（二）探索新路。**\n\n上海探索。");
    const c = onlyCase(ok(bulletin("类别甲 ..... 1\n案例一 ..... 2", `# 类别甲\n\n## 案例一\n\n${body}`)));
    expect(c.practices.items.map((i) => i.heading)).toEqual(["先行先试。", "探索新路。"]);
  });

  it("recognises section headings at any level, bold or not, with both heading variants", () => {
    const body = CASE_BODY.replace("### 二、实践意义和效果", "## **二、实践效果**").replace("### 三、下一步创新方向", "#### **三、下一步开放创新方向**");
    const c = onlyCase(ok(bulletin("类别甲 ..... 1\n案例一 ..... 2", `# 类别甲\n\n## 案例一\n\n${body}`)));
    expect(c.effects.heading).toBe("实践效果");
    expect(c.nextSteps.heading).toBe("下一步开放创新方向");
  });
});

describe("paragraph scars", () => {
  it("rejoins a paragraph cut mid-sentence at a page break", () => {
    const body = practiceBody("北京充分发挥改革创新“试\n\n验田”作用，构建服务体系。\n\n第二段另起。");
    expect(body).toEqual([
      { type: "paragraph", text: { text: "北京充分发挥改革创新“试验田”作用，构建服务体系。" } },
      { type: "paragraph", text: { text: "第二段另起。" } },
    ]);
  });

  it("does not merge real paragraphs that end a sentence (。！？；： or a closing quote)", () => {
    const body = practiceBody("第一段。\n\n第二段！\n\n第三段：\n\n文化是重要支点”\n\n第五段。");
    expect(body).toHaveLength(5);
  });

  it("keeps bold across a page break join with offsets in the joined text", () => {
    const body = practiceBody("例如，在中国未来\n\n**网络实验设施建设方面**，南京坚持原则。");
    expect(body).toEqual([
      { type: "paragraph", text: { text: "例如，在中国未来网络实验设施建设方面，南京坚持原则。", marks: [{ start: 8, end: 18 }] } },
    ]);
  });

  it("keeps a practices lead paragraph before （一）", () => {
    const r = parseSingleCase(caseWithPractice("正文。").replace("一、主要做法\n\n", "一、主要做法\n\n试点示范省市立足自身优势。\n\n"));
    expect(r.ok && r.content.practices.lead).toEqual({ text: "试点示范省市立足自身优势。" });
  });

  it("splits inline points 一是/二是 after lead text, with bold lead phrases inside or outside the bold", () => {
    const body = practiceBody("三方在研发方面，**一是探索资金池方式**。紫金山合作。二是**建立服务机制**。集团推进。**三是创新转化机制。**围绕问题。");
    expect(body).toEqual([
      {
        type: "points",
        layout: "inline",
        intro: { text: "三方在研发方面，" },
        points: [
          { lead: "探索资金池方式", text: { text: "紫金山合作。" } },
          { lead: "建立服务机制", text: { text: "集团推进。" } },
          { lead: "创新转化机制", text: { text: "围绕问题。" } },
        ],
      },
    ]);
  });

  it("reads points one per paragraph, guessing an unbolded short lead phrase", () => {
    const body = practiceBody("一是以金融创新赋能文化产业发展。北京充分发挥作用。\n\n二是将港口服务前置到朝阳区，企业便可享受服务。\n\n**三是以园区化推动发展。**沈阳积极打造。");
    expect(body).toEqual([
      {
        type: "points",
        layout: "list",
        points: [
          { lead: "以金融创新赋能文化产业发展", text: { text: "北京充分发挥作用。" } },
          { text: { text: "将港口服务前置到朝阳区，企业便可享受服务。" } },
          { lead: "以园区化推动发展", text: { text: "沈阳积极打造。" } },
        ],
      },
    ]);
  });

  it("does not read 统一是 or 十一是 as a point marker", () => {
    const body = practiceBody("标准统一是关键。二是不存在。");
    expect(body).toEqual([{ type: "paragraph", text: { text: "标准统一是关键。二是不存在。" } }]);
  });

  it("reads bold-led sub-paragraphs without 一是, but not a bold region name", () => {
    const body = practiceBody("**打造穗港全科诊疗服务。**广州市依照标准。\n\n**成都**支持生物城推出创新券。");
    expect(body).toEqual([
      { type: "paragraph", lead: "打造穗港全科诊疗服务", text: { text: "广州市依照标准。" } },
      { type: "paragraph", text: { text: "成都支持生物城推出创新券。", marks: [{ start: 0, end: 2 }] } },
    ]);
  });

  it("reads 下一步 as one paragraph, inline points, or one point per line", () => {
    const base = caseWithPractice("正文。");
    const para = parseSingleCase(base.replace("下一步。", "加强合作。积极拓展数据通道衍生产业。"));
    expect(para.ok && para.content.nextSteps).toEqual({ heading: "下一步创新方向", kind: "paragraph", text: { text: "加强合作。积极拓展数据通道衍生产业。" } });
    const inline = parseSingleCase(base.replace("下一步。", "聚焦开放。一是**深化改革**。甲。二是**挖掘资源**。乙。**三是促进融合。**丙。"));
    expect(inline.ok && inline.content.nextSteps).toMatchObject({ kind: "points", layout: "inline", intro: { text: "聚焦开放。" } });
    const list = parseSingleCase(base.replace("下一步。", "聚焦开放。\n\n一是深化改革。甲。\n\n二是挖掘资源。乙。\n\n三是促进融合。丙。"));
    expect(list.ok && list.content.nextSteps).toEqual({
      heading: "下一步创新方向",
      kind: "points",
      layout: "list",
      intro: { text: "聚焦开放。" },
      points: [
        { lead: "深化改革", text: { text: "甲。" } },
        { lead: "挖掘资源", text: { text: "乙。" } },
        { lead: "促进融合", text: { text: "丙。" } },
      ],
    });
  });

  it("keeps Latin-word defects in the text and warns about them with the line", () => {
    const r = parseSingleCase(caseWithPractice("在开发区、孵化器 etc 科创载体成立驿站。"));
    expect(r.ok && r.content.practices.items[0].body[0]).toEqual({ type: "paragraph", text: { text: "在开发区、孵化器 etc 科创载体成立驿站。" } });
    expect(r.ok && r.warnings).toContainEqual({ line: 9, message: "第 9 行：中文文本中出现英文单词“etc”，请确认是否为转换或录入错误" });
  });
});

describe("rejections with Chinese errors naming the line", () => {
  it("rejects empty input", () => {
    expect(parseBulletin("")).toEqual({ ok: false, errors: [{ line: 1, message: "第 1 行：内容为空，请粘贴或上传公报全文" }] });
    expect(parseBulletin(" \n\n\t\n").ok).toBe(false);
    expect(parseSingleCase("").ok).toBe(false);
  });

  it("rejects a bulletin without 目录", () => {
    const r = parseBulletin(`标题\n\n# 类别甲\n\n## 案例一\n\n${CASE_BODY}`);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0].message).toContain("找不到“目录”");
  });

  it("rejects binary junk", () => {
    const nul = parseBulletin("第一行\n第二行\u0000\u0001PK");
    expect(nul).toEqual({ ok: false, errors: [{ line: 2, message: "第 2 行：包含二进制内容（NUL 字符），这不是文本文件，请先转换为文本或 Markdown" }] });
    const junk = parseBulletin("正文\n" + "\ufffd\u0003\u0002".repeat(200));
    expect(junk.ok).toBe(false);
    expect(!junk.ok && junk.errors[0].message).toContain("乱码");
  });

  // How fast it refuses (before parsing) is a figure of `npm run bench:parse`, not an assertion here.
  it("rejects a 50 MB string by its size, before parsing", () => {
    const huge = "很".repeat(50 * 1024 * 1024);
    const r = parseBulletin(huge);
    expect(r).toEqual({ ok: false, errors: [{ line: 1, message: "第 1 行：文件过大，超过 5 MB 的上限，请检查是否选错了文件" }] });
    // the limit is in UTF-8 bytes: 2 M Chinese characters are 6 MB
    expect(parseBulletin("很".repeat(2 * 1024 * 1024)).ok).toBe(false);
    expect(MAX_BULLETIN_BYTES).toBe(5 * 1024 * 1024);
  });

  it("rejects a 目录 entry without a matching case", () => {
    const r = parseBulletin(bulletin("类别甲 ..... 1\n案例一 ..... 2\n不存在的案例 ..... 9", `# 类别甲\n\n## 案例一\n\n${CASE_BODY}`));
    expect(r).toEqual({ ok: false, errors: [{ line: 12, message: "第 12 行：目录中的“不存在的案例”在正文中找不到对应的类别或案例" }] });
  });

  it("rejects a case missing 主要做法", () => {
    const body = CASE_BODY.replace(/### 一、主要做法[\s\S]*?(?=### 二)/, "");
    const r = parseBulletin(bulletin("类别甲 ..... 1\n案例一 ..... 2", `# 类别甲\n\n## 案例一\n\n${body}`));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toContainEqual({ line: 15, message: "第 15 行：案例“案例一”缺少“主要做法”部分" });
  });
});

describe("parseSingleCase", () => {
  it("reads a case pasted from Word (plain numbering, no Markdown, CRLF)", () => {
    const text = [
      "深化外资企业注册登记便利化改革",
      "北京朝阳区针对外国投资者设立企业时的困难，探索一站式服务模式。",
      "一、主要做法",
      "（一）实现公文书电子化流转。北京朝阳区积极申请支持。",
      "（二）打破身份认证瓶颈。以往需现场提交材料。",
      "二、实践意义和效果",
      "（一）实现全程网办登记。北京朝阳区率先实现。",
      "三、下一步创新方向",
      "加强与更多国家和地区的有关部门合作。",
    ].join("\r\n");
    const r = parseSingleCase(text);
    if (!r.ok) throw new Error("expected ok");
    expect(r.content.title).toBe("深化外资企业注册登记便利化改革");
    expect(r.content.practices.items).toEqual([
      { heading: "实现公文书电子化流转。", body: [{ type: "paragraph", text: { text: "北京朝阳区积极申请支持。" } }] },
      { heading: "打破身份认证瓶颈。", body: [{ type: "paragraph", text: { text: "以往需现场提交材料。" } }] },
    ]);
    expect(r.proposedRegions).toEqual(["beijing"]);
    expect(r.recognised).toEqual(["标题：深化外资企业注册登记便利化改革", "导语 1 段", "主要做法 2 条", "实践意义和效果 1 条", "下一步创新方向：一段文字"]);
    expect(r.warnings).toEqual([]);
  });

  it("does not take a section heading as the title and reports what is missing as warnings", () => {
    const r = parseSingleCase("一、主要做法\n\n（一）条目。\n\n正文。");
    if (!r.ok) throw new Error("expected ok");
    expect(r.content.title).toBe("");
    expect(r.content.practices.items).toHaveLength(1);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "第 1 行：第一行是“一、主要做法”，没有找到案例标题",
      "第 1 行：案例“”缺少导语（标题与“主要做法”之间的段落）",
      "第 1 行：案例“”缺少“实践意义和效果”或“实践效果”部分",
      "第 1 行：案例“”缺少“下一步创新方向”部分",
    ]);
  });
});

describe("proposed regions", () => {
  it("proposes regions acting as subjects, not regions named as places or objects", async () => {
    const { actingRegions } = await import("./regions");
    expect(actingRegions(["北京积极争取支持。为畅通水道，武汉与上海合作。"])).toEqual(["beijing", "wuhan", "shanghai"]);
    expect(actingRegions(["生物城域内企业可申请创新券购买重庆、成德眉资范围内的服务。"])).toEqual([]);
    expect(actingRegions(["北京 CBD 管委会联合天津港（集团）有限公司，在中国（上海）自由贸易试验区开展。"])).toEqual(["beijing"]);
    expect(actingRegions(["为促进离岸贸易发展，上海市商务委确定名单。"])).toEqual(["shanghai"]);
    expect(actingRegions(["南京仅次于北京和上海，跻身前三。"])).toEqual(["nanjing"]);
    expect(actingRegions(["加强武汉与上海、重庆等城市合作。"])).toEqual([]);
  });
});
