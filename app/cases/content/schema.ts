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
import { EFFECTS_HEADINGS, NEXT_STEPS_HEADINGS, CASE_STRINGS, contentMessages as m } from "./strings";
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
/** A field's label, by key, read when a message is made (so in the language of that request). */
type LabelKey = keyof typeof L | "titleLabel";
const label$ = (key: LabelKey) => (key === "titleLabel" ? m.titleLabel : L[key]);

/** Required single-line plain text, trimmed. */
function lineText(label: LabelKey, max: number) {
  return z
    .string({ error: () => m.required(label$(label)) })
    .trim()
    .min(1, { error: () => m.required(label$(label)) })
    .refine((s) => countChars(s) <= max, { error: () => m.tooLong(label$(label), max) })
    .refine((s) => !/[\n\t]/.test(s), { error: () => m.noLineBreaks(label$(label)) })
    .refine((s) => !CONTROL_CHARS.test(s), { error: () => m.controlChars(label$(label)) })
    .refine((s) => !s.includes("**"), { error: () => m.noStars(label$(label)) });
}

/** Optional single-line text: "" / whitespace become undefined. */
function optionalLineText(label: LabelKey, max: number) {
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
function richTextSchema(label: LabelKey, opts: { allowEmpty?: boolean } = {}) {
  return z.preprocess(
    (v) =>
      v && typeof v === "object" && typeof (v as RichText).text === "string" && (!(v as RichText).marks || Array.isArray((v as RichText).marks))
        ? trimKeepingMarks(v as RichText)
        : v,
    z
      .object({
        text: z.string({ error: () => m.required(label$(label)) }),
        marks: z.array(markSchema).max(CASE_LIMITS.marksMax, { error: () => m.tooManyMarks(label$(label)) }).optional(),
      })
      .superRefine((v, ctx) => {
        const issue = (message: string, path: (string | number)[] = ["text"]) =>
          ctx.addIssue({ code: "custom", message, path });
        if (!opts.allowEmpty && v.text === "") issue(m.required(label$(label)));
        if (countChars(v.text) > CASE_LIMITS.paragraphMax) issue(m.tooLong(label$(label), CASE_LIMITS.paragraphMax));
        if (CONTROL_CHARS.test(v.text)) issue(m.controlCharsRich(label$(label)));
        if (v.text.includes("**")) issue(m.noStarsRich(label$(label)));
        let prevEnd = 0;
        for (const mark of v.marks ?? []) {
          if (mark.start >= mark.end || mark.end > v.text.length || mark.start < prevEnd) {
            issue(m.badMarks(label$(label)), ["marks"]);
            break;
          }
          prevEnd = mark.end;
        }
      }),
  );
}

const pointSchema = z
  .object({
    lead: optionalLineText("pointLead", CASE_LIMITS.leadPhraseMax),
    text: richTextSchema("pointText", { allowEmpty: true }),
  })
  .refine((p) => p.lead !== undefined || p.text.text !== "", { error: () => m.pointNeedsText, path: ["text"] });

const pointsList = z
  .array(pointSchema)
  .min(CASE_LIMITS.pointsMin, { error: () => m.pointsMin(CASE_LIMITS.pointsMin) })
  .max(CASE_LIMITS.pointsMax, { error: () => m.pointsMax(CASE_LIMITS.pointsMax) });

const layoutSchema = z.enum(["inline", "list"], { error: () => m.chooseLayout });

const paragraphBlockSchema = z.object({
  type: z.literal("paragraph"),
  lead: optionalLineText("paragraphLead", CASE_LIMITS.leadPhraseMax),
  text: richTextSchema("paragraph"),
});

const pointsBlockSchema = z.object({
  type: z.literal("points"),
  layout: layoutSchema,
  intro: richTextSchema("pointsIntro").optional(),
  points: pointsList,
});

const blockSchema = z
  .discriminatedUnion("type", [paragraphBlockSchema, pointsBlockSchema], { error: () => m.unknownBlock })
  .refine((b) => !(b.type === "points" && b.layout === "list" && b.intro), {
    error: () => m.listIntroSeparate,
    path: ["intro"],
  });

function itemSchema() {
  return z.object({
    heading: lineText("itemHeading", CASE_LIMITS.headingMax),
    body: z
      .array(blockSchema)
      .min(1, { error: () => m.required(L.itemBody) })
      .max(CASE_LIMITS.blocksPerItemMax, { error: () => m.itemBodyMax(CASE_LIMITS.blocksPerItemMax) }),
  });
}

const nextStepsSchema = z
  .discriminatedUnion(
    "kind",
    [
      z.object({
        heading: z.enum(NEXT_STEPS_HEADINGS, { error: () => m.chooseNextStepsHeading }),
        kind: z.literal("paragraph"),
        text: richTextSchema("nextStepsText"),
      }),
      z.object({
        heading: z.enum(NEXT_STEPS_HEADINGS, { error: () => m.chooseNextStepsHeading }),
        kind: z.literal("points"),
        layout: layoutSchema,
        intro: richTextSchema("pointsIntro").optional(),
        points: pointsList,
      }),
    ],
    { error: () => m.chooseNextStepsKind },
  );

export const caseContentSchema = z
  .object({
    templateId: z.literal(CASE_TEMPLATE_ID, { error: () => m.unknownTemplate }),
    title: lineText("titleLabel", CASE_LIMITS.titleMax),
    category: z.string({ error: () => m.chooseCategory }).regex(CODE_RE, { error: () => m.chooseCategory }),
    leadRegion: z.string({ error: () => m.chooseLeadRegion }).regex(CODE_RE, { error: () => m.chooseLeadRegion }),
    regions: z
      .array(z.string().regex(CODE_RE, { error: () => m.badRegionCode }))
      .max(CASE_LIMITS.regionsMax, { error: () => m.regionsMax(CASE_LIMITS.regionsMax) }),
    intro: z
      .array(richTextSchema("introParagraph"))
      .min(CASE_LIMITS.introParagraphsMin, { error: () => m.introMin(CASE_LIMITS.introParagraphsMin) })
      .max(CASE_LIMITS.introParagraphsMax, { error: () => m.introMax(CASE_LIMITS.introParagraphsMax) }),
    practices: z.object({
      lead: richTextSchema("practicesLead").optional(),
      items: z
        .array(itemSchema())
        .min(CASE_LIMITS.practiceItemsMin, { error: () => m.practicesMin(CASE_LIMITS.practiceItemsMin) })
        .max(CASE_LIMITS.practiceItemsMax, { error: () => m.practicesMax(CASE_LIMITS.practiceItemsMax) }),
    }),
    effects: z.object({
      heading: z.enum(EFFECTS_HEADINGS, { error: () => m.chooseEffectsHeading }),
      items: z
        .array(itemSchema())
        .min(CASE_LIMITS.effectItemsMin, { error: () => m.effectsMin(CASE_LIMITS.effectItemsMin) })
        .max(CASE_LIMITS.effectItemsMax, { error: () => m.effectsMax(CASE_LIMITS.effectItemsMax) }),
    }),
    nextSteps: nextStepsSchema,
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.regions.forEach((r, i) => {
      if (r === c.leadRegion) ctx.addIssue({ code: "custom", message: m.regionIsLead, path: ["regions", i] });
      else if (seen.has(r)) ctx.addIssue({ code: "custom", message: m.regionRepeated, path: ["regions", i] });
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
