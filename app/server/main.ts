/**
 * The HTTP server: `npm run dev` (Vite, hot reload) and `npm start` (the production build).
 * It prepares the database before listening (migrations; demo seed on a new embedded database),
 * and on SIGTERM/SIGINT stops taking requests, lets those in flight finish, closes the database
 * (PGlite flushed and unlocked) and exits — within 5 seconds at most.
 */
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { closeDatabase, getDatabaseHandle } from "~/db/db.server";
import { DatabaseLockedError } from "~/db/lock.server";
import { demoLoginLines, prepareDatabase } from "~/db/startup.server";
import { startJobWorker, stopJobWorker } from "~/jobs/worker.server";
import { createApp } from "./http.server";
import { serverStrings } from "./strings";
import { startViteDev, type ViteDevServer } from "./vite-dev";

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";

/**
 * On PostgreSQL in production, `WEB_CONCURRENCY` worker processes (default: the number of cores)
 * share the port through node:cluster; nothing that matters lives in a process (sessions, jobs,
 * exports are in the database). PGlite stays single-process: its directory may be opened once.
 */
function workerCount() {
  if (!process.env.DATABASE_URL || !production) return 1;
  const wanted = Number(process.env.WEB_CONCURRENCY || os.availableParallelism());
  return Number.isInteger(wanted) && wanted > 0 ? wanted : 1;
}

/** The cluster's primary: migrates once, forks the workers, replaces one that dies, and on SIGTERM stops them all. */
async function primary(count: number) {
  try {
    await prepareDatabase();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await closeDatabase().catch(() => {});
    process.exit(1);
  }
  await closeDatabase();
  console.log(serverStrings.workers(count));
  let stopping = false;
  // Our own count: a worker may still be listed in cluster.workers when its 'exit' event comes.
  const alive = new Set<number>();
  const fork = () => alive.add(cluster.fork({ PILOT_CLUSTER_WORKER: "1" }).id);
  for (let i = 0; i < count; i++) fork();
  let failed = false;
  cluster.on("exit", (worker, code, signal) => {
    alive.delete(worker.id);
    if (code !== 0) failed = true;
    if (!stopping) {
      console.error(serverStrings.workerDied(worker.process.pid ?? 0, code ?? signal ?? ""));
      fork();
      return;
    }
    if (alive.size === 0) process.exit(failed ? 1 : 0);
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: ${serverStrings.shuttingDown}`);
    // Each worker finishes its requests in flight and its jobs, within its own 5-second limit.
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(1), 6_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

async function main() {
  try {
    // A cluster worker: the primary has migrated already.
    const { seeded } = process.env.PILOT_CLUSTER_WORKER ? { seeded: false } : await prepareDatabase();
    const handle = getDatabaseHandle();
    console.log(`数据库：${handle.driver === "pglite" ? "嵌入式 PGlite" : "PostgreSQL"}（${handle.location}）`);
    if (seeded) for (const line of demoLoginLines()) console.log(line);
    // Background jobs (app/jobs) run in every server process; pg-boss hands each job to one of them.
    if (process.env.JOBS !== "off") await startJobWorker();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await closeDatabase().catch(() => {});
    process.exit(error instanceof DatabaseLockedError ? 3 : 1);
  }

  const server = http.createServer();
  let app;
  let dev: ViteDevServer | null = null;
  if (production) {
    const buildDir = path.resolve(process.env.BUILD_DIR || "build");
    const buildPath = path.join(buildDir, "server/index.js");
    const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
    app = createApp({ mode: "production", getBuild: async () => build, clientBuildDir: path.join(buildDir, "client") });
  } else {
    dev = await startViteDev(server);
    app = createApp({ mode: "development", getBuild: dev.getBuild, viteMiddleware: dev.middlewares });
  }

  server.on("request", app);
  server.listen(port, host, () => {
    // The port actually bound: PORT=0 (any free port, as the tests use) prints the real one.
    console.log(serverStrings.listening(`http://localhost:${(server.address() as AddressInfo).port}`));
  });
  server.keepAliveTimeout = 5_000;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: ${serverStrings.shuttingDown}`);
    const force = setTimeout(() => {
      console.error("5 秒内未能正常停止，强制退出。");
      process.exit(1);
    }, 5_000);
    force.unref();
    // Keep-alive clients would otherwise go on sending requests over their open connections, which
    // server.close() leaves open until the force exit: every response from now on closes its
    // connection, so in-flight requests finish and nothing new arrives (issue #7, shutdown test).
    server.prependListener("request", (_req, res) => res.setHeader("Connection", "close"));
    server.close(async () => {
      await dev?.close().catch((e) => console.error(e));
      await stopJobWorker(1_000).catch((e) => console.error(e));
      await closeDatabase().catch((e) => console.error(e));
      process.exit(0);
    });
    server.closeIdleConnections();
    void dev?.closeHotReload();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

const workers = workerCount();
if (workers > 1 && cluster.isPrimary) await primary(workers);
else await main();
