import { z } from "zod";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { getDb } from "~/db/db.server";
import { activeThrottles, clearThrottle } from "./throttle.server";

/** What an admin may post on /admin/login-throttles: one key to clear. */
export const clearThrottleSchema = z.object({
  kind: z.enum(["pair", "address", "account"]),
  username: z.string().max(64).regex(/^[^\u0000-\u001f\u007f]*$/).optional(),
  ip: z.string().max(64).regex(/^[0-9A-Fa-f:.]*$/).optional(),
});

export function listThrottles(now = new Date()) {
  return activeThrottles(getDb(), now);
}

/** Clears a throttle and records who did it (audited as auth.throttle_cleared). */
export async function clearThrottleAudited(actor: AuditActor, key: z.infer<typeof clearThrottleSchema>, now = new Date()) {
  return getDb().transaction(async (tx) => {
    const cleared = await clearThrottle(tx, key, now);
    await recordAudit(tx, actor, {
      action: "auth.throttle_cleared",
      entityType: "user",
      entityId: key.username ?? key.ip ?? null,
      after: { kind: key.kind, username: key.username ?? null, ip: key.ip ?? null, cleared },
    });
    return cleared;
  });
}
