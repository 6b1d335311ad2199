import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import postgres from "postgres";
import { lockDataDirectory } from "./lock.server";

/**
 * Backups, for both engines:
 * - PostgreSQL: `pg_dump --format=custom` / `pg_restore` (the standard tools; the audit trigger is
 *   recreated after the rows are loaded, so a restore never trips over it).
 * - PGlite: a gzip'd tarball of the data directory (`dumpDataDir`), restored into a new directory.
 * A restore only ever goes into an EMPTY target, so it can never mix two databases.
 */
export class BackupError extends Error {}

function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (e) =>
      reject(new BackupError((e as NodeJS.ErrnoException).code === "ENOENT" ? `找不到 ${command}：请安装 PostgreSQL 客户端工具（postgresql-client）。` : e.message)),
    );
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} 失败（退出码 ${code}）：${stderr.trim()}`))));
  });
}

export async function backupPostgres(url: string, file: string) {
  await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, url]);
}

export async function restorePostgres(url: string, file: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`;
    if (n > 0) throw new BackupError("目标数据库不是空的：恢复只能写入一个新建的空数据库（例如 createdb pilot_restore）。");
  } finally {
    await sql.end();
  }
  await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${url}`, file]);
}

export async function backupPglite(dataDir: string, file: string) {
  if (!fs.existsSync(dataDir)) throw new BackupError(`嵌入式数据库目录不存在：${dataDir}`);
  const release = lockDataDirectory(dataDir);
  const db = new PGlite({ dataDir, extensions: { pg_trgm } });
  try {
    await db.query("select 1"); // dumpDataDir on a database that has not finished opening never settles
    const dump = await db.dumpDataDir("gzip");
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
    release();
  }
}

export async function restorePglite(dataDir: string, file: string) {
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new BackupError(`目标目录不是空的：${dataDir}。恢复只能写入新的空目录（用 PGLITE_DIR 指定）。`);
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const release = lockDataDirectory(dataDir);
  const db = new PGlite({ dataDir, loadDataDir: new Blob([fs.readFileSync(file)]), extensions: { pg_trgm } });
  try {
    await db.query("select 1");
  } finally {
    await db.close();
    release();
  }
}
