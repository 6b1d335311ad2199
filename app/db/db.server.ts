import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite, type PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import postgres from "postgres";
import * as schema from "#db/schema";
import { lockDataDirectory, type ReleaseLock } from "./lock.server";

/**
 * The one way application code reaches the database.
 *
 * `DATABASE_URL` set → a PostgreSQL server through postgres.js; unset → embedded PGlite in
 * `PGLITE_DIR` (default `.data/pglite`). The handle lives on globalThis so dev-server reloads and
 * the two copies of this module (the custom server and the Remix build) share one client.
 */
export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or an open transaction. Pass `tx` down, never `db`, inside a transaction (PGlite deadlocks otherwise). */
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  driver: "pglite" | "postgres";
  /** Where the data lives, for messages: a directory or a URL without its password. */
  location: string;
  /** Applies the drizzle migrations, then installs the job queue's schema and queues (app/jobs). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Raw SQL on the native client, for pg-boss (app/jobs/boss.server.ts); text without values may hold several statements. */
  sqlAdapter: { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> };
};

/** After the app's migrations: pg-boss's tables and the queues of every job (loaded lazily: jobs import domain code). */
async function installJobs(handle: DatabaseHandle) {
  const { installJobSchema } = await import("~/jobs/schema.server");
  await installJobSchema(handle);
}

/** drizzle/ at the repository root. Migrations run from the server entry and the CLIs (tsx), never from the Remix build. */
/**
 * Statements sent by this process, counted by drizzle's logger hook: tests use it to prove a page
 * costs a bounded number of queries whatever the number of rows (no N+1).
 */
export const queryStats = { count: 0 };
const countingLogger = { logQuery: () => void queryStats.count++ };

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../drizzle");

export function defaultPgliteDir() {
  return path.resolve(process.env.PGLITE_DIR || ".data/pglite");
}

function redact(url: string) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(DATABASE_URL)";
  }
}

/** What `pg` does with a parameter and postgres.js does not: undefined → null, arrays → array literals, objects → JSON. */
export function asPgParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return `{${value.map((v) => (v === null || v === undefined ? "NULL" : `"${String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)).join(",")}}`;
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}

export function openPostgres(url: string, options: { max?: number } = {}): DatabaseHandle {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema, logger: countingLogger }) as PostgresJsDatabase<Schema>;
  const handle: DatabaseHandle = {
    db: db as unknown as Database,
    driver: "postgres",
    location: redact(url),
    async migrate() {
      await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
      await installJobs(handle);
    },
    // Requests in flight are answered before this (the server closes first); what is left is at most an
    // abandoned background job, retried later: cut it after 2 s so shutdown stays within 5 s.
    close: () => client.end({ timeout: 2 }),
    sqlAdapter: {
      async executeSql(text, values) {
        if (values?.length) return { rows: [...(await client.unsafe(text, values.map(asPgParam) as never[]))] };
        // Several statements (pg-boss's install, with its own BEGIN/COMMIT): simple protocol on one reserved connection.
        const reserved = await client.reserve();
        try {
          const result = (await reserved.unsafe(text).simple()) as unknown as unknown[];
          const last = Array.isArray(result[0]) ? result.at(-1) : result;
          return { rows: [...((last as unknown[]) ?? [])] };
        } finally {
          reserved.release();
        }
      },
    },
  };
  return handle;
}

/** Opens PGlite on a data directory (locked against other processes) or from a snapshot in memory. */
export function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): DatabaseHandle {
  let release: ReleaseLock | undefined;
  if (options.dataDir) release = lockDataDirectory(options.dataDir);
  const client = new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
  });
  const db = drizzlePglite(client, { schema, logger: countingLogger }) as PgliteDatabase<Schema>;
  const handle: DatabaseHandle = {
    db: db as unknown as Database,
    driver: "pglite",
    location: options.dataDir ?? "memory://",
    async migrate() {
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
      await installJobs(handle);
    },
    sqlAdapter: {
      async executeSql(text, values) {
        if (values?.length) return { rows: (await client.query(text, values)).rows as any[] };
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as any[] };
      },
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        release?.();
      }
    },
  };
  return handle;
}

export function openDatabaseFromEnv(): DatabaseHandle {
  const url = process.env.DATABASE_URL;
  return url ? openPostgres(url) : openPglite({ dataDir: defaultPgliteDir() });
}

const store = globalThis as typeof globalThis & { __pilotCasesDb?: DatabaseHandle };

/** The process's database handle, opened on first use. */
export function getDatabaseHandle(): DatabaseHandle {
  store.__pilotCasesDb ??= openDatabaseFromEnv();
  return store.__pilotCasesDb;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

/** Replaces the process's database (tests, tools). The previous handle is not closed. */
export function installDatabase(handle: DatabaseHandle | undefined) {
  store.__pilotCasesDb = handle;
}

export async function closeDatabase() {
  const handle = store.__pilotCasesDb;
  store.__pilotCasesDb = undefined;
  await handle?.close();
}

/** Rows of a raw `db.execute(sql…)`: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
