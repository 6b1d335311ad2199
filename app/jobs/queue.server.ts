/**
 * `enqueueJob(tx, name, payload, options)`: queues a job inside the caller's transaction, so the
 * job exists if and only if the change that asked for it committed. Returns the job id, or null
 * when a singleton key already has a job waiting (policy `stately`: the waiting one will do).
 */
import { getDatabaseHandle, type Executor } from "~/db/db.server";
import { bossFor, executorAdapter } from "./boss.server";
import type { JobDefinition } from "./define";
import { JOBS, type JobName, type JobPayload } from "./registry.server";

export type EnqueueOptions = {
  /** At most one waiting job per key (with policy `stately`), e.g. `batch:7`. */
  singletonKey?: string;
  /** Not before this time (a Date) or this many seconds from now. */
  startAfter?: Date | number;
  /** Higher first (default 0). */
  priority?: number;
};

export async function enqueueJob<N extends JobName>(tx: Executor, name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<string | null> {
  const job: JobDefinition<any> = JOBS[name];
  const boss = bossFor(getDatabaseHandle());
  // pg-boss checks every key it is given: pass only those set.
  const sendOptions = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return boss.send(job.name, payload as object, { ...sendOptions, db: executorAdapter(tx) } as never);
}
