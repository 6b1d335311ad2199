/**
 * /admin/users: the search (one zod schema for the query string) and the row actions posted from
 * the list — deactivate, reactivate, reset the password to a temporary one. Each action is
 * audited by the domain function it calls; the last active admin stays protected there.
 */
import { z } from "zod";
import type { AuditActor } from "~/audit/audit.server";
import { ROLES } from "~/permissions/permissions";
import { queryInt, queryText } from "~/ui/query.server";
import { adminStrings as t } from "./strings";
import { getUser, resetPassword, setUserActive, temporaryPassword, UserAdminError } from "./users.server";
import { getDb } from "~/db/db.server";

export const usersQuery = z.object({
  page: queryInt(1, 100_000),
  q: queryText(64),
  region: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
  role: z.enum(ROLES).optional(),
});

export const USER_ROW_ACTIONS = ["deactivate", "reactivate", "reset-password"] as const;
export type UserRowAction = (typeof USER_ROW_ACTIONS)[number];

const rowActionSchema = z.object({
  intent: z.enum(USER_ROW_ACTIONS),
  userId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
});

export type UserRowOutcome =
  | { ok: true; intent: UserRowAction; username: string; message: string; temporaryPassword?: string }
  | { ok: false; status: 400 | 404 | 409; message: string };

export function parseRowAction(formData: FormData | null) {
  const parsed = rowActionSchema.safeParse({ intent: formData?.get("intent"), userId: formData?.get("userId") });
  return parsed.success ? parsed.data : null;
}

export async function runRowAction(actor: AuditActor, action: z.infer<typeof rowActionSchema>): Promise<UserRowOutcome> {
  const user = await getUser(getDb(), action.userId);
  if (!user) return { ok: false, status: 404, message: t.userNotFound };
  try {
    if (action.intent === "reset-password") {
      const password = temporaryPassword();
      await resetPassword(actor, user.id, password);
      return { ok: true, intent: action.intent, username: user.username, message: t.passwordReset, temporaryPassword: password };
    }
    const active = action.intent === "reactivate";
    await setUserActive(actor, user.id, active);
    return { ok: true, intent: action.intent, username: user.username, message: active ? t.reactivated(user.username) : t.deactivated(user.username) };
  } catch (error) {
    if (error instanceof UserAdminError) return { ok: false, status: error.status, message: error.message };
    throw error;
  }
}
