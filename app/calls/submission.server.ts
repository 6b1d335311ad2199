import { eq } from "drizzle-orm";
import { calls } from "#db/schema";
import { acceptsSubmission, isCallState, type SubmissionCheck } from "#workflows/call";
import type { Executor } from "~/db/db.server";
import { formatDateTime } from "~/ui/format";

/** The call-for-cases check the case workflow makes before a submission (kept apart to avoid an import cycle). */
export async function callAcceptsSubmission(db: Executor, callId: number, now: Date): Promise<SubmissionCheck> {
  const [call] = await db.select().from(calls).where(eq(calls.id, callId)).limit(1);
  if (!call) return { ok: true, late: false };
  return acceptsSubmission({ title: call.title, state: isCallState(call.state) ? call.state : "open", deadline: call.deadline, originalDeadline: call.originalDeadline }, now, (d) => formatDateTime(d));
}
