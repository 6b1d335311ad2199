/**
 * `call.reminders`: every hour, sends the call-for-cases deadline reminders that are due
 * (`sendDueReminders`). Idempotent by the unique key of call_reminders, so a run repeated after a
 * crash, or run by `npm run calls:remind` in between, sends nothing twice.
 */
import { defineJob } from "~/jobs/define";
import { callStrings } from "./strings";

export const callRemindersJob = defineJob<Record<string, never>>(
  "call.reminders",
  { label: callStrings.reminderJobLabel, cron: "0 * * * *", retryLimit: 2, retryDelay: 60, expireInSeconds: 600 },
  async (_payload, { db }) => {
    const [{ sendDueReminders }, { serverNow }] = await Promise.all([import("./reminders.server"), import("~/clock.server")]);
    await sendDueReminders(db, serverNow());
  },
);
