/**
 * THE case content model: one JSON document per case version, shared by the server, the
 * submitter's form, the review diff and every renderer (web, Markdown, DOCX, PDF).
 *
 * Conventions
 * - Numbering (一、 / （一） / 一是) is never stored; renderers generate it from positions.
 * - Paragraph text is rich text: `{ text, marks? }`, bold ranges in UTF-16 offsets; no `**`.
 * - Headings (item headings, bold lead phrases) are plain strings, rendered bold; item headings
 *   keep their sentence punctuation ("先行先试深化文化服务领域改革开放。"), lead phrases do not
 *   (the renderer adds "。" after a lead phrase unless it ends in ！ or ？).
 * - Lengths are counted in characters (Unicode code points), which is what a reviewer counts.
 */
import { z } from "zod";
import { EFFECTS_HEADINGS, NEXT_STEPS_HEADINGS, CASE_STRINGS } from "./strings";
import type { EffectsHeading, NextStepsHeading } from "./strings";
import type { RichText } from "./rich-text";

export const CASE_TEMPLATE_ID = "bulletin-v1" as const;

/** Limits a reviewer expects; a form shows counters from these. */
export const CASE_LIMITS = {
  titleMax: 40,
  headingMax: 80,
  leadPhraseMax: 60,
  paragraphMax: 2000,
  introParagraphsMin: 1,
  introParagraphsMax: 5,
  practiceItemsMin: 1,
  practiceItemsMax: 8,
  effectItemsMin: 1,
  effectItemsMax: 6,
  pointsMin: 2,
  pointsMax: 8,
  blocksPerItemMax: 12,
  regionsMax: 20,
  marksMax: 200,
} as const;

// ---------------------------------------------------------------------------------------------
// Types (hand-written so they read well; the schema below is checked against them)

/** A numbered point 一是/二是…: optional bold lead phrase, then text (may be empty if lead set). */
export type Point = { lead?: string; text: RichText };

/**
 * A block of an item body.
 * - paragraph: a plain paragraph; with `lead` it is a bold-led sub-paragraph without numbering
 *   ("**打造穗港全科诊疗服务。**广州市依照…", the Greater Bay Area case).
 * - points: numbered points. layout "inline": all points in one paragraph, after the optional
 *   `intro` text of that same paragraph ("……三方在…方面，一是…二是…"). layout "list": one
 *   paragraph per point (an introductory sentence is then a paragraph block before it).
 */
export type Block =
  | { type: "paragraph"; lead?: string; text: RichText }
  | { type: "points"; layout: "inline" | "list"; intro?: RichText; points: Point[] };

/** An item （一）（二）… of 主要做法 or 效果: heading sentence + body blocks. */
export type CaseItem = { heading: string; body: Block[] };

/**
 * 下一步 section: one paragraph, or points. For points with layout "inline" the `intro` is the
 * text before 一是 in the same paragraph; with layout "list" it is a paragraph of its own.
 */
export type NextSteps =
  | { heading: NextStepsHeading; kind: "paragraph"; text: RichText }
  | { heading: NextStepsHeading; kind: "points"; layout: "inline" | "list"; intro?: RichText; points: Point[] };

export type CaseContent = {
  templateId: typeof CASE_TEMPLATE_ID;
  title: string;
  /** category code, e.g. "industry-ecosystem" */
  category: string;
  /** region code of the region that submits and owns the case, e.g. "beijing" */
  leadRegion: string;
  /** other participating region codes (never contains leadRegion); may be empty */
  regions: string[];
  /** 1+ paragraphs before 一、主要做法 */
  intro: RichText[];
  practices: { lead?: RichText; items: CaseItem[] };
  effects: { heading: EffectsHeading; items: CaseItem[] };
  nextSteps: NextSteps;
};

// ---------------------------------------------------------------------------------------------
// Schema

// C0 controls except \t (09) and \n (0A); DEL; C1 controls; also U+2028/2029 separators.
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/;
const CODE_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Characters as a reviewer counts them (code points, so 𠮷 counts once). */
export const countChars = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

const L = CASE_STRINGS.labels;

/** Required single-line plain text, trimmed. */
function lineText(label: string, max: number) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .refine((s) => countChars(s) <= max, `${label}不能超过 ${max} 个字`)
    .refine((s) => !/[\n\t]/.test(s), `${label}不能换行或包含制表符`)
    .refine((s) => !CONTROL_CHARS.test(s), `${label}不能包含控制字符`)
    .refine((s) => !s.includes("**"), `${label}中不能直接输入“**”`);
}

