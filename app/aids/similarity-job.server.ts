/**
 * `similarity.backfill`: indexes the cases saved before the similarity index existed. Queued at
 * every start after the migrations (one at a time: policy stately), run by whichever process's
 * worker takes it — so a large database does not delay the start, and with several processes the
 * work is done once, not by each (nor by a primary that closes its connection right after
 * migrating). Until it has run, cases not yet indexed are simply not found as similar.
 */
import type { Executor } from "~/db/db.server";
import { defineJob } from "~/jobs/define";
import { AIDS_STRINGS } from "./strings";

export const similarityBackfillJob = defineJob<Record<string, never>>(
  "similarity.backfill",
  { label: AIDS_STRINGS.backfillJobLabel, policy: "stately", retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 1800 },
  async (_payload, { db }) => {
    const { backfillAll } = await import("./similarity.server");
    await backfillAll(db);
  },
);

export async function queueSimilarityBackfill(db: Executor) {
  const { enqueueJob } = await import("~/jobs/queue.server");
  return enqueueJob(db, "similarity.backfill", {}, { singletonKey: "all" });
}
