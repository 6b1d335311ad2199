/**
 * The e2e web server (started by playwright.config.ts after `npm run build`).
 *
 * Every run gets a FRESH database, so no state leaks between runs:
 * - without TEST_DATABASE_URL: embedded PGlite in a new temporary directory; the server's first
 *   start migrates it and seeds the demo accounts;
 * - with TEST_DATABASE_URL (a URL to a PostgreSQL server): a new database
 *   `pilot_e2e_<pid>_<time>` on that server, migrated and seeded with the demo accounts
 *   (`app/cli/db-seed.ts --demo`), dropped again when the server stops.
 *
 * Then it runs the production server (`tsx app/server/main.ts`, NODE_ENV=production) on E2E_PORT
 * (default 3210), forwards SIGTERM/SIGINT to it, and cleans up after it has exited. Leftovers of
 * earlier runs that were killed outright (their pid no longer runs) are removed at start.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tsxBin = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "tsx.cmd" : "tsx");
const port = process.env.E2E_PORT || "3210";
const serverUrl = process.env.TEST_DATABASE_URL || "";
const runId = `${process.pid}_${Date.now().toString(36)}`;

const log = (line: string) => process.stderr.write(`[e2e-serve] ${line}\n`);

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Temporary PGlite directories of e2e runs whose process is gone. */
function removeStaleTempDirs() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const match = /^pilot-e2e-(\d+)-/.exec(name);
    if (match && !isAlive(Number(match[1]))) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

async function dropStaleDatabases(admin: postgres.Sql) {
  const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'pilot\_e2e\_%'`;
  for (const { datname } of rows) {
    const match = /^pilot_e2e_(\d+)_[a-z0-9]+$/.exec(datname);
    if (match && !isAlive(Number(match[1]))) {
      log(`dropping leftover database ${datname}`);
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
  }
}

type Prepared = { env: NodeJS.ProcessEnv; cleanup: () => Promise<void> };

async function preparePglite(): Promise<Prepared> {
  removeStaleTempDirs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pilot-e2e-${process.pid}-`));
  const dataDir = path.join(dir, "pglite");
  log(`fresh PGlite database in ${dataDir}`);
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dataDir };
  delete env.DATABASE_URL;
  return {
    env,
    cleanup: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      log(`removed ${dir}`);
    },
  };
}

async function preparePostgres(): Promise<Prepared> {
  removeStaleTempDirs();
  const name = `pilot_e2e_${runId}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await dropStaleDatabases(admin);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const databaseUrl = withDatabase(serverUrl, name);
  const drop = async () => {
    const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      log(`dropped database ${name}`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
  log(`fresh PostgreSQL database ${name}`);
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  delete env.PGLITE_DIR;
  const code = await run(tsxBin, ["app/cli/db-seed.ts", "--demo"], env);
  if (code !== 0) {
    await drop().catch((e) => log(`could not drop ${name}: ${e}`));
    throw new Error(`db-seed exited with code ${code}`);
  }
  return { env, cleanup: drop };
}

async function main() {
  let prepared: Prepared;
  try {
    prepared = serverUrl ? await preparePostgres() : await preparePglite();
  } catch (error) {
    log(`could not prepare the database: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }

  const env: NodeJS.ProcessEnv = {
    ...prepared.env,
    NODE_ENV: "production",
    PORT: port,
    HOST: "127.0.0.1",
    // Tests talk plain http://; a Secure cookie would never be sent back.
    INSECURE_COOKIES: "1",
    // The call-for-cases journey moves the server's clock through /test-clock (app/clock.server.ts).
    PILOT_TEST_CLOCK: "1",
    // That clock lives in one process: on PostgreSQL one worker, or a moved deadline would hold in one
    // worker and not in the next (several workers are tested by tests/integration/cluster.test.ts).
    WEB_CONCURRENCY: "1",
  };
  for (const key of ["ALLOWED_ORIGINS", "TRUST_PROXY", "HSTS"]) delete env[key];

  const server: ChildProcess = spawn(tsxBin, ["app/server/main.ts"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });

  let cleaning: Promise<unknown> | undefined;
  const finish = (code: number) => {
    cleaning ??= prepared
      .cleanup()
      .catch((e) => log(`cleanup failed: ${e instanceof Error ? e.message : e}`))
      .finally(() => process.exit(code));
  };

  let stopping = false;
  const forward = (signal: NodeJS.Signals) => {
    stopping = true;
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
    else finish(0);
    // Never hang: if the server does not stop, kill it; cleanup follows on its exit.
    setTimeout(() => server.kill("SIGKILL"), 8_000).unref();
  };
  process.on("SIGTERM", () => forward("SIGTERM"));
  process.on("SIGINT", () => forward("SIGINT"));
  process.on("SIGHUP", () => forward("SIGTERM"));

  server.once("error", (error) => {
    log(`could not start the server: ${error.message}`);
    finish(1);
  });
  server.once("exit", (code, signal) => {
    if (!stopping) log(`server exited unexpectedly (code ${code}, signal ${signal})`);
    finish(stopping ? 0 : (code ?? 1) || 1);
  });
}

await main();
