/**
 * A publisher (or admin) changes a region's quota in a call — raising it lets a region whose
 * quota is used up submit again. Not below what the region has already submitted; audited as
 * call.quota; the call's version is the concurrency token, as for extend and close.
 */
import { and, eq, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { callRegions, calls, cases, regions } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { getDb } from "~/db/db.server";
import { CALL_OPENER_ROLES } from "#workflows/call";
import { hasAnyRole, type WorkflowActor } from "#workflows/shared";
import { CallRefused } from "./access";
import { callStrings as t } from "./strings";

export const quotaFormSchema = z.object({
  region: z.string().regex(/^[a-z0-9-]{1,40}$/, t.regionNotInCall),
  /** Empty: no quota. */
  quota: z.union([z.literal("").transform(() => null), z.string().regex(/^\d{1,2}$/, t.quotaInvalid).transform(Number).pipe(z.number().int().min(1, t.quotaInvalid).max(99, t.quotaInvalid))]),
  version: z.string().regex(/^\d{1,9}$/, t.stale).transform(Number),
});

export async function setRegionQuota(actor: WorkflowActor, auditActor: AuditActor, callId: number, input: z.infer<typeof quotaFormSchema>) {
  if (!hasAnyRole(actor, CALL_OPENER_ROLES)) throw new CallRefused(t.forbidden, 403);
  return getDb().transaction(async (tx) => {
    const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).for("update").limit(1);
    if (!call) throw new CallRefused(t.notFound, 404);
    if (call.version !== input.version) throw new CallRefused(t.stale, 409);
    const [invited] = await tx
      .select({ quota: callRegions.quota, name: regions.name })
      .from(callRegions)
      .innerJoin(regions, eq(regions.code, callRegions.regionCode))
      .where(and(eq(callRegions.callId, callId), eq(callRegions.regionCode, input.region)));
    if (!invited) throw new CallRefused(t.regionNotInCall, 400, "quota");
    const [used] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(eq(cases.callId, callId), eq(cases.leadRegion, input.region), notInArray(cases.state, ["draft", "withdrawn", "rejected"])));
    const submitted = Number(used?.n ?? 0);
    if (input.quota !== null && input.quota < submitted) throw new CallRefused(t.quotaBelowUsed(submitted), 409, "quota");
    await tx.update(callRegions).set({ quota: input.quota }).where(and(eq(callRegions.callId, callId), eq(callRegions.regionCode, input.region)));
    await tx.update(calls).set({ version: call.version + 1, updatedAt: new Date() }).where(eq(calls.id, callId));
    await recordAudit(tx, auditActor, {
      action: "call.quota",
      entityType: "call",
      entityId: String(callId),
      before: { region: input.region, quota: invited.quota },
      after: { region: input.region, quota: input.quota },
    });
    return { regionName: invited.name, quota: input.quota };
  });
}
