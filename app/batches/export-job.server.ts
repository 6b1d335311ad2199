/**
 * The `bulletin.export` job: a published batch's Markdown, PDF and DOCX, generated once (at
 * publication, import, and again after each erratum) and stored in `bulletin_exports`. Queued in
 * the publishing transaction by `queueBulletinExport`; policy `stately` with the batch as
 * singleton key keeps at most one waiting job per batch, and a job that finds the current edition
 * already stored does nothing — so a download never causes a second generation.
 */
import { defineJob } from "~/jobs/define";
import type { Executor } from "~/db/db.server";
import { storedExportStrings } from "./strings";

export type BulletinExportPayload = { batchId: number };

export const bulletinExportJob = defineJob<BulletinExportPayload>(
  "bulletin.export",
  { label: storedExportStrings.jobLabel, policy: "stately", retryLimit: 3, retryDelay: 15, retryBackoff: true, expireInSeconds: 600 },
  async ({ batchId }, { db }) => {
    // Chromium, docx and the renderers load here, in the process that runs the job, not at start.
    const { generateStoredExports } = await import("./stored-exports.server");
    await generateStoredExports(db, batchId);
  },
);

/** Call inside the transaction that publishes the batch or adds an erratum (or imports it). */
export async function queueBulletinExport(tx: Executor, batchId: number) {
  const { enqueueJob } = await import("~/jobs/queue.server");
  return enqueueJob(tx, "bulletin.export", { batchId }, { singletonKey: `batch:${batchId}` });
}
