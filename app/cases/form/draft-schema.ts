/**
 * Two validation rules, both from the one content model (caseContentSchema):
 *
 * - Saving a DRAFT (保存草稿, autosave) needs only a title, a category and a lead region, and data
 *   that is structurally valid: every limit (lengths, numbers of items, no control characters,
 *   no "**", valid headings and layouts, participating regions) still holds, but empty parts are
 *   allowed — an empty paragraph, an item without heading, a section with no items yet, a points
 *   list with a single point. `caseDraftSchema` runs the full schema and drops exactly the issues
 *   that complain about something missing or empty (recognised by the value at the issue's path
 *   being blank, or an array below its minimum), so the two rules cannot drift apart.
 * - 提交审核 requires the full `caseContentSchema`.
 *
 * Both speak Chinese (the model's messages).
 */
import { z } from "zod";
import { caseContentSchema, type CaseContent } from "~/cases/content";
import { contentMessages } from "~/cases/content/strings";
import { valuesToContent, type CaseFormValues } from "./values";

export type SaveMode = "draft" | "submit";
/** Field path ("practices.items.0.heading") → first message. */
export type FlatErrors = Record<string, string>;

const REQUIRED_FOR_DRAFT = new Set(["title", "category", "leadRegion"]);

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

const isBlank = (v: unknown) => typeof v === "string" && v.trim() === "";

/** Does this issue only say that something is missing or empty (allowed in a draft)? */
export function isCompletenessIssue(issue: z.core.$ZodIssue, input: unknown): boolean {
  if (issue.path.length === 1 && REQUIRED_FOR_DRAFT.has(String(issue.path[0]))) return false;
  if (issue.code === "too_small" && issue.origin === "array") return true;
  const value = valueAt(input, issue.path);
  if (issue.code !== "too_small" && issue.code !== "custom") return false;
  if (isBlank(value)) return true;
  // a point with neither lead nor text: the issue sits on the point's rich text
  return Boolean(value && typeof value === "object" && isBlank((value as { text?: unknown }).text)) && issue.code === "custom";
}

/** The draft rule as a zod schema over content. Passing drafts are returned as given. */
export const caseDraftSchema = z.custom<CaseContent>((v) => v !== null && typeof v === "object", { error: () => contentMessages.invalidDraft }).transform((input, ctx) => {
  const result = caseContentSchema.safeParse(input);
  if (result.success) return result.data;
  const kept = result.error.issues.filter((issue) => !isCompletenessIssue(issue, input));
  for (const issue of kept) ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path] as (string | number)[] });
  return kept.length ? z.NEVER : input;
});

/** Form values → content → the rule of the mode. The resolver of the form and the action use it. */
export function formSchema(mode: SaveMode) {
  return z
    .custom<CaseFormValues>((v) => v !== null && typeof v === "object")
    .transform((v) => valuesToContent(v))
    .pipe((mode === "submit" ? caseContentSchema : caseDraftSchema) as unknown as z.ZodType<CaseContent, CaseContent>);
}

export const draftFormSchema = formSchema("draft");
export const submitFormSchema = formSchema("submit");

export function flattenIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FlatErrors {
  const out: FlatErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

export type ValidationResult = { ok: true; content: CaseContent } | { ok: false; errors: FlatErrors };

/** Validates content by the rule of the mode. */
export function validateContent(content: CaseContent, mode: SaveMode): ValidationResult {
  const result = (mode === "submit" ? caseContentSchema : caseDraftSchema).safeParse(content);
  return result.success ? { ok: true, content: result.data } : { ok: false, errors: flattenIssues(result.error.issues) };
}
