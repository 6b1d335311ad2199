/**
 * A background job: a name, how it is retried, and what it does. Declared once with `defineJob`
 * and listed in `JOBS` (registry.server.ts); queued with `enqueueJob` (queue.server.ts) inside the
 * transaction of the change that calls for it, run by the worker of every server process
 * (worker.server.ts) — exactly once per job across processes, retried with backoff when it throws.
 *
 * Handlers must be idempotent (a job whose process died mid-run is run again once its
 * `expireInSeconds` has passed) and should import heavy code (Chromium, DOCX) lazily, so a process
 * that only enqueues never loads it.
 */
import type { Database } from "~/db/db.server";

export type JobContext = {
  /** The process's database (not a transaction: a job opens its own when it needs one). */
  db: Database;
  jobId: string;
  /** 0 on the first run, 1 on the first retry, … */
  retryCount: number;
};

export type JobOptions = {
  /** Shown to admins on /admin/jobs. */
  label: string;
  /** Retries after the first failure (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry (default 10); doubled each time with `retryBackoff`. */
  retryDelay?: number;
  /** Exponential backoff between retries (default true). */
  retryBackoff?: boolean;
  /** A running job not finished after this long is taken as lost (its process died) and retried (default 900). */
  expireInSeconds?: number;
  /**
   * pg-boss queue policy. `stately`: at most one queued and one running job per singleton key —
   * what "generate once" jobs use. Default `standard`.
   */
  policy?: "standard" | "short" | "singleton" | "stately";
  /** Run on a schedule too (cron syntax, UTC), with an empty payload. */
  cron?: string;
};

export type JobDefinition<P extends object = object> = {
  name: string;
  options: JobOptions;
  run(payload: P, context: JobContext): Promise<void>;
};

/** Job names: lower case words with dots (`bulletin.export`), as pg-boss queue names allow. */
export function defineJob<P extends object>(name: string, options: JobOptions, run: (payload: P, context: JobContext) => Promise<void>): JobDefinition<P> {
  if (!/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)*$/.test(name)) throw new Error(`bad job name: ${name}`);
  return { name, options, run };
}
