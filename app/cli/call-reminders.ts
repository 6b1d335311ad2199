import { sendDueReminders } from "~/calls/reminders.server";
import { getDatabaseHandle } from "~/db/db.server";
import { runCli } from "./run";

/**
 * npm run calls:remind [-- --now=2026-12-08T09:00:00+08:00] — sends the due call-for-cases
 * reminders once (idempotent: a second run sends nothing new). Meant to be run by a scheduler
 * (cron, or the job queue's cron once it exists); `--now` replays a given moment.
 */
await runCli(async () => {
  const arg = process.argv.find((a) => a.startsWith("--now="));
  const now = arg ? new Date(arg.slice("--now=".length)) : new Date();
  if (Number.isNaN(now.getTime())) {
    console.error("--now 应为 ISO 时间，例如 2026-12-08T09:00:00+08:00");
    return 2;
  }
  const sent = await sendDueReminders(getDatabaseHandle().db, now);
  for (const r of sent) console.log(`已提醒：征集 #${r.callId}《${r.title}》 → ${r.regionName}`);
  console.log(`共发送 ${sent.length} 条截止提醒。`);
  return 0;
});
