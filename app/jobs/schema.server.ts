/**
 * Installs (or upgrades) pg-boss's own tables in schema `pgboss` and one queue per job of `JOBS`,
 * with that job's retry policy. Run by `DatabaseHandle.migrate()` after the drizzle migrations, so
 * every migrated database — server start, CLI, test template — can take jobs at once.
 */
import { createRequire } from "node:module";
import PgBoss from "pg-boss";
import type { DatabaseHandle } from "~/db/db.server";
import { bossFor, JOB_SCHEMA } from "./boss.server";
import { JOBS } from "./registry.server";

const PG_BOSS_SCHEMA_VERSION: number = createRequire(import.meta.url)("pg-boss/version.json").schema;

export async function installJobSchema(handle: DatabaseHandle) {
  const db = handle.sqlAdapter;
  const { rows } = await db.executeSql(`select to_regclass('${JOB_SCHEMA}.version') as t`);
  if (!rows[0]?.t) {
    await db.executeSql(PgBoss.getConstructionPlans(JOB_SCHEMA));
  } else {
    const [{ version }] = (await db.executeSql(`select version from ${JOB_SCHEMA}.version`)).rows;
    if (Number(version) < PG_BOSS_SCHEMA_VERSION) await db.executeSql(PgBoss.getMigrationPlans(JOB_SCHEMA, Number(version) as never));
  }
  const boss = bossFor(handle);
  for (const job of Object.values(JOBS)) {
    const options = {
      name: job.name,
      policy: job.options.policy ?? "standard",
      retryLimit: job.options.retryLimit ?? 3,
      retryDelay: job.options.retryDelay ?? 10,
      retryBackoff: job.options.retryBackoff ?? true,
      expireInSeconds: job.options.expireInSeconds ?? 900,
    };
    const existing = await boss.getQueue(job.name);
    if (!existing) await boss.createQueue(job.name, options);
    else if (existing.policy === options.policy) await boss.updateQueue(job.name, options);
  }
}
