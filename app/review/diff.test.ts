import { describe, expect, it } from "vitest";
import type { CaseContent } from "~/cases/content/schema";
import { anchorLabel, anchorOptions, groupComments, isValidAnchor, parseAnchor } from "./anchors";
import { diffCases, diffText, elideUnchanged, sectionTexts, type DiffPart } from "./diff";

function content(): CaseContent {
  return {
    templateId: "bulletin-v1",
    title: "深化外资企业注册登记便利化改革",
    category: "institutional-innovation",
    leadRegion: "beijing",
    regions: ["tianjin"],
    intro: [{ text: "北京朝阳区针对外国投资者设立企业时的困难，探索一站式服务模式。" }],
    practices: {
      lead: { text: "主要做法如下。" },
      items: [
        {
          heading: "实现公文书电子化流转和线上查验。",
          body: [
            { type: "paragraph", text: { text: "北京朝阳区积极申请支持。", marks: [{ start: 0, end: 5 }] } },
            { type: "points", layout: "inline", intro: { text: "具体包括：" }, points: [{ text: { text: "线上查验" } }, { lead: "电子流转", text: { text: "全程留痕" } }] },
          ],
        },
        { heading: "优化外资企业登记服务流程。", body: [{ type: "paragraph", text: { text: "设立外资服务专窗。" } }] },
      ],
    },
    effects: {
      heading: "实践意义和效果",
      items: [{ heading: "实现全程网办登记。", body: [{ type: "paragraph", text: { text: "落地首户港资企业。" } }] }],
    },
    nextSteps: { heading: "下一步创新方向", kind: "paragraph", text: { text: "加强与更多国家和地区的有关部门合作。" } },
  };
}

const joined = (parts: readonly DiffPart[], keep: (p: DiffPart) => boolean) => parts.filter(keep).map((p) => p.text).join("");
const oldText = (parts: readonly DiffPart[]) => joined(parts, (p) => p.type !== "added");
const newText = (parts: readonly DiffPart[]) => joined(parts, (p) => p.type !== "removed");

describe("sectionTexts", () => {
  it("extracts each section's plain text from the render model, numbering included", () => {
    const sections = sectionTexts(content(), { regionNames: { beijing: "北京市", tianjin: "天津市" }, categoryNames: { "institutional-innovation": "体制机制创新" } });
    const byKey = Object.fromEntries(sections.map((s) => [s.key, s]));
    expect(sections.map((s) => s.key)).toEqual([
      "meta",
      "title",
      "intro",
      "practices.lead",
      "practices.items.0",
      "practices.items.1",
      "effects.heading",
      "effects.items.0",
      "nextSteps",
    ]);
    expect(byKey.meta.text).toBe("类别：体制机制创新\n牵头地区：北京市\n参与地区：天津市");
    expect(byKey["practices.items.0"].label).toBe("主要做法（一）");
    // Heading with its number, the paragraph, then the inline points numbered 一是/二是 with the lead's "。".
    expect(byKey["practices.items.0"].text).toBe("（一）实现公文书电子化流转和线上查验。\n北京朝阳区积极申请支持。\n具体包括：一是线上查验二是电子流转。全程留痕");
    expect(byKey["effects.items.0"]).toMatchObject({ label: "实践效果（一）", text: "（一）实现全程网办登记。\n落地首户港资企业。" });
    expect(byKey["effects.heading"].text).toBe("二、实践意义和效果");
    expect(byKey.nextSteps.text).toBe("三、下一步创新方向\n加强与更多国家和地区的有关部门合作。");
  });
});

describe("diffText", () => {
  it("diffs Chinese character by character", () => {
    const parts = diffText("北京积极争取支持", "北京主动争取国家支持");
    expect(parts).toEqual([
      { type: "same", text: "北京" },
      { type: "removed", text: "积极" },
      { type: "added", text: "主动" },
      { type: "same", text: "争取" },
      { type: "added", text: "国家" },
      { type: "same", text: "支持" },
    ]);
  });

  it("never splits a character outside the basic plane", () => {
    const parts = diffText("𠮷野家", "𠮷田家");
    expect(parts.map((p) => p.text)).toEqual(["𠮷", "野", "田", "家"]);
    expect(oldText(parts)).toBe("𠮷野家");
    expect(newText(parts)).toBe("𠮷田家");
  });
});

