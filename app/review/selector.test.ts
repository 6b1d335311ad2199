import { describe, expect, it } from "vitest";
import type { CaseContent } from "~/cases/content/schema";
import { makeSelector, resolveAnchor, resolveQuote, sectionSelector, selectorForQuote, textFields } from "./selector";

const base = (): CaseContent => ({
  templateId: "bulletin-v1",
  title: "深化外资企业注册登记便利化改革",
  category: "institutional-innovation",
  leadRegion: "beijing",
  regions: [],
  intro: [{ text: "北京朝阳区针对外国投资者设立企业时的困难，探索一站式服务模式。" }],
  practices: {
    items: [
      { heading: "实现公文书电子化流转和线上查验。", body: [{ type: "paragraph", text: { text: "朝阳区率先实现公证文书电子化流转，全年办理业务一千二百件。" } }] },
      { heading: "优化外资企业登记服务流程。", body: [{ type: "paragraph", text: { text: "设立外资服务专窗，提供全程帮办服务。" } }] },
    ],
  },
  effects: { heading: "实践意义和效果", items: [{ heading: "实现全程网办登记。", body: [{ type: "paragraph", text: { text: "落地首户港资企业。" } }] }] },
  nextSteps: { heading: "下一步创新方向", kind: "paragraph", text: { text: "加强与更多国家和地区的有关部门合作。" } },
});

const FIELD = "practices.items.0.body.0.text";
const text = (c: CaseContent) => (c.practices.items[0].body[0] as { text: { text: string } }).text.text;
const setText = (c: CaseContent, s: string) => ((c.practices.items[0].body[0] as { text: { text: string } }).text.text = s);

function quoteOf(c: CaseContent, quote: string) {
  const start = text(c).indexOf(quote);
  return makeSelector(c, FIELD, start, start + quote.length)!;
}

describe("inline comment selectors", () => {
  it("lists every text of the case with its path", () => {
    const paths = textFields(base()).map((f) => f.path);
    expect(paths).toContain("practices.items.1.heading");
    expect(paths).toContain(FIELD);
    expect(paths).toContain("nextSteps.text");
  });

  it("keep the quote and its surroundings", () => {
    const sel = quoteOf(base(), "全年办理业务一千二百件");
    expect(sel).toMatchObject({ field: FIELD, exact: "全年办理业务一千二百件", prefix: "朝阳区率先实现公证文书电子化流转，", suffix: "。" });
    expect(makeSelector(base(), FIELD, 5, 500)).toBeNull();
    expect(makeSelector(base(), "practices.items.9.heading", 0, 2)).toBeNull();
  });

  it("survive edits to other paragraphs and to the same paragraph elsewhere", () => {
    const c = base();
    const sel = quoteOf(c, "全年办理业务一千二百件");
    c.intro[0].text = "完全重写的导语。";
    c.practices.items[1].body = [{ type: "paragraph", text: { text: "新的第二条做法。" } }];
    setText(c, `据统计，${text(c)}`);
    const p = resolveQuote(sel, c);
    expect(p).toMatchObject({ status: "anchored", field: FIELD, start: sel.start + 4, end: sel.end + 4 });
  });

  it("follow their passage when items are reordered", () => {
    const c = base();
    const sel = quoteOf(c, "全年办理业务一千二百件");
    c.practices.items.reverse();
    expect(resolveAnchor("practices.items.0", sel, c)).toMatchObject({ anchor: "practices.items.1", outdated: false, passage: { status: "anchored" } });
  });

  it("match a slightly edited passage approximately, and say so", () => {
    const c = base();
    const sel = quoteOf(c, "全年办理业务一千二百件");
    setText(c, text(c).replace("一千二百件", "一千三百件"));
    expect(resolveQuote(sel, c)).toMatchObject({ status: "changed", field: FIELD });
  });

  it("turn outdated when the passage is gone, and never attach to the same words elsewhere without their context", () => {
    const c = base();
    const sel = quoteOf(c, "全年办理业务一千二百件");
    setText(c, "朝阳区率先实现公证文书电子化流转。");
    expect(resolveAnchor("practices.items.0", sel, c)).toMatchObject({ outdated: true, passage: { status: "outdated", quote: "全年办理业务一千二百件" } });

    const short = quoteOf(base(), "流转");
    const moved = base();
    setText(moved, "改为线上查验。");
    moved.effects.items[0].body = [{ type: "paragraph", text: { text: "其他地区的文书也已流转" } }];
    expect(resolveQuote(short, moved).status).toBe("outdated");
  });

  it("find a typed quote inside the chosen section, refusing a missing or ambiguous one", () => {
    const c = base();
    expect(selectorForQuote(c, "practices.items.0", "一千二百件")).toMatchObject({ ok: true, selector: { field: FIELD } });
    expect(selectorForQuote(c, "practices.items.1", "一千二百件")).toEqual({ ok: false, reason: "missing" });
    expect(selectorForQuote(c, "general", "实现")).toEqual({ ok: false, reason: "ambiguous" });
    // a stale hint (the page showed another version) falls back to the search
    expect(selectorForQuote(c, "practices.items.0", "一千二百件", { field: FIELD, start: 0, end: 5 })).toMatchObject({ ok: true });
  });

  it("section comments on an item follow the item's heading", () => {
    const c = base();
    const sel = sectionSelector(c, "practices.items.1")!;
    c.practices.items.reverse();
    expect(resolveAnchor("practices.items.1", sel, c)).toEqual({ anchor: "practices.items.0", passage: null, outdated: false });
    c.practices.items = c.practices.items.slice(1);
    expect(resolveAnchor("practices.items.1", sel, c)).toMatchObject({ outdated: true });
  });
});
