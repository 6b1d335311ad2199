import { describe, expect, it } from "vitest";
import { CASE_LIMITS, caseContentSchema, type CaseContent } from "~/cases/content";
import { caseDraftSchema, formSchema, validateContent } from "./draft-schema";
import { emptyFormValues, emptyItem, valuesToContent, type CaseFormValues } from "./values";

const basics = { title: "探索“数智化”在线司法解纷新模式", category: "institutional-innovation", leadRegion: "beijing" };

function draft(mutate: (v: CaseFormValues) => void = () => {}): CaseContent {
  const v = emptyFormValues(basics);
  v.title = basics.title;
  mutate(v);
  return valuesToContent(v);
}

describe("draft rule: title, category and lead region, plus structurally valid data", () => {
  it("accepts a draft that is only a title, a category and a lead region", () => {
    const result = validateContent(draft(), "draft");
    expect(result.ok).toBe(true);
  });

  it("refuses the same draft for submission, explaining every missing part in Chinese", () => {
    const result = validateContent(draft(), "submit");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      "intro.0.text": "请填写导语段落",
      "practices.items.0.heading": "请填写条目标题",
      "practices.items.0.body.0.text.text": "请填写段落",
      "effects.items.0.heading": "请填写条目标题",
      "nextSteps.text.text": "请填写下一步方向正文",
    });
  });

  it("needs a title, a category and a lead region even for a draft", () => {
    const result = validateContent(draft((v) => Object.assign(v, { title: " ", category: "", leadRegion: "" })), "draft");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ title: "请填写标题", category: "请选择案例类别", leadRegion: "请选择牵头地区" });
  });

  it("allows empty sections and a points list that is not finished yet", () => {
    const content = draft((v) => {
      v.intro = [];
      v.practices.items = [];
      v.effects.items = [];
      v.nextSteps.kind = "points";
      v.nextSteps.points = [{ lead: "持续深化改革", text: { text: "", marks: "" } }];
    });
    expect(validateContent(content, "draft").ok).toBe(true);
    const submitted = validateContent(content, "submit");
    expect(submitted.ok).toBe(false);
    if (!submitted.ok) expect(submitted.errors["nextSteps.points"]).toBe(`分点至少需要 ${CASE_LIMITS.pointsMin} 点`);
  });

  it("still enforces every limit in a draft: lengths, numbers of items, control characters, **", () => {
    const result = validateContent(
      draft((v) => {
        v.title = "标".repeat(CASE_LIMITS.titleMax + 1);
        v.practices.items = Array.from({ length: CASE_LIMITS.practiceItemsMax + 1 }, emptyItem);
        v.intro = [{ text: "含有控制字符\u0007的段落", marks: "" }];
        v.effects.items[0].heading = "带**星号**的标题";
        v.effects.items[0].body[0].text.text = "长".repeat(CASE_LIMITS.paragraphMax + 1);
      }),
      "draft",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      title: `标题不能超过 ${CASE_LIMITS.titleMax} 个字`,
      "practices.items": `主要做法不能超过 ${CASE_LIMITS.practiceItemsMax} 条`,
      "intro.0.text": "导语段落不能包含控制字符（换行和制表符除外）",
      "effects.items.0.heading": "条目标题中不能直接输入“**”",
      "effects.items.0.body.0.text.text": `段落不能超过 ${CASE_LIMITS.paragraphMax} 个字`,
    });
  });

  it("refuses an unknown heading or layout in a draft", () => {
    const result = caseDraftSchema.safeParse(
      draft((v) => {
        v.effects.heading = "成果";
        v.nextSteps.kind = "points";
        v.nextSteps.layout = "grid" as "list";
      }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["effects.heading", "nextSteps.layout"]));
  });

  it("never lets the lead region be a participating region (the form drops it silently)", () => {
    const content = draft((v) => (v.regions = ["beijing", "shanghai", "shanghai"]));
    expect(content.regions).toEqual(["shanghai"]);
  });

  it("a complete case passes both rules, and the submit rule is exactly caseContentSchema", () => {
    const complete = draft((v) => {
      v.intro[0].text = "导语。";
      v.practices.items[0].heading = "做法。";
      v.practices.items[0].body[0].text.text = "正文。";
      v.effects.items[0].heading = "效果。";
      v.effects.items[0].body[0].text.text = "正文。";
      v.nextSteps.text.text = "下一步。";
    });
    expect(validateContent(complete, "draft").ok).toBe(true);
    expect(validateContent(complete, "submit")).toEqual({ ok: true, content: caseContentSchema.parse(complete) });
  });

  it("the form's schemas validate form values (the resolver of react-hook-form uses them)", () => {
    const values = emptyFormValues(basics);
    values.title = basics.title;
    expect(formSchema("draft").safeParse(values).success).toBe(true);
    const submit = formSchema("submit").safeParse(values);
    expect(submit.success).toBe(false);
    // issue paths are the form's field names
    expect(submit.error?.issues.map((i) => i.path.join("."))).toContain("practices.items.0.body.0.text.text");
  });
});