describe("diffCases", () => {
  it("finds exactly the changed practice item, counting characters", () => {
    const before = content();
    const after = content();
    after.practices.items[1].body = [{ type: "paragraph", text: { text: "设立外资服务专窗，实行一对一帮办。" } }];
    const diff = diffCases(before, after);
    expect(diff.changedCount).toBe(1);
    const changed = diff.sections.filter((s) => s.status !== "unchanged");
    expect(changed.map((s) => s.key)).toEqual(["practices.items.1"]);
    expect(changed[0]).toMatchObject({ label: "主要做法（二）", added: 8, removed: 0 });
    expect(changed[0].parts.filter((p) => p.type === "added").map((p) => p.text).join("")).toBe("，实行一对一帮办");
    expect(oldText(changed[0].parts)).toBe("（二）优化外资企业登记服务流程。\n设立外资服务专窗。");
    expect(newText(changed[0].parts)).toBe("（二）优化外资企业登记服务流程。\n设立外资服务专窗，实行一对一帮办。");
  });

  it("matches items by position and shows added and removed items", () => {
    const before = content();
    const after = content();
    after.practices.items.pop();
    after.effects.items.push({ heading: "带动外资集聚。", body: [{ type: "paragraph", text: { text: "新设外资企业增长三成。" } }] });
    const diff = diffCases(before, after);
    const byKey = Object.fromEntries(diff.sections.map((s) => [s.key, s]));
    expect(byKey["practices.items.1"]).toMatchObject({ status: "removed", removed: [..."（二）优化外资企业登记服务流程。\n设立外资服务专窗。"].length });
    expect(byKey["effects.items.1"]).toMatchObject({ status: "added", label: "实践效果（二）" });
    expect(byKey["effects.items.1"].parts).toEqual([{ type: "added", text: "（二）带动外资集聚。\n新设外资企业增长三成。" }]);
    // Removed items keep their place in document order.
    expect(diff.sections.map((s) => s.key).indexOf("practices.items.1")).toBeLessThan(diff.sections.map((s) => s.key).indexOf("effects.heading"));
    expect(diff.changedCount).toBe(2);
  });

  it("reports title, intro, lead and next steps changes, and a change of the effects heading", () => {
    const before = content();
    const after = content();
    after.title = "深化外资企业登记便利化改革";
    after.intro = [...after.intro, { text: "第二段导语。" }];
    delete after.practices.lead;
    after.effects.heading = "实践效果";
    after.nextSteps = { heading: "下一步开放创新方向", kind: "points", layout: "list", points: [{ text: { text: "扩大合作" } }, { text: { text: "完善机制" } }] };
    const statuses = Object.fromEntries(diffCases(before, after).sections.map((s) => [s.key, s.status]));
    expect(statuses).toMatchObject({
      meta: "unchanged",
      title: "changed",
      intro: "changed",
      "practices.lead": "removed",
      "practices.items.0": "unchanged",
      "effects.heading": "changed",
      nextSteps: "changed",
    });
  });

  it("ignores bold-only changes and reports identical versions as unchanged", () => {
    const before = content();
    const after = content();
    after.practices.items[0].body[0] = { type: "paragraph", text: { text: "北京朝阳区积极申请支持。" } };
    const diff = diffCases(before, after);
    expect(diff.changedCount).toBe(0);
    expect(diff.sections.every((s) => s.status === "unchanged" && s.added === 0 && s.removed === 0)).toBe(true);
  });

  it("treats every section as added when there is no earlier version", () => {
    const diff = diffCases(null, content());
    expect(diff.sections.every((s) => s.status === "added")).toBe(true);
  });
});

describe("elideUnchanged", () => {
  it("keeps context around changes and leaves out long unchanged stretches", () => {
    const long = "甲".repeat(100);
    const parts: DiffPart[] = [
      { type: "same", text: long },
      { type: "added", text: "新" },
      { type: "same", text: long },
      { type: "removed", text: "旧" },
      { type: "same", text: long },
    ];
    const shown = elideUnchanged(parts, 10);
    expect(shown).toEqual([
      { type: "gap", count: 90 },
      { type: "same", text: "甲".repeat(10) },
      { type: "added", text: "新" },
      { type: "same", text: "甲".repeat(10) },
      { type: "gap", count: 80 },
      { type: "same", text: "甲".repeat(10) },
      { type: "removed", text: "旧" },
      { type: "same", text: "甲".repeat(10) },
      { type: "gap", count: 90 },
    ]);
  });

  it("leaves short stretches whole", () => {
    const parts: DiffPart[] = [
      { type: "same", text: "短文本" },
      { type: "added", text: "新" },
    ];
    expect(elideUnchanged(parts, 10)).toEqual(parts);
  });
});

describe("comment anchors", () => {
  it("parses the anchors of the brief and nothing else", () => {
    expect(parseAnchor("practices.items.2")).toEqual({ section: "practices.items", index: 2 });
    expect(parseAnchor("general")).toEqual({ section: "general", index: null });
    for (const bad of ["practices.items.-1", "practices.items.01", "effects", "title", "nextSteps.0", ""]) expect(parseAnchor(bad)).toBeNull();
  });

  it("validates against the content and labels items with their heading", () => {
    const c = content();
    expect(isValidAnchor("practices.items.1", c)).toBe(true);
    expect(isValidAnchor("practices.items.2", c)).toBe(false);
    expect(isValidAnchor("effects.items.0", c)).toBe(true);
    expect(isValidAnchor("practices.lead", { ...c, practices: { items: c.practices.items } })).toBe(false);
    expect(anchorLabel("practices.items.1", c)).toBe("主要做法（二）优化外资企业登记服务流程。");
    expect(anchorLabel("effects.items.3", c)).toBe("实践效果第 4 条（已删除）");
    expect(anchorOptions(c).map((o) => o.value)).toEqual(["general", "intro", "practices.lead", "practices.items.0", "practices.items.1", "effects.items.0", "nextSteps"]);
  });

  it("groups comments into threads by anchor, in document order", () => {
    const at = (n: number) => new Date(Date.UTC(2025, 0, 1, 0, n));
    const comments = [
      { id: 1, parentId: null, anchor: "nextSteps", createdAt: at(1) },
      { id: 2, parentId: null, anchor: "practices.items.1", createdAt: at(2) },
      { id: 3, parentId: 2, anchor: "practices.items.1", createdAt: at(3) },
      { id: 4, parentId: null, anchor: "general", createdAt: at(4) },
      { id: 5, parentId: 3, anchor: "practices.items.1", createdAt: at(5) },
    ];
    const groups = groupComments(comments, content());
    expect(groups.map((g) => [g.anchor, g.label])).toEqual([
      ["general", "总体意见"],
      ["practices.items.1", "主要做法（二）优化外资企业登记服务流程。"],
      ["nextSteps", "下一步方向"],
    ]);
    expect(groups[1].threads).toHaveLength(1);
    expect(groups[1].threads[0].root.id).toBe(2);
    expect(groups[1].threads[0].replies.map((r) => r.id)).toEqual([3, 5]);
  });
});
