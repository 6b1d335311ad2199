/**
 * pg-boss on the app's own database connection, for both engines: pg-boss talks to the database
 * through a `{ executeSql(text, values) }` adapter, so on PostgreSQL it shares the postgres.js pool
 * and on PGlite it runs in-process on the one embedded connection (no `pg` pool, no second
 * process: the PGlite lock holds). Inside a transaction the adapter wraps the drizzle `tx`, so a
 * job is written by the same commit as the change that asked for it.
 */
import PgBoss from "pg-boss";
import { sql, type SQL } from "drizzle-orm";
import { asPgParam, rowsOf, type DatabaseHandle, type Executor } from "~/db/db.server";

export type SqlAdapter = { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> };

export const JOB_SCHEMA = "pgboss";

/** `$1`-style text + values → one drizzle statement (params stay params). */
export function toDrizzleSql(text: string, values: readonly unknown[] = []): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, m.index)));
    const value = values[Number(m[1]) - 1];
    // drizzle would spread a JS array into several params, and postgres.js takes no objects: normalise like `pg`.
    chunks.push(sql`${asPgParam(value)}`);
    last = m.index! + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks, sql.raw(""));
}

/** An adapter over a drizzle database or open transaction (single statements with values). */
export function executorAdapter(executor: Executor): SqlAdapter {
  return {
    async executeSql(text, values) {
      return { rows: rowsOf(await executor.execute(toDrizzleSql(text, values))) };
    },
  };
}

const bosses = new WeakMap<DatabaseHandle, PgBoss>();

/** The handle's pg-boss (not started: sending, fetching and completing need no start). */
export function bossFor(handle: DatabaseHandle): PgBoss {
  let boss = bosses.get(handle);
  if (!boss) {
    boss = new PgBoss({
      db: handle.sqlAdapter,
      schema: JOB_SCHEMA,
      migrate: false,
      supervise: true,
      schedule: true,
      // Maintenance (expired jobs → retry, archive) every 30 s; any process may run it.
      maintenanceIntervalSeconds: 30,
    } as PgBoss.ConstructorOptions);
    boss.on("error", (error) => console.warn(`后台任务：${error instanceof Error ? error.message : String(error)}`));
    bosses.set(handle, boss);
  }
  return boss;
}
