import { describe, expect, it } from "vitest";
import { parseSingleCase } from "~/import";
import { stripPageChrome } from "./page-chrome";

/**
 * What Chromium puts on the clipboard after Ctrl+A, Ctrl+C on a published case page, as the
 * reviewer sees it (long paragraphs shortened): header, navigation, the case's facts, the case,
 * then the review panel and the history.
 */
const REVIEWER_COPY = `跳到正文
国家服务业扩大开放综合试点示范
最佳实践案例系统
工作台
审核队列
已发布公报
通知
搜索
当前用户：部委审核人
修改密码
退出
状态
已发布
公报
第三批最佳实践案例
类别
体制机制创新
牵头地区
上海市
参与地区
天津市、北京市、广州市、海南省
最后修改
2026/12/01 15:17 · 第 1 版
破解分流监管难题 推动离岸贸易高质量发展
党的二十届三中全会通过的《中共中央关于进一步全面深化改革、推进中国式现代化的决定》在完善高水平对外开放体制机制方面明。

一、主要做法
（一）建立新型离岸贸易“白名单”制度。
为促进和规范离岸贸易发展，上海市商务委、外汇管理局、银监局、海关等监管机构根据以往的贸易数据分析结果，确定可以进行货。

（二）建设新型离岸贸易服务平台。
北京推出“京贸兴”新型国际贸易公共服务平台，通过构建数字化平台赋能“银行、企业、监管、地方”四大服务主体，打造多方协。

（三）完善离岸贸易监管机制。
海南通过外汇与跨境人民币业务展业自律机制，发布海南自由贸易港新型离岸国际贸易展业规范，强调新型离岸国际贸易业务事前尽。

（四）强化离岸贸易税收支持。
离岸贸易是一个高度全球竞争的市场，过高的税率不利于参与竞争。针对这一问题，海南发挥离岸贸易先行先试区政策优势，对符合。

二、实践意义和效果
（一）提高离岸贸易真实性审核能力和效率。
试点示范省市通过建设离岸贸易综合服务平台，整合应用物流、报关等多维度数据，辅助金融机构实现对企业离岸贸易交易真实性进。

（二）促进新型离岸贸易集聚发展。
上海自贸试验区保税区域作为上海离岸转手买卖业务发展的重点区域，集聚了三星半导体、索尼电子、赛默飞世尔等一批离岸贸易标。

（三）增强离岸贸易相关资源整合服务能力。
上海“离岸通”平台已整合 18 个国家的海关报关信息、30 多个主要国际港口的装卸信息，船公司数据覆盖 60% 的集。

三、下一步创新方向
贯彻落实党的二十届三中全会精神，发展新型离岸国际贸易业务，丰富金融产品和服务供给，提升离岸贸易竞争力。一是推进离岸贸。

审核意见
暂无审核意见。

发表意见
针对

意见内容

发表意见
案例历程
2026/12/01 15:17
系统 导入案例`;

const TITLE = "破解分流监管难题 推动离岸贸易高质量发展";

function pasted(text: string) {
  const parsed = parseSingleCase(stripPageChrome(text).text);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
  return parsed;
}

