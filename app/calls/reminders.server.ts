import { and, eq, gt, inArray, isNotNull } from "drizzle-orm";
import { callReminders, callRegions, calls, cases, regions } from "#db/schema";
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "~/audit/audit.server";
import type { Database, Executor } from "~/db/db.server";
import { leadRegionSubmitters } from "~/cases/transitions.server";
import { queueEmailJobs } from "~/notifications/email.server";
import { insertNotifications } from "~/notifications/notifications.server";
import { callStrings as t } from "./strings";

/**
 * Reminders before a call's deadline (截止提醒), as plain domain functions so any scheduler can
 * drive them: `dueReminders(db, now)` says which are due, `sendDueReminders(db, now)` sends them.
 * A reminder is due for an invited region of an open call when `now` is within the call's
 * `remindDaysBefore` days before its deadline, the region has submitted nothing to the call yet,
 * and no reminder of that kind went to that region before (the call_reminders table, unique on
 * call, region and kind, makes sending idempotent: running it twice, or from two processes at
 * once, sends each reminder once). Extending a call makes a new kind (keyed by the deadline), so
 * regions are reminded again before the new deadline.
 */
export type DueReminder = { callId: number; title: string; deadline: Date; regionCode: string; regionName: string; kind: string };

const DAY = 24 * 3600 * 1000;

export function reminderKind(deadline: Date, daysBefore: number) {
  return `before-${daysBefore}d:${deadline.toISOString()}`;
}

export async function dueReminders(db: Executor, now: Date): Promise<DueReminder[]> {
  const open = await db
    .select({ id: calls.id, title: calls.title, deadline: calls.deadline, days: calls.remindDaysBefore })
    .from(calls)
    .where(and(eq(calls.state, "open"), gt(calls.deadline, now)));
  const inWindow = open.filter((c) => c.deadline.getTime() - c.days * DAY <= now.getTime());
  if (inWindow.length === 0) return [];
  const ids = inWindow.map((c) => c.id);
  const [invited, submitted, sent] = await Promise.all([
    db
      .select({ callId: callRegions.callId, code: callRegions.regionCode, name: regions.name })
      .from(callRegions)
      .innerJoin(regions, eq(regions.code, callRegions.regionCode))
      .where(inArray(callRegions.callId, ids)),
    db
      .selectDistinct({ callId: cases.callId, region: cases.leadRegion })
      .from(cases)
      .where(and(inArray(cases.callId, ids), isNotNull(cases.submittedAt))),
    db.select({ callId: callReminders.callId, region: callReminders.regionCode, kind: callReminders.kind }).from(callReminders).where(inArray(callReminders.callId, ids)),
  ]);
  const due: DueReminder[] = [];
  for (const c of inWindow) {
    const kind = reminderKind(c.deadline, c.days);
    for (const r of invited.filter((i) => i.callId === c.id)) {
      if (submitted.some((s) => s.callId === c.id && s.region === r.code)) continue;
      if (sent.some((s) => s.callId === c.id && s.region === r.code && s.kind === kind)) continue;
      due.push({ callId: c.id, title: c.title, deadline: c.deadline, regionCode: r.code, regionName: r.name, kind });
    }
  }
  return due;
}

/**
 * Sends what `dueReminders` finds: an in-app notification to each active submitter of the region
 * (and an e-mail copy where e-mail is configured), an audit event, a call_reminders row. Returns
 * the reminders this run sent (a concurrent run that got there first makes this one skip them).
 */
export async function sendDueReminders(db: Database, now: Date, actor: AuditActor = SYSTEM_ACTOR): Promise<DueReminder[]> {
  const sent: DueReminder[] = [];
  for (const r of await dueReminders(db, now)) {
    await db.transaction(async (tx) => {
      const recipients = await leadRegionSubmitters(tx, r.regionCode);
      const claimed = await tx
        .insert(callReminders)
        .values({ callId: r.callId, regionCode: r.regionCode, kind: r.kind, delivered: recipients.length > 0, sentAt: now })
        .onConflictDoNothing()
        .returning({ id: callReminders.id });
      if (claimed.length === 0) return;
      const emails = await insertNotifications(
        tx,
        recipients.map((u) => ({ userId: u.id, kind: "call.remind", caseId: null, message: () => t.reminderMessage(r.title, r.regionName, r.deadline) })),
      );
      await queueEmailJobs(tx, emails);
      await recordAudit(tx, actor, { action: "call.remind", entityType: "call", entityId: String(r.callId), after: { regions: [r.regionCode], recipients: recipients.length } });
      sent.push(r);
    });
  }
  return sent;
}

/** For the page: when the reminders go out. */
export function reminderTime(call: { deadline: Date; remindDaysBefore: number }) {
  return new Date(call.deadline.getTime() - call.remindDaysBefore * DAY);
}
