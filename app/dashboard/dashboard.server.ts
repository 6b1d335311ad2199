import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { cases } from "#db/schema";
import type { SessionUser } from "~/auth/session.server";
import type { Executor } from "~/db/db.server";
import { regionCasesCondition } from "~/cases/list.server";
import { listCalls } from "~/calls/calls.server";
import { serverNow } from "~/clock.server";

/**
 * The numbers on each role's dashboard panel: one grouped count per panel, whatever the volume.
 * Each count uses the condition of the list it links to (the submitter's: the cases their regions
 * lead or take part in, as /cases lists them), so the number and the list agree.
 */
export async function dashboardFigures(db: Executor, user: SessionUser, now = serverNow()) {
  const roles = new Set(user.roles);
  const [regionStates, queue, approvedUnbatched, openCalls] = await Promise.all([
    roles.has("submitter") && user.regions.length
      ? db
          .select({ state: cases.state, n: sql<number>`count(*)::int` })
          .from(cases)
          .where(regionCasesCondition(db, user.regions))
          .groupBy(cases.state)
      : Promise.resolve([]),
    roles.has("reviewer") || roles.has("admin")
      ? db
          .select({
            waiting: sql<number>`count(*) filter (where ${cases.state} = 'submitted')::int`,
            inReview: sql<number>`count(*) filter (where ${cases.state} = 'in_review')::int`,
            mine: sql<number>`count(*) filter (where ${cases.state} = 'in_review' and ${cases.claimedBy} = ${user.id})::int`,
          })
          .from(cases)
          .where(inArray(cases.state, ["submitted", "in_review"]))
      : Promise.resolve([]),
    roles.has("publisher")
      ? db
          .select({ n: sql<number>`count(*)::int` })
          .from(cases)
          .where(and(eq(cases.state, "approved"), isNull(cases.batchId)))
      : Promise.resolve([]),
    roles.has("submitter") || roles.has("publisher") ? listCalls(db, user, now, { openOnly: true }) : Promise.resolve([]),
  ]);
  return {
    /** Open calls for cases with their deadlines (submitters: those inviting their regions). */
    openCalls: openCalls.map((c) => ({ id: c.id, title: c.title, deadline: c.deadline })),
    regionStates: Object.fromEntries(regionStates.map((r) => [r.state, r.n])) as Record<string, number>,
    queue: queue[0] ?? null,
    approvedUnbatched: approvedUnbatched[0]?.n ?? null,
  };
}
