/**
 * What admins see of the job queue (/admin/jobs): the jobs in pg-boss's table, newest first, with
 * their state and the error of a failed one; and `retryJob`, which puts a failed job back in the
 * queue and records who did it in the audit trail, in one transaction.
 */
import { sql } from "drizzle-orm";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { getDatabaseHandle, getDb, rowsOf, type Executor } from "~/db/db.server";
import { bossFor, executorAdapter, JOB_SCHEMA } from "./boss.server";
import { jobLabel } from "./registry.server";
import { jobStrings as t } from "./strings";

import type { JobState } from "./states";

export type JobRow = {
  id: string;
  name: string;
  label: string;
  state: string;
  retryCount: number;
  retryLimit: number;
  singletonKey: string | null;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  error: string | null;
};

type Raw = { id: string; name: string; state: string; retry_count: number; retry_limit: number; singleton_key: string | null; created_on: Date | string; started_on: Date | string | null; completed_on: Date | string | null; output: unknown };

const asDate = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));

function errorOf(state: string, output: unknown): string | null {
  if (state !== "failed" && state !== "retry") return null;
  if (!output || typeof output !== "object") return null;
  const o = output as { message?: unknown; value?: { message?: unknown } };
  const message = o.message ?? o.value?.message;
  return typeof message === "string" ? message : JSON.stringify(output);
}

/** Newest first; keyset-paginated by (created_on, id). One statement. */
export async function listJobs(db: Executor, options: { state?: JobState; before?: { createdOn: Date; id: string }; limit: number }) {
  const rows = rowsOf<Raw>(
    await db.execute(sql`
      select id, name, state, retry_count, retry_limit, singleton_key, created_on, started_on, completed_on, output
      from ${sql.raw(JOB_SCHEMA)}.job
      where name not like '\\_\\_%'
        ${options.state ? sql`and state = ${options.state}::${sql.raw(JOB_SCHEMA)}.job_state` : sql``}
        ${options.before ? sql`and (created_on, id) < (${options.before.createdOn.toISOString()}::timestamptz, ${options.before.id}::uuid)` : sql``}
      order by created_on desc, id desc
      limit ${options.limit + 1}`),
  );
  const jobs: JobRow[] = rows.slice(0, options.limit).map((r) => ({
    id: r.id,
    name: r.name,
    label: jobLabel(r.name),
    state: r.state,
    retryCount: Number(r.retry_count),
    retryLimit: Number(r.retry_limit),
    singletonKey: r.singleton_key,
    createdOn: asDate(r.created_on)!,
    startedOn: asDate(r.started_on),
    completedOn: asDate(r.completed_on),
    error: errorOf(r.state, r.output),
  }));
  const last = jobs.at(-1);
  return { jobs, next: rows.length > options.limit && last ? { createdOn: last.createdOn, id: last.id } : null };
}

export class JobRefused extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** Puts a failed job back in the queue (from its first attempt's count), audited. */
export async function retryJob(actor: AuditActor, jobId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) throw new JobRefused(t.notFound, 404);
  const boss = bossFor(getDatabaseHandle());
  return getDb().transaction(async (tx) => {
    const [job] = rowsOf<{ name: string; state: string }>(
      await tx.execute(sql`select name, state from ${sql.raw(JOB_SCHEMA)}.job where id = ${jobId}::uuid for update`),
    );
    if (!job) throw new JobRefused(t.notFound, 404);
    if (job.state !== "failed") throw new JobRefused(t.notRetryable, 409);
    const result = (await boss.retry(job.name, jobId, { db: executorAdapter(tx) } as never)) as unknown as { affected: number };
    if (!result.affected) throw new JobRefused(t.notRetryable, 409);
    // An admin's retry runs now, not after the backoff of the last failure.
    await tx.execute(sql`update ${sql.raw(JOB_SCHEMA)}.job set start_after = now() where id = ${jobId}::uuid`);
    await recordAudit(tx, actor, { action: "job.retry", entityType: "job", entityId: jobId, before: { state: "failed" }, after: { name: job.name, state: "retry" } });
    return { name: job.name };
  });
}
