import { and, eq, inArray, ne, notInArray, sql } from "drizzle-orm";
import { callRegions, calls, cases, categories, regions } from "#db/schema";
import { acceptsSubmission, isCallState, type SubmissionCheck } from "#workflows/call";
import type { Executor } from "~/db/db.server";
import { formatDateTime } from "~/ui/format";

/** Case states that no longer count against a region's quota (never submitted, taken back, turned down). */
const NOT_COUNTED = ["draft", "withdrawn", "rejected"];

/**
 * The call-for-cases check the case workflow makes before a submission (kept apart to avoid an
 * import cycle): the call's state and deadline, the categories it asks for, the region's quota.
 * The call row is locked (FOR UPDATE) so two submissions of one region cannot both take the last place.
 */
export async function callAcceptsSubmission(db: Executor, callId: number, now: Date, row?: { id: string; leadRegion: string; categoryCode: string }): Promise<SubmissionCheck> {
  const [call] = await db.select().from(calls).where(eq(calls.id, callId)).for("update").limit(1);
  if (!call) return { ok: true, late: false };
  const info = row ? await submissionInfo(db, call, row) : undefined;
  return acceptsSubmission({ title: call.title, state: isCallState(call.state) ? call.state : "open", deadline: call.deadline, originalDeadline: call.originalDeadline }, now, (d) => formatDateTime(d), info);
}

async function submissionInfo(db: Executor, call: typeof calls.$inferSelect, row: { id: string; leadRegion: string; categoryCode: string }) {
  const askedCodes = Array.isArray(call.categories) ? (call.categories as string[]) : [];
  const [cats, [region], [invited], [used]] = await Promise.all([
    db.select({ code: categories.code, name: categories.name }).from(categories).where(inArray(categories.code, [...askedCodes, row.categoryCode])),
    db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.code, row.leadRegion)),
    db.select({ quota: callRegions.quota }).from(callRegions).where(and(eq(callRegions.callId, call.id), eq(callRegions.regionCode, row.leadRegion))),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(eq(cases.callId, call.id), eq(cases.leadRegion, row.leadRegion), ne(cases.id, row.id), notInArray(cases.state, NOT_COUNTED))),
  ]);
  const name = (code: string) => cats.find((c) => c.code === code)?.name ?? code;
  return {
    category: { code: row.categoryCode, name: name(row.categoryCode) },
    asked: askedCodes.map((code) => ({ code, name: name(code) })),
    region: { code: row.leadRegion, name: region?.name ?? row.leadRegion },
    quota: invited?.quota ?? null,
    used: Number(used?.n ?? 0),
  };
}
