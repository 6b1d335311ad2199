/**
 * The production server under test: `node --import tsx app/server/main.ts` with NODE_ENV=production
 * on the bench build, its own port, loopback only. Its pid is the server's own (no npm/tsx wrapper
 * process in between), so /proc/<pid>/status is the server's memory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { cleanEnv, ROOT, WORK_DIR } from "./dataset";

export type BenchServer = {
  child: ChildProcess;
  pid: number;
  base: string;
  logFile: string;
  /**
   * Resident memory now and its peak so far, in MB (VmRSS / VmHWM), of the process serving requests:
   * with WEB_CONCURRENCY > 1 the largest of the cluster's workers (the primary only forks them).
   */
  memory(): { rssMb: number; peakMb: number };
  /** CPU time the server has used so far, in ms: the process and, in a cluster, all its workers. */
  cpu(): number;
  stop(): Promise<number | null>;
};

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // fields[11], fields[12] = utime, stime (the 14th and 15th of the whole line), in clock ticks
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100;

/** The direct children of a process (a cluster's workers), from /proc/<pid>/stat's ppid field. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export function readMemory(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1] ?? NaN);
    return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
  } catch {
    return { rssMb: NaN, peakMb: NaN };
  }
}

export async function startServer(options: { port: number; buildDir: string; env: Record<string, string>; label: string; workers?: number }): Promise<BenchServer> {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const logFile = path.join(WORK_DIR, `server-${options.label}.log`);
  const log = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/main.ts"], {
    cwd: ROOT,
    env: {
      ...cleanEnv(),
      NODE_ENV: "production",
      INSECURE_COOKIES: "1",
      BUILD_DIR: options.buildDir,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      // No mail while measuring, and no stray browser for PDF unless an export needs it.
      SMTP_URL: "",
      // The bare 50-row route (/bench/rows), the floor a list page is compared with.
      BENCH_ROUTES: "1",
      WEB_CONCURRENCY: String(options.workers ?? 1),
      ...options.env,
    } as NodeJS.ProcessEnv,
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const base = `http://127.0.0.1:${options.port}`;
  let exited: number | null | undefined;
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve((exited = code))));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`server exited (${exited}) before listening; see ${logFile}:\n${fs.readFileSync(logFile, "utf8").slice(-2000)}`);
    try {
      const res = await fetch(`${base}/ping`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer /ping within 120 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    child,
    pid: child.pid!,
    base,
    logFile,
    memory: () => {
      const workers = (options.workers ?? 1) > 1 ? childPids(child.pid!).map(readMemory) : [];
      if (!workers.length) return readMemory(child.pid!);
      return { rssMb: Math.max(...workers.map((m) => m.rssMb)), peakMb: Math.max(...workers.map((m) => m.peakMb)) };
    },
    cpu: () => [child.pid!, ...((options.workers ?? 1) > 1 ? childPids(child.pid!) : [])].reduce((sum, pid) => sum + (cpuMs(pid) || 0), 0),
    async stop() {
      if (exited !== undefined) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Signs in over HTTP like a browser (form post with an Origin header) and returns the session cookie. */
export async function login(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ username, password }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("=") && !c.endsWith("="));
  if (res.status !== 302 || !cookie) throw new Error(`login as ${username} failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  if (res.headers.get("location")?.startsWith("/password")) throw new Error(`login as ${username}: the account must change its password first`);
  return cookie;
}
