import fs from "node:fs";
import path from "node:path";

/**
 * An exclusive, process-level lock on a PGlite data directory.
 *
 * PGlite has no lock of its own: a second process opening the same directory runs happily and its
 * writes silently vanish. So whoever opens the directory first writes `<dataDir>.lock` with its pid
 * (O_EXCL, atomic), and every other process stops at once naming that pid. A lock left behind by a
 * process that no longer runs (kill -9, power loss) is taken over.
 */
export class DatabaseLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holderPid: number,
    holderCommand: string,
  ) {
    super(
      `嵌入式数据库正被另一个进程使用（pid ${holderPid}${holderCommand ? `：${holderCommand}` : ""}）。` +
        `PGlite 不能被两个进程同时打开：请先停止该进程，或用 PGLITE_DIR 指向另一个数据目录。` +
        ` / The embedded database is in use by process ${holderPid}; lock file ${lockPath}.`,
    );
    this.name = "DatabaseLockedError";
  }
}

type LockHolder = { pid: number; command: string; since: string };

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number" ? { pid: parsed.pid, command: parsed.command ?? "", since: parsed.since ?? "" } : null;
  } catch {
    return null;
  }
}

export type ReleaseLock = () => void;

export function lockDataDirectory(dataDir: string): ReleaseLock {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const me: LockHolder = {
    pid: process.pid,
    command: process.argv.slice(1).map((a) => path.basename(a)).join(" "),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // Only remove the file if it is still ours.
        if (readHolder(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DatabaseLockedError(lockPath, holder.pid, holder.command);
      }
      // Stale (holder gone), unreadable (a writer crashed mid-write) or left by this very pid.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
