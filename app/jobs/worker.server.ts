/**
 * The job worker every server process runs (`startJobWorker` from app/server/main.ts): pg-boss
 * polls each queue of `JOBS` and runs its handler; with several processes on one PostgreSQL
 * database each job still runs once (`FOR UPDATE SKIP LOCKED`). A job that throws is retried with
 * backoff up to its limit, then shown as failed on /admin/jobs. On SIGTERM `stopJobWorker` lets
 * running jobs finish (a few seconds at most); a job cut off by a crash stays `active` until its
 * expiry, when pg-boss's maintenance puts it back to be retried — never lost.
 *
 * On PGlite the same worker runs in the one process, over the same adapter.
 */
import type PgBoss from "pg-boss";
import { getDatabaseHandle, type DatabaseHandle } from "~/db/db.server";
import { bossFor } from "./boss.server";
import type { JobDefinition } from "./define";
import { JOBS } from "./registry.server";

type Running = { handle: DatabaseHandle; boss: PgBoss };
const store = globalThis as typeof globalThis & { __pilotCasesJobWorker?: Running };

function errorOutput(error: unknown) {
  return error instanceof Error ? { message: error.message, name: error.name, stack: error.stack } : { message: String(error) };
}

async function runOne(handle: DatabaseHandle, job: JobDefinition<any>, row: PgBoss.Job<object> & { retryCount?: number }) {
  await job.run(row.data, { db: handle.db, jobId: row.id, retryCount: row.retryCount ?? 0 });
}

export async function startJobWorker(options: { pollingIntervalSeconds?: number } = {}) {
  if (store.__pilotCasesJobWorker) return;
  const handle = getDatabaseHandle();
  const boss = bossFor(handle);
  await boss.start();
  for (const job of Object.values(JOBS) as JobDefinition<any>[]) {
    await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, batchSize: 1, includeMetadata: true }, async ([row]) => {
      await runOne(handle, job, row as never);
    });
    if (job.options.cron) await boss.schedule(job.name, job.options.cron, {});
  }
  store.__pilotCasesJobWorker = { handle, boss };
}

/** Stops polling and waits (up to `timeoutMs`) for running jobs; those not done are retried later. */
export async function stopJobWorker(timeoutMs = 3_000) {
  const running = store.__pilotCasesJobWorker;
  store.__pilotCasesJobWorker = undefined;
  if (!running) return;
  // Running jobs get `timeoutMs` to finish; pg-boss then marks the rest failed, to be retried.
  await running.boss.stop({ graceful: true, wait: true, timeout: timeoutMs }).catch((e) => console.warn(e));
}

/**
 * Runs every job that is due now, in this process, until none is left; for tests and commands.
 * Failures are recorded like the worker records them (retry or failed). Returns how many ran.
 */
export async function runDueJobs(handle: DatabaseHandle = getDatabaseHandle(), options: { names?: readonly string[] } = {}) {
  const boss = bossFor(handle);
  let ran = 0;
  for (let round = 0; round < 100; round++) {
    let progressed = false;
    for (const job of Object.values(JOBS) as JobDefinition<any>[]) {
      if (options.names && !options.names.includes(job.name)) continue;
      const [row] = await boss.fetch(job.name, { includeMetadata: true } as never);
      if (!row) continue;
      progressed = true;
      ran++;
      try {
        await runOne(handle, job, row as never);
        await boss.complete(job.name, row.id);
      } catch (error) {
        console.warn(`后台任务 ${job.name} 失败（将按策略重试）：${error instanceof Error ? error.message : String(error)}`);
        await boss.fail(job.name, row.id, errorOutput(error));
      }
    }
    if (!progressed) break;
  }
  return ran;
}