/** Optional single-line text: "" / whitespace become undefined. */
function optionalLineText(label: string, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    lineText(label, max).optional(),
  );
}

const markSchema = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(1),
});

/** Trim whitespace, shifting marks by the removed prefix; never repairs invalid marks. */
function trimKeepingMarks(r: RichText): RichText {
  const lead = r.text.length - r.text.trimStart().length;
  const text = r.text.trim();
  if (!r.marks) return { text };
  return { text, marks: r.marks.map((m) => (typeof m?.start === "number" && typeof m?.end === "number" ? { start: Math.max(0, m.start - lead), end: m.end <= r.text.length ? Math.min(text.length, m.end - lead) : m.end - lead } : m)) };
}

/** Rich text; trims surrounding whitespace (shifting marks) before validating. */
function richTextSchema(label: string, opts: { allowEmpty?: boolean } = {}) {
  return z.preprocess(
    (v) =>
      v && typeof v === "object" && typeof (v as RichText).text === "string" && (!(v as RichText).marks || Array.isArray((v as RichText).marks))
        ? trimKeepingMarks(v as RichText)
        : v,
    z
      .object({
        text: z.string({ error: `请填写${label}` }),
        marks: z.array(markSchema).max(CASE_LIMITS.marksMax, `${label}的加粗标记过多`).optional(),
      })
      .superRefine((v, ctx) => {
        const issue = (message: string, path: (string | number)[] = ["text"]) =>
          ctx.addIssue({ code: "custom", message, path });
        if (!opts.allowEmpty && v.text === "") issue(`请填写${label}`);
        if (countChars(v.text) > CASE_LIMITS.paragraphMax) issue(`${label}不能超过 ${CASE_LIMITS.paragraphMax} 个字`);
        if (CONTROL_CHARS.test(v.text)) issue(`${label}不能包含控制字符（换行和制表符除外）`);
        if (v.text.includes("**")) issue(`${label}中不能直接输入“**”，加粗请使用加粗按钮`);
        let prevEnd = 0;
        for (const m of v.marks ?? []) {
          if (m.start >= m.end || m.end > v.text.length || m.start < prevEnd) {
            issue(`${label}的加粗位置无效`, ["marks"]);
            break;
          }
          prevEnd = m.end;
        }
      }),
  );
}

const pointSchema = z
  .object({
    lead: optionalLineText(L.pointLead, CASE_LIMITS.leadPhraseMax),
    text: richTextSchema(L.pointText, { allowEmpty: true }),
  })
  .refine((p) => p.lead !== undefined || p.text.text !== "", { message: "每一点都需要填写内容", path: ["text"] });

const pointsList = z
  .array(pointSchema)
  .min(CASE_LIMITS.pointsMin, `分点至少需要 ${CASE_LIMITS.pointsMin} 点`)
  .max(CASE_LIMITS.pointsMax, `分点不能超过 ${CASE_LIMITS.pointsMax} 点`);

const layoutSchema = z.enum(["inline", "list"], { error: "请选择分点的排列方式" });

const paragraphBlockSchema = z.object({
  type: z.literal("paragraph"),
  lead: optionalLineText(L.paragraphLead, CASE_LIMITS.leadPhraseMax),
  text: richTextSchema(L.paragraph),
});

const pointsBlockSchema = z.object({
  type: z.literal("points"),
  layout: layoutSchema,
  intro: richTextSchema(L.pointsIntro).optional(),
  points: pointsList,
});

const blockSchema = z
  .discriminatedUnion("type", [paragraphBlockSchema, pointsBlockSchema], { error: "未知的段落类型" })
  .refine((b) => !(b.type === "points" && b.layout === "list" && b.intro), {
    message: "每点单独成段时，引导语请作为单独的段落填写",
    path: ["intro"],
  });

function itemSchema() {
  return z.object({
    heading: lineText(L.itemHeading, CASE_LIMITS.headingMax),
    body: z
      .array(blockSchema)
      .min(1, `请填写${L.itemBody}`)
      .max(CASE_LIMITS.blocksPerItemMax, `每个条目不能超过 ${CASE_LIMITS.blocksPerItemMax} 段`),
  });
}

