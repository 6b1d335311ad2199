import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "#db/schema";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/admin/schemas";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { getDb } from "~/db/db.server";
import { hashPassword, verifyPassword } from "./password.server";
import { endAllSessions, startSession } from "./session.server";
import { authStrings as s } from "./strings";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: () => s.passwordRequired }).min(1, { error: () => s.passwordRequired }).max(PASSWORD_MAX),
    newPassword: z.string({ error: () => s.passwordRequired }).min(PASSWORD_MIN, { error: () => s.passwordTooShort(PASSWORD_MIN) }).max(PASSWORD_MAX, { error: () => s.passwordTooLong(PASSWORD_MAX) }),
    confirmPassword: z.string({ error: () => s.passwordRequired }),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: s.passwordMismatch });
    if (v.newPassword === v.currentPassword) ctx.addIssue({ code: "custom", path: ["newPassword"], message: s.passwordSameAsOld });
  });

/**
 * Changes the user's own password, ends every session they have (other browsers included) and
 * returns a cookie for a fresh session in this browser.
 */
export async function changeOwnPassword(actor: AuditActor & { id: string }, currentPassword: string, newPassword: string) {
  const db = getDb();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id)).limit(1);
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
    return { ok: false as const, field: "currentPassword", message: s.wrongCurrentPassword };
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, actor.id));
    await recordAudit(tx, actor, { action: "user.password_change", entityType: "user", entityId: actor.id });
  });
  await endAllSessions(actor.id);
  return { ok: true as const, setCookie: await startSession(actor.id) };
}
