import { z } from "zod";
import { ROLES } from "~/permissions/permissions";
import { adminStrings as s } from "./strings";

/** Shared by the admin forms and their actions. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const password = z
  .string({ error: () => s.passwordRequired })
  .min(PASSWORD_MIN, { error: () => s.passwordTooShort(PASSWORD_MIN) })
  .max(PASSWORD_MAX, { error: () => s.passwordTooLong(PASSWORD_MAX) });

const roles = z.array(z.enum(ROLES, { error: () => s.roleInvalid })).min(1, { error: () => s.roleRequired });
const regions = z.array(z.string().trim().min(1).max(40).regex(/^[a-z0-9-]+$/, { error: () => s.regionUnknown })).max(20);

/** Names are one line of text: no control characters (a NUL byte would not even reach the database). */
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

function submitterNeedsRegion(value: { roles: string[]; regions: string[] }, ctx: z.RefinementCtx) {
  if (value.roles.includes("submitter") && value.regions.length === 0) {
    ctx.addIssue({ code: "custom", path: ["regions"], message: s.submitterNeedsRegion });
  }
}

export const createUserSchema = z
  .object({
    username: z
      .string({ error: () => s.usernameRequired })
      .trim()
      .toLowerCase()
      .min(2, { error: () => s.usernameLength })
      .max(32, { error: () => s.usernameLength })
      .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: () => s.usernameChars }),
    displayName: z.string({ error: () => s.displayNameRequired }).trim().min(1, { error: () => s.displayNameRequired }).max(40, { error: () => s.displayNameTooLong }).regex(NO_CONTROL_CHARS, { error: () => s.controlChars }),
    password,
    roles,
    regions,
  })
  .superRefine(submitterNeedsRegion);

export const updateUserSchema = z
  .object({
    displayName: z.string({ error: () => s.displayNameRequired }).trim().min(1, { error: () => s.displayNameRequired }).max(40, { error: () => s.displayNameTooLong }).regex(NO_CONTROL_CHARS, { error: () => s.controlChars }),
    roles,
    regions,
    active: z.boolean(),
  })
  .superRefine(submitterNeedsRegion);

export const resetPasswordSchema = z.object({ password });

export const regionSchema = z.object({
  code: z.string().trim().min(2, { error: () => s.codeInvalid }).max(32, { error: () => s.codeInvalid }).regex(/^[a-z][a-z0-9-]*$/, { error: () => s.codeInvalid }),
  name: z.string().trim().min(2, { error: () => s.nameRequired }).max(20, { error: () => s.nameTooLong }).regex(NO_CONTROL_CHARS, { error: () => s.controlChars }),
  shortName: z.string().trim().min(1, { error: () => s.nameRequired }).max(10, { error: () => s.nameTooLong }).regex(NO_CONTROL_CHARS, { error: () => s.controlChars }),
  sortOrder: z.coerce.number({ error: () => s.sortOrderInvalid }).int({ error: () => s.sortOrderInvalid }).min(0, { error: () => s.sortOrderInvalid }).max(9999, { error: () => s.sortOrderInvalid }),
  active: z.boolean(),
});

export const categorySchema = z.object({
  code: z.string().trim().min(2, { error: () => s.codeInvalid }).max(48, { error: () => s.codeInvalid }).regex(/^[a-z][a-z0-9-]*$/, { error: () => s.codeInvalid }),
  name: z.string().trim().min(2, { error: () => s.nameRequired }).max(30, { error: () => s.nameTooLong }).regex(NO_CONTROL_CHARS, { error: () => s.controlChars }),
  sortOrder: z.coerce.number({ error: () => s.sortOrderInvalid }).int({ error: () => s.sortOrderInvalid }).min(0, { error: () => s.sortOrderInvalid }).max(9999, { error: () => s.sortOrderInvalid }),
  active: z.boolean(),
});