const nextStepsSchema = z
  .discriminatedUnion(
    "kind",
    [
      z.object({
        heading: z.enum(NEXT_STEPS_HEADINGS, { error: "请选择下一步部分的标题" }),
        kind: z.literal("paragraph"),
        text: richTextSchema(L.nextStepsText),
      }),
      z.object({
        heading: z.enum(NEXT_STEPS_HEADINGS, { error: "请选择下一步部分的标题" }),
        kind: z.literal("points"),
        layout: layoutSchema,
        intro: richTextSchema(L.pointsIntro).optional(),
        points: pointsList,
      }),
    ],
    { error: "请选择下一步方向的写法（一段文字或分点）" },
  );

export const caseContentSchema = z
  .object({
    templateId: z.literal(CASE_TEMPLATE_ID, { error: "不支持的案例模板" }),
    title: lineText("标题", CASE_LIMITS.titleMax),
    category: z.string({ error: "请选择案例类别" }).regex(CODE_RE, "请选择案例类别"),
    leadRegion: z.string({ error: "请选择牵头地区" }).regex(CODE_RE, "请选择牵头地区"),
    regions: z
      .array(z.string().regex(CODE_RE, "地区代码无效"))
      .max(CASE_LIMITS.regionsMax, `参与地区不能超过 ${CASE_LIMITS.regionsMax} 个`),
    intro: z
      .array(richTextSchema(L.introParagraph))
      .min(CASE_LIMITS.introParagraphsMin, `请至少填写 ${CASE_LIMITS.introParagraphsMin} 段导语`)
      .max(CASE_LIMITS.introParagraphsMax, `导语不能超过 ${CASE_LIMITS.introParagraphsMax} 段`),
    practices: z.object({
      lead: richTextSchema(L.practicesLead).optional(),
      items: z
        .array(itemSchema())
        .min(CASE_LIMITS.practiceItemsMin, `主要做法至少需要 ${CASE_LIMITS.practiceItemsMin} 条`)
        .max(CASE_LIMITS.practiceItemsMax, `主要做法不能超过 ${CASE_LIMITS.practiceItemsMax} 条`),
    }),
    effects: z.object({
      heading: z.enum(EFFECTS_HEADINGS, { error: "请选择效果部分的标题" }),
      items: z
        .array(itemSchema())
        .min(CASE_LIMITS.effectItemsMin, `实践效果至少需要 ${CASE_LIMITS.effectItemsMin} 条`)
        .max(CASE_LIMITS.effectItemsMax, `实践效果不能超过 ${CASE_LIMITS.effectItemsMax} 条`),
    }),
    nextSteps: nextStepsSchema,
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.regions.forEach((r, i) => {
      if (r === c.leadRegion) ctx.addIssue({ code: "custom", message: "参与地区不能包含牵头地区", path: ["regions", i] });
      else if (seen.has(r)) ctx.addIssue({ code: "custom", message: "参与地区不能重复", path: ["regions", i] });
      seen.add(r);
    });
  });

/** The validated content type; identical to the hand-written CaseContent (checked below). */
export type CaseContentParsed = z.output<typeof caseContentSchema>;

// Compile-time check that schema and hand-written type agree both ways.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesType: Exact<CaseContentParsed, CaseContent> = true;
void _schemaMatchesType;

/** Content without the fields a person sets in the form (used by the importer and renderers). */
export type CaseDocumentContent = Pick<CaseContent, "title" | "intro" | "practices" | "effects" | "nextSteps">;

/** An empty document for a new case form (does not validate until filled in). */
export function emptyCaseContent(init: { category?: string; leadRegion?: string } = {}): CaseContent {
  return {
    templateId: CASE_TEMPLATE_ID,
    title: "",
    category: init.category ?? "",
    leadRegion: init.leadRegion ?? "",
    regions: [],
    intro: [{ text: "" }],
    practices: { items: [{ heading: "", body: [{ type: "paragraph", text: { text: "" } }] }] },
    effects: { heading: EFFECTS_HEADINGS[0], items: [{ heading: "", body: [{ type: "paragraph", text: { text: "" } }] }] },
    nextSteps: { heading: NEXT_STEPS_HEADINGS[0], kind: "paragraph", text: { text: "" } },
  };
}

/** Flatten zod issues into "path: message" pairs for display. */
export function caseContentIssues(result: { success: boolean; error?: z.ZodError }): { path: string; message: string }[] {
  if (result.success || !result.error) return [];
  return result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}
