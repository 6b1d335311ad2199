import { z } from "zod";
import { callStrings as t } from "./strings";

/** "2026-12-10T18:00" (a datetime-local field, Beijing time) → the instant; null if unreadable. */
export function parseBeijingDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The instant as a datetime-local value in Beijing time. */
export function toBeijingInput(date: Date): string {
  return new Date(date.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16);
}

const deadline = z.string().transform((v, ctx) => {
  const d = parseBeijingDateTime(v.trim());
  if (!d) {
    ctx.addIssue({ code: "custom", message: t.deadlineInvalid });
    return z.NEVER;
  }
  return d;
});

/** Control characters (NUL …) never reach the database; the notice may keep line breaks and tabs. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;
const LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const code = z.string().max(64).refine((v) => !LINE_CONTROL.test(v), { error: () => t.controlChars });

export const callFormSchema = z.object({
  title: z.string().trim().min(1, { error: () => t.titleRequired }).max(200, { error: () => t.titleTooLong }).refine((v) => !LINE_CONTROL.test(v), { error: () => t.controlChars }),
  notice: z.string().trim().max(5000, { error: () => t.noticeTooLong }).refine((v) => !CONTROL_CHARS.test(v), { error: () => t.controlChars }),
  deadline,
  categories: z.array(code).max(50),
  regions: z.array(z.object({ code, quota: z.number({ error: () => t.quotaInvalid }).int({ error: () => t.quotaInvalid }).min(1, { error: () => t.quotaInvalid }).max(99, { error: () => t.quotaInvalid }).nullable() })).min(1, { error: () => t.regionsRequired }),
  remindDaysBefore: z.number({ error: () => t.remindDaysInvalid }).int({ error: () => t.remindDaysInvalid }).min(0, { error: () => t.remindDaysInvalid }).max(30, { error: () => t.remindDaysInvalid }),
});

export const extendSchema = z.object({ deadline });

/** Reads the new-call form into the schema's shape (quota fields are `quota-<region>`). */
export function callFormValues(formData: FormData) {
  const text = (k: string) => (typeof formData.get(k) === "string" ? String(formData.get(k)) : "");
  const regionCodes = formData.getAll("regions").filter((v): v is string => typeof v === "string");
  const quotas: Record<string, string> = {};
  for (const code of regionCodes) quotas[code] = text(`quota-${code}`).trim();
  const raw = {
    title: text("title"),
    notice: text("notice"),
    deadline: text("deadline"),
    categories: formData.getAll("categories").filter((v): v is string => typeof v === "string"),
    regions: regionCodes,
    quotas,
    remindDaysBefore: text("remindDaysBefore"),
  };
  const parsed = callFormSchema.safeParse({
    ...raw,
    regions: regionCodes.map((code) => ({ code, quota: quotas[code] === "" ? null : Number(quotas[code]) })),
    remindDaysBefore: raw.remindDaysBefore.trim() === "" ? 3 : Number(raw.remindDaysBefore),
  });
  return { raw, parsed };
}
