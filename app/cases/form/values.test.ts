import { describe, expect, it } from "vitest";
import { applyStructureOp, carryMarks, contentToFormValues, emptyFormValues, opValue, parseOp, valuesToContent } from "./values";
import { describePath, flattenFieldErrors } from "./paths";

describe("carryMarks: bold survives edits that do not touch it", () => {
  const base = "一是探索资金池。紫金山科技产业集团合作。";
  const lead = { start: 0, end: 8 };

  it("keeps marks of unchanged text", () => {
    expect(carryMarks(base, [lead], base)).toEqual([lead]);
  });
  it("keeps a mark before the edit and shifts a mark after it", () => {
    const text = "一是探索资金池。紫金山科技产业集团深度合作。";
    expect(carryMarks(base, [lead, { start: 19, end: 21 }], text)).toEqual([lead, { start: 21, end: 23 }]);
  });
  it("grows a mark the edit lies inside (typing inside bold text)", () => {
    expect(carryMarks(base, [lead], "一是探索拨投资金池。紫金山科技产业集团合作。")).toEqual([{ start: 0, end: 10 }]);
  });
  it("clips a mark the edit cuts into", () => {
    // the edit replaces "资金池。紫金山" across the end of the mark
    expect(carryMarks(base, [lead], "一是探索基金安排科技产业集团合作。")).toEqual([{ start: 0, end: 4 }]);
  });
  it("drops marks when the whole text is new", () => {
    expect(carryMarks(base, [lead], "全新的段落。")).toEqual([]);
  });
  it("never splits a surrogate pair", () => {
    const m = carryMarks("𠮷野家", [{ start: 0, end: 2 }], "𠮸野家");
    for (const mark of m) expect(mark.end).not.toBe(1);
  });
});

describe("structure operations (the no-JavaScript add / remove / move buttons)", () => {
  const values = () => {
    const v = emptyFormValues({ leadRegion: "beijing" });
    v.practices.items = [
      { heading: "甲。", body: v.practices.items[0].body },
      { heading: "乙。", body: structuredClone(v.practices.items[0].body) },
      { heading: "丙。", body: structuredClone(v.practices.items[0].body) },
    ];
    return v;
  };

  it("parses only the operations the form offers", () => {
    for (const op of [
      { verb: "add", path: "practices.items" },
      { verb: "add", path: "practices.items.0.body", arg: "points" },
      { verb: "up", path: "practices.items.2" },
      { verb: "type", path: "effects.items.0.body.1", arg: "paragraph" },
      { verb: "kind", path: "nextSteps", arg: "points" },
    ] as const) {
      expect(parseOp(opValue(op))).toEqual(op);
    }
    expect(parseOp("op:drop:practices")).toBeNull();
    expect(parseOp("op:up:practices.items.0:points")).toBeNull();
    expect(parseOp("op:type:practices.items.0.body.0")).toBeNull();
  });

  it("moves an item up and down, keeping everything in it", () => {
    const moved = applyStructureOp(values(), { verb: "up", path: "practices.items.2" })!;
    expect(moved.practices.items.map((i) => i.heading)).toEqual(["甲。", "丙。", "乙。"]);
    const back = applyStructureOp(moved, { verb: "down", path: "practices.items.1" })!;
    expect(back.practices.items.map((i) => i.heading)).toEqual(["甲。", "乙。", "丙。"]);
    expect(applyStructureOp(values(), { verb: "up", path: "practices.items.0" })).toBeNull();
  });

  it("adds and removes parts within the limits of the model", () => {
    const added = applyStructureOp(values(), { verb: "add", path: "practices.items.1.body", arg: "points" })!;
    expect(added.practices.items[1].body.map((b) => b.type)).toEqual(["paragraph", "points"]);
    const removed = applyStructureOp(added, { verb: "remove", path: "practices.items.0" })!;
    expect(removed.practices.items.map((i) => i.heading)).toEqual(["乙。", "丙。"]);
    let v = values();
    for (let i = 0; i < 20; i++) v = applyStructureOp(v, { verb: "add", path: "practices.items" }) ?? v;
    expect(v.practices.items).toHaveLength(8);
  });

  it("switches a block to points with two empty points, keeping the paragraph text for a switch back", () => {
    const v = values();
    v.practices.items[0].body[0].text.text = "原来的段落";
    const points = applyStructureOp(v, { verb: "type", path: "practices.items.0.body.0", arg: "points" })!;
    expect(valuesToContent(points).practices.items[0].body[0]).toEqual({ type: "points", layout: "list", points: [{ text: { text: "" } }, { text: { text: "" } }] });
    const back = applyStructureOp(points, { verb: "type", path: "practices.items.0.body.0", arg: "paragraph" })!;
    expect(valuesToContent(back).practices.items[0].body[0]).toEqual({ type: "paragraph", text: { text: "原来的段落" } });
  });

  it("refuses forged paths", () => {
    expect(applyStructureOp(values(), { verb: "add", path: "title" })).toBeNull();
    expect(applyStructureOp(values(), { verb: "remove", path: "practices.items.9" })).toBeNull();
    expect(applyStructureOp(values(), { verb: "type", path: "intro.0", arg: "points" })).toBeNull();
  });
});

describe("values ↔ content", () => {
  it("keeps what the form does not show (the other variant of a block) out of the content", () => {
    const v = emptyFormValues({ leadRegion: "beijing" });
    v.nextSteps.points[0].lead = "草稿中的分点";
    expect(valuesToContent(v).nextSteps).toEqual({ heading: "下一步创新方向", kind: "paragraph", text: { text: "" } });
  });
  it("turns content into values and back without loss", () => {
    const c = valuesToContent(emptyFormValues({ leadRegion: "beijing", category: "industry-ecosystem" }));
    expect(valuesToContent(contentToFormValues(c))).toEqual(c);
  });
});

describe("error paths", () => {
  it("names places of the case in Chinese", () => {
    expect(describePath("practices.items.1.heading")).toBe("主要做法（二）标题");
    expect(describePath("practices.items.0.body.2.text.text")).toBe("主要做法（一）第 3 段");
    expect(describePath("effects.items.0.body.0.points.2.lead")).toBe("实践效果（一）第 1 段三是加粗语");
    expect(describePath("nextSteps.points")).toBe("下一步方向的分点");
    expect(describePath("intro.0.text")).toBe("导语第 1 段");
  });
  it("flattens react-hook-form's nested errors, field-array roots included", () => {
    const ref = {};
    const flat = flattenFieldErrors({
      title: { type: "custom", message: "请填写标题", ref },
      practices: { items: Object.assign([{ heading: { type: "too_small", message: "请填写条目标题", ref } }], { root: { type: "custom", message: "主要做法至少需要 1 条" } }) },
    });
    expect(flat).toEqual({ title: "请填写标题", "practices.items.0.heading": "请填写条目标题", "practices.items": "主要做法至少需要 1 条" });
  });
});
