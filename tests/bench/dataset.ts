/**
 * The benchmark's datasets, one per engine and size, generated once and reused:
 *
 * - PGlite: `tests/bench/.work/pglite-<cases>` (git-ignored);
 * - PostgreSQL: database `<BENCH_DATABASE_PREFIX>_<cases>` (default prefix `pilot_bench`, so two people
 *   benchmarking on one server can keep apart) on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432).
 *
 * A dataset only ever appears complete: it is generated under a temporary name
 * (`….partial`) and renamed when the generator has finished, so an interrupted generation is
 * thrown away and redone rather than measured. Each benchmark run then works on a throwaway copy
 * (`CREATE DATABASE … TEMPLATE …`, or a copied directory), because the run writes (saves, claims,
 * imports): the pristine dataset stays pristine and two runs measure the same data.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

export type Engine = "pglite" | "postgres";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const WORK_DIR = path.join(ROOT, "tests/bench/.work");

export function serverUrl() {
  return process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
}

export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Environment for a process working on a database: exactly one of DATABASE_URL / PGLITE_DIR. */
export type DatabaseTarget = {
  engine: Engine;
  env: Record<string, string>;
  describe: string;
  /** PostgreSQL: the pids of the server processes serving the run database (their CPU is the database's share). */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
};

/** Runs the generator in a child process (it exits the process when done), echoing its progress. */
function generate(env: Record<string, string>, cases: number, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/bench/generate-data.ts", "--cases", String(cases)], {
      cwd: ROOT,
      env: { ...cleanEnv(), ...env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let tail = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      const last = text.split(/[\r\n]/).filter(Boolean).pop();
      if (last) process.stdout.write(`\r  ${last}   `);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => {
      process.stdout.write("\n");
      if (code === 0) resolve();
      else reject(new Error(`generate-data exited with ${code}:\n${tail}`));
    });
    log(`  生成数据集（${cases} 个案例）…`);
  });
}

/** The parent's environment without database settings (each child gets exactly its own). */
export function cleanEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "DATABASE_URL" && k !== "PGLITE_DIR") out[k] = v;
  return out;
}

async function databaseExists(admin: postgres.Sql, name: string) {
  const rows = await admin`select 1 from pg_database where datname = ${name}`;
  return rows.length > 0;
}

/** Makes sure the pristine dataset exists (generating it if needed), then a fresh copy to run on. */
export async function prepareRunDatabase(engine: Engine, cases: number, log: (line: string) => void): Promise<DatabaseTarget> {
  return engine === "postgres" ? preparePostgres(cases, log) : preparePglite(cases, log);
}

async function preparePostgres(cases: number, log: (line: string) => void): Promise<DatabaseTarget> {
  const url = serverUrl();
  const prefix = process.env.BENCH_DATABASE_PREFIX || "pilot_bench";
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`BENCH_DATABASE_PREFIX: a lower-case SQL name, not ${prefix}`);
  const name = `${prefix}_${cases}`;
  const partial = `${name}_partial`;
  const run = `${name}_run`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    if (!(await databaseExists(admin, name))) {
      await admin.unsafe(`drop database if exists ${partial} with (force)`);
      await admin.unsafe(`create database ${partial}`);
      const started = Date.now();
      await generate({ DATABASE_URL: withDatabase(url, partial) }, cases, log);
      await admin.unsafe(`alter database ${partial} rename to ${name}`);
      log(`  数据集已生成：${name}（${((Date.now() - started) / 1000).toFixed(0)} 秒）`);
    } else {
      log(`  复用数据集：数据库 ${name}`);
    }
    const started = Date.now();
    await admin.unsafe(`drop database if exists ${run} with (force)`);
    await admin.unsafe(`create database ${run} template ${name}`);
    log(`  本次运行使用副本 ${run}（复制用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  } finally {
    await admin.end();
  }
  return {
    engine: "postgres",
    env: { DATABASE_URL: withDatabase(url, run) },
    describe: `PostgreSQL ${redact(withDatabase(url, run))}`,
    async backendPids() {
      const a = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const rows = await a<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${run}`;
        return rows.map((r) => r.pid);
      } finally {
        await a.end();
      }
    },
    async drop() {
      const a = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${run} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

async function preparePglite(cases: number, log: (line: string) => void): Promise<DatabaseTarget> {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const dir = path.join(WORK_DIR, `pglite-${cases}`);
  const partial = `${dir}.partial`;
  const run = path.join(WORK_DIR, `run-pglite-${cases}`);
  if (!fs.existsSync(dir)) {
    fs.rmSync(partial, { recursive: true, force: true });
    fs.rmSync(`${partial}.lock`, { force: true });
    const started = Date.now();
    await generate({ PGLITE_DIR: partial }, cases, log);
    fs.renameSync(partial, dir);
    log(`  数据集已生成：${path.relative(ROOT, dir)}（${((Date.now() - started) / 1000).toFixed(0)} 秒）`);
  } else {
    log(`  复用数据集：${path.relative(ROOT, dir)}`);
  }
  if (fs.existsSync(`${dir}.lock`)) throw new Error(`${dir}.lock exists: another process has the dataset open.`);
  const started = Date.now();
  fs.rmSync(run, { recursive: true, force: true });
  fs.rmSync(`${run}.lock`, { force: true });
  fs.cpSync(dir, run, { recursive: true });
  log(`  本次运行使用副本 ${path.relative(ROOT, run)}（复制用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  return {
    engine: "pglite",
    env: { PGLITE_DIR: run },
    describe: `PGlite ${path.relative(ROOT, run)}`,
    backendPids: async () => [],
    async drop() {
      fs.rmSync(run, { recursive: true, force: true });
    },
  };
}

function redact(url: string) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