describe("paste-to-fill ignores our own page chrome", () => {
  it("without the pre-pass the parser takes the page's first line for the title", () => {
    const raw = parseSingleCase(REVIEWER_COPY);
    expect(raw.ok && raw.content.title).toBe("跳到正文");
    const fromState = parseSingleCase(REVIEWER_COPY.slice(REVIEWER_COPY.indexOf("状态")));
    expect(fromState.ok && fromState.content.title).toBe("状态");
  });

  it("a whole case page copied by a reviewer: the case's own title, sections, and nothing of the page", () => {
    const stripped = stripPageChrome(REVIEWER_COPY);
    expect(stripped.strippedLines).toBeGreaterThan(20);
    const parsed = pasted(REVIEWER_COPY);
    expect(parsed.content.title).toBe(TITLE);
    expect(parsed.content.practices.items.map((i) => i.heading)).toEqual(["建立新型离岸贸易“白名单”制度。", "建设新型离岸贸易服务平台。", "完善离岸贸易监管机制。", "强化离岸贸易税收支持。"]);
    expect(parsed.content.effects.items).toHaveLength(3);
    expect(parsed.content.nextSteps.heading).toBe("下一步创新方向");
    for (const chrome of ["跳到正文", "当前用户", "第三批最佳实践案例", "审核意见", "暂无审核意见", "发表意见", "案例历程", "导入案例"]) {
      expect(stripped.text, chrome).not.toContain(chrome);
    }
  });

  it("a case page with the reviewer aids after the case (a submitter's view, no comments panel): cut where the aids begin", () => {
    const caseAndAids =
      REVIEWER_COPY.slice(0, REVIEWER_COPY.indexOf("审核意见")) +
      ["审核辅助", "公文规范检查", "英文单词", "导语第 1 段：“etc”", "数据核对 下载 CSV", "数值\t单位\t统计对象", "18\t个\t国家", "相似案例", "未发现相似案例。", "案例历程", "系统 导入案例"].join("\n");
    const stripped = stripPageChrome(caseAndAids);
    for (const chrome of ["审核辅助", "公文规范检查", "数据核对", "相似案例", "案例历程"]) expect(stripped.text, chrome).not.toContain(chrome);
    const parsed = pasted(caseAndAids);
    expect(parsed.content.title).toBe(TITLE);
    expect(parsed.content.nextSteps.heading).toBe("下一步创新方向");
  });

  it("keeps the line numbers of the pasted text (stripped lines become empty)", () => {
    const stripped = stripPageChrome(REVIEWER_COPY).text.split("\n");
    const original = REVIEWER_COPY.split("\n");
    const titleAt = original.indexOf(TITLE);
    expect(stripped[titleAt]).toBe(TITLE);
    expect(stripped.slice(0, titleAt).every((line) => line === "")).toBe(true);
  });

  it("a selection starting at the case's facts (状态 …) or at the title", () => {
    expect(pasted(REVIEWER_COPY.slice(REVIEWER_COPY.indexOf("状态"))).content.title).toBe(TITLE);
    expect(pasted(REVIEWER_COPY.slice(REVIEWER_COPY.indexOf(TITLE))).content.title).toBe(TITLE);
  });

  it("a submitter's draft page: notice, review actions and quality hints before the title", () => {
    const page = [
      "跳到正文",
      "国家服务业扩大开放综合试点示范",
      "最佳实践案例系统",
      "工作台",
      "本地区案例",
      "当前用户：北京市填报人",
      "修改密码",
      "退出",
      "状态",
      "草稿",
      "类别",
      "体制机制创新",
      "牵头地区",
      "北京市",
      "最后修改",
      "2026/12/01 15:17 · 第 3 版",
      "案例已撤回。",
      "审核操作",
      "编辑",
      "提交审核",
      "查看最近一次修改对比",
      "文字质量提示",
      "以下内容可能是转换或录入错误，请审核时留意：",
      "导语第 1 段：中文文本中使用了半角标点“,”，正式文本应使用全角标点",
      "主要做法（二）：中文文本中夹杂英文单词“platform”",
      "数字赋能：打造京津冀一体化贸易服务平台",
      "北京推出新型国际贸易公共服务平台，打造多方协同的数字化服务体系，帮助银行高效便捷地核验每一笔结算。",
      "一、主要做法",
      "（一）建设平台。",
      "北京推出“京贸兴”平台。",
      "二、实践意义和效果",
      "（一）提高效率。",
      "审核周期由 1 个月压缩至 3—7 天。",
      "三、下一步创新方向",
      "推进平台建设。",
    ].join("\n");
    const parsed = pasted(page);
    expect(parsed.content.title).toBe("数字赋能：打造京津冀一体化贸易服务平台");
    expect(parsed.content.intro).toHaveLength(1);
    expect(parsed.content.practices.items[0]!.heading).toBe("建设平台。");
  });

  it("a notice we do not know, right before the title, is not taken for it", () => {
    const page = ["状态", "草稿", "草稿已保存。", "数字赋能 打造贸易服务平台", "北京推出新型国际贸易公共服务平台，打造多方协同的数字化服务体系，帮助银行高效便捷地核验每一笔结算业务。", "一、主要做法", "（一）建设平台。", "正文。"].join("\n");
    expect(pasted(page).content.title).toBe("数字赋能 打造贸易服务平台");
  });

  it("one case selected on a public bulletin page ends before 查看案例页 and the next case", () => {
    const text = [TITLE, "导语正文，说明背景和意义，以及试点示范省市积极开展先行先试的总体情况和取得的主要成效。", "一、主要做法", "（一）建立制度。", "正文。", "查看案例页", "下一个案例的标题", "下一个案例的导语。"].join("\n");
    const stripped = stripPageChrome(text);
    expect(stripped.text).not.toContain("下一个案例");
    expect(pasted(text).content.title).toBe(TITLE);
  });

  it("leaves a case pasted from Word exactly as it is", () => {
    const word = [TITLE, "", "导语。", "", "一、主要做法", "（一）建立制度。状态监测和审核意见由平台统一发布。", "二、实践意义和效果", "（一）效率提高。", "三、下一步创新方向", "继续推进。"].join("\r\n");
    expect(stripPageChrome(word)).toEqual({ text: word, strippedLines: 0 });
  });
});
