/**
 * `audit.checkpoint`: signs the audit chain head (`writeCheckpoint`) every hour and after each
 * batch publication. As a job it runs after the publishing transaction has committed — signing
 * inside it appended a line to AUDIT_CHECKPOINT_FILE that a rollback could not take back, which
 * `audit:verify` then reported as a cut-off chain. Without AUDIT_SIGNING_KEY it does nothing.
 */
import type { Executor } from "~/db/db.server";
import { defineJob } from "~/jobs/define";
import { auditWords } from "./strings";

export const auditCheckpointJob = defineJob<Record<string, never>>(
  "audit.checkpoint",
  { label: auditWords.checkpointJobLabel, cron: "0 * * * *", policy: "stately", retryLimit: 3, retryDelay: 30, retryBackoff: true },
  async (_payload, { db }) => {
    const { writeCheckpoint } = await import("./checkpoint.server");
    await writeCheckpoint(db);
  },
);

/** Inside the transaction of a change that should be anchored soon (a publication). */
export async function queueAuditCheckpoint(tx: Executor, env: NodeJS.ProcessEnv = process.env) {
  if (!env.AUDIT_SIGNING_KEY) return null;
  const { enqueueJob } = await import("~/jobs/queue.server");
  return enqueueJob(tx, "audit.checkpoint", {}, { singletonKey: "chain-head" });
}
