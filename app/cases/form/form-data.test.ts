import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { caseContentSchema, type CaseContent } from "~/cases/content";
import { parseBulletin, resolveImportedCase } from "~/import";
import { FormDataError, formDataToContent, formDataToValues } from "./form-data";
import { valuesToEntries } from "./paths";
import { contentToFormValues, emptyFormValues, encodeMarks } from "./values";

function formData(entries: [string, string][]) {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

/** The 11 cases of the third batch, as full content. */
function thirdBatch(): CaseContent[] {
  const parsed = parseBulletin(fs.readFileSync("db/seed/third-batch.md", "utf8"));
  if (!parsed.ok) throw new Error("third batch did not parse");
  return parsed.bulletin.categories.flatMap((cat) => cat.cases.map((c) => resolveImportedCase(c, cat.name)));
}

describe("formDataToContent: the names of the form encode the content model", () => {
  it("reads a post written the way a person fills in the form (no JavaScript)", () => {
    const content = formDataToContent(
      formData([
        ["intent", "save"],
        ["baseVersion", "3"],
        ["title", "  深化外资企业注册登记便利化改革 "],
        ["category", "institutional-innovation"],
        ["leadRegion", "beijing"],
        ["regions", "shanghai"],
        ["regions", "beijing"],
        ["regions", "shanghai"],
        ["intro.0.text", "导语第一段。"],
        ["intro.0.marks", ""],
        ["practices.lead.text", ""],
        ["practices.items.0.heading", "优化服务。"],
        ["practices.items.0.body.0.type", "paragraph"],
        ["practices.items.0.body.0.lead", ""],
        ["practices.items.0.body.0.text.text", "第一段正文。\r\n续行"],
        ["practices.items.0.body.1.type", "points"],
        ["practices.items.0.body.1.layout", "inline"],
        ["practices.items.0.body.1.intro.text", "三方在以下方面，"],
        ["practices.items.0.body.1.points.0.lead", "探索资金池"],
        ["practices.items.0.body.1.points.0.text.text", "说明一。"],
        ["practices.items.0.body.1.points.1.lead", ""],
        ["practices.items.0.body.1.points.1.text.text", "说明二。"],
        ["effects.heading", "实践效果"],
        ["effects.items.0.heading", "成效显著。"],
        ["effects.items.0.body.0.text.text", "截至 2024 年 8 月，2731 家。"],
        ["nextSteps.heading", "下一步开放创新方向"],
        ["nextSteps.kind", "paragraph"],
        ["nextSteps.text.text", "继续深化。"],
      ]),
    );
    expect(content).toEqual({
      templateId: "bulletin-v1",
      title: "深化外资企业注册登记便利化改革",
      category: "institutional-innovation",
      leadRegion: "beijing",
      regions: ["shanghai"],
      intro: [{ text: "导语第一段。" }],
      practices: {
        items: [
          {
            heading: "优化服务。",
            body: [
              { type: "paragraph", text: { text: "第一段正文。\n续行" } },
              {
                type: "points",
                layout: "inline",
                intro: { text: "三方在以下方面，" },
                points: [{ lead: "探索资金池", text: { text: "说明一。" } }, { text: { text: "说明二。" } }],
              },
            ],
          },
        ],
      },
      effects: { heading: "实践效果", items: [{ heading: "成效显著。", body: [{ type: "paragraph", text: { text: "截至 2024 年 8 月，2731 家。" } }] }] },
      nextSteps: { heading: "下一步开放创新方向", kind: "paragraph", text: { text: "继续深化。" } },
    });
    expect(caseContentSchema.safeParse(content).success).toBe(true);
  });

  it("round-trips every case of the third batch through the form's fields, bold marks included", () => {
    for (const c of thirdBatch()) {
      const posted = formData(valuesToEntries(contentToFormValues(c)));
      expect(formDataToContent(posted)).toEqual(caseContentSchema.parse(c));
    }
  });

  it("keeps list order by index, not by the order fields arrive in, and skips gaps", () => {
    const values = formDataToValues(
      formData([
        ["intro.2.text", "第三"],
        ["intro.0.text", "第一"],
      ]),
    );
    expect(values.intro.map((p) => p.text)).toEqual(["第一", "第三"]);
  });

  it("gives an empty form for an empty post, so a re-rendered form is never missing its sections", () => {
    const values = formDataToValues(new FormData());
    expect(values.title).toBe("");
    expect(values.intro).toEqual([]);
    expect(values.nextSteps.kind).toBe("paragraph");
    expect(values.nextSteps.points).toHaveLength(2);
  });

  it("keeps HTML as text", () => {
    const content = formDataToContent(formData([["title", "<script>alert(1)</script>"], ["intro.0.text", "<b>粗</b>&amp;"]]));
    expect(content.title).toBe("<script>alert(1)</script>");
    expect(content.intro[0].text).toBe("<b>粗</b>&amp;");
  });

  it("keeps marks of unchanged text and moves them with edits elsewhere in the paragraph", () => {
    const base = { text: "一是探索资金池。紫金山科技产业集团合作。", marks: [{ start: 0, end: 8 }] };
    const unchanged = formDataToContent(formData([["intro.0.text", base.text], ["intro.0.marks", encodeMarks(base)]]));
    expect(unchanged.intro[0]).toEqual(base);
    const edited = formDataToContent(formData([["intro.0.text", "一是探索资金池。紫金山科技产业集团深度合作。"], ["intro.0.marks", encodeMarks(base)]]));
    expect(edited.intro[0].marks).toEqual([{ start: 0, end: 8 }]);
  });

  const malformed: [string, [string, string][]][] = [
    ["an index above 99", [["practices.items.100.heading", "x"]]],
    ["a name that is not a path of the model", [["practices.items.0.__proto__", "x"]]],
    ["a name posted twice", [["title", "a"], ["title", "b"]]],
    ["a list where a field is expected", [["title.0", "x"]]],
    ["a field under a list", [["intro.text", "x"]]],
    ["marks that are not ours", [["intro.0.text", "x"], ["intro.0.marks", "{not json"]]],
    ["marks with non-integer offsets", [["intro.0.text", "x"], ["intro.0.marks", '{"b":"x","m":[["a",1]]}']]],
    ["an unknown block type", [["practices.items.0.body.0.type", "table"]]],
    ["an unknown 下一步 kind", [["nextSteps.kind", "poem"]]],
    ["a structured regions field", [["regions.0", "beijing"]]],
  ];
  for (const [what, entries] of malformed) {
    it(`refuses ${what} with a Chinese message`, () => {
      expect(() => formDataToValues(formData(entries))).toThrow(FormDataError);
      try {
        formDataToValues(formData(entries));
      } catch (error) {
        expect((error as FormDataError).message).toMatch(/表单数据格式无效/);
      }
    });
  }

  it("refuses a file in a content field", () => {
    const fd = new FormData();
    fd.append("title", new Blob(["x"]), "x.txt");
    expect(() => formDataToValues(fd)).toThrow(FormDataError);
  });

  it("ignores fields that are not content (intent, baseVersion, pasteText, js)", () => {
    const values = formDataToValues(formData([["intent", "save"], ["pasteText", "整篇案例"], ["js", "1"], ["title", "标题"]]));
    expect(values.title).toBe("标题");
    expect(JSON.stringify(values)).not.toContain("整篇案例");
    expect(Object.keys(values).sort()).toEqual(Object.keys(emptyFormValues()).sort());
  });
});
