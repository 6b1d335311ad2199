/**
 * Form input of the batch pages. Lengths are counted in characters (code points).
 */
import { z } from "zod";
import type { RichText } from "~/cases/content/rich-text";
import { countChars } from "~/cases/content/schema";
import { batchFieldErrors as e } from "./strings";

export const BATCH_LIMITS = {
  titleMax: 80,
  prefaceParagraphMax: 2000,
  prefaceParagraphsMax: 12,
  erratumMax: 2000,
} as const;

// C0 controls except \t \n \r; DEL; C1 controls.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;

/** Preface as typed (one paragraph per line) → paragraphs. */
export function prefaceParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""))
    .filter((l) => l !== "");
}

export const prefaceToRichText = (text: string): RichText[] => prefaceParagraphs(text).map((p) => ({ text: p }));

/** Stored preface → textarea text. */
export const prefaceToText = (preface: unknown): string =>
  Array.isArray(preface) ? preface.map((p) => (p && typeof p === "object" && typeof (p as RichText).text === "string" ? (p as RichText).text : "")).join("\n") : "";

export const batchMetaSchema = z.object({
  title: z
    .string()
    .transform((s) => s.replace(/[\s\u3000]+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(1, { error: () => e.titleRequired })
        .refine((s) => countChars(s) <= BATCH_LIMITS.titleMax, { error: () => e.titleTooLong(BATCH_LIMITS.titleMax) })
        .refine((s) => !CONTROL_CHARS.test(s), { error: () => e.controlChars }),
    ),
  preface: z
    .string()
    .refine((s) => !CONTROL_CHARS.test(s), { error: () => e.controlChars })
    .transform(prefaceParagraphs)
    .refine((ps) => ps.length <= BATCH_LIMITS.prefaceParagraphsMax, { error: () => e.prefaceTooMany(BATCH_LIMITS.prefaceParagraphsMax) })
    .refine((ps) => ps.every((p) => countChars(p) <= BATCH_LIMITS.prefaceParagraphMax), { error: () => e.prefaceTooLong(BATCH_LIMITS.prefaceParagraphMax) })
    .transform((ps): RichText[] => ps.map((text) => ({ text }))),
});
export type BatchMeta = z.infer<typeof batchMetaSchema>;

export const erratumSchema = z.object({
  body: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, { error: () => e.erratumRequired })
        .refine((s) => countChars(s) <= BATCH_LIMITS.erratumMax, { error: () => e.erratumTooLong(BATCH_LIMITS.erratumMax) })
        .refine((s) => !CONTROL_CHARS.test(s), { error: () => e.controlChars }),
    ),
});
