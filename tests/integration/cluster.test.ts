/**
 * `npm start` on PostgreSQL with WEB_CONCURRENCY=2: two worker processes behind one port (node:cluster),
 * one database. Every request goes over a new connection, which the cluster hands to the workers in
 * turn, so consecutive requests are served by different processes. Then:
 *
 * - a save answered by one worker is what the next request (another worker) reads;
 * - the published batch's export job, polled by both workers, runs once; both serve the same file;
 * - a notification's e-mail, polled by both workers' job loops, is sent once;
 * - SIGTERM to the primary stops both workers cleanly: exit code 0.
 *
 * PostgreSQL only (PGlite is single-process by design: it says so when skipped).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { valuesToEntries } from "~/cases/form/paths";
import { contentToFormValues } from "~/cases/form/values";
import { freePort, freshCliDatabase, runCli, startCli } from "../support/cli";
import { startFakeSmtp } from "../support/fake-smtp";
import { caseContent } from "./review-fixtures";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!onPostgres) console.info("cluster: skipped on PGlite — several server processes need a PostgreSQL server (set TEST_DATABASE_URL); PGlite stays single-process.");

/** One request over a connection of its own (no keep-alive), so the cluster balances it. */
function request(port: number, method: string, pathname: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: pathname, agent: false, headers: { Connection: "close", ...headers } }, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (data += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

const until = async (check: () => Promise<boolean>, tries = 300) => {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

describe.runIf(onPostgres)("two workers on one PostgreSQL database", () => {
  let env = {} as NodeJS.ProcessEnv;
  let port = 0;
  let server: ReturnType<typeof startCli> | null = null;
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  let sql: postgres.Sql;
  const buildDir = path.resolve(`build-test-cluster-${process.pid}`);

  beforeAll(async () => {
    const fresh = await freshCliDatabase();
    port = await freePort();
    smtp = await startFakeSmtp();
    const built = spawnSync("npx", ["remix", "vite:build"], { env: { ...process.env, BUILD_DIR: buildDir, NODE_ENV: "production" }, encoding: "utf8", timeout: 170_000 });
    expect(built.status, `build failed: ${built.stderr}`).toBe(0);
    env = {
      ...fresh.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      INSECURE_COOKIES: "1",
      BUILD_DIR: buildDir,
      WEB_CONCURRENCY: "2",
      CHROMIUM_PATH: "off",
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: "noreply@example.gov.cn",
      MAIL_DOMAIN: "example.gov.cn",
    };
    expect(runCli("app/cli/db-seed.ts", ["--demo"], env).code).toBe(0);
    sql = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  }, 240_000);

  afterAll(async () => {
    const child = server?.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    }
    await sql?.end();
    await smtp?.close();
    fs.rmSync(buildDir, { recursive: true, force: true });
  });

  it("serves one consistent app, runs each job once, mails once and stops cleanly", async () => {
    server = startCli("app/server/main.ts", [], env, /服务已启动[\s\S]*服务已启动/);
    await server.started;
    expect(server.output()).toContain("以 2 个工作进程运行");
    const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${port}` };

    const login = await request(port, "POST", "/login", form, new URLSearchParams({ username: "beijing", password: "demo12345" }).toString());
    expect(login.status).toBe(302);
    const cookie = String(login.headers["set-cookie"]?.[0] ?? "").split(";")[0]!;
    const entries = (marker: string) => valuesToEntries(contentToFormValues(caseContent({ title: "集群测试草稿", intro: [{ text: `北京朝阳区探索一站式服务模式。${marker}` }] })));

    // A session made by one worker is valid at the other; each save is read back by the next request.
    const created = await request(port, "POST", "/cases/new", { ...form, Cookie: cookie }, new URLSearchParams([...entries("（0）"), ["intent", "save"]]).toString());
    expect(created.status).toBe(302);
    const caseId = /\/cases\/([0-9a-f-]{36})\/edit/.exec(String(created.headers.location))![1]!;
    let version = 1;
    for (let i = 1; i <= 6; i++) {
      const saved = await request(port, "POST", `/cases/${caseId}/edit`, { ...form, Cookie: cookie }, new URLSearchParams([...entries(`（第 ${i} 次）`), ["intent", "save"], ["baseVersion", String(version)]]).toString());
      expect(saved.status).toBe(302);
      version = Number(/saved=(\d+)/.exec(String(saved.headers.location))![1]);
      const read = await request(port, "GET", `/cases/${caseId}/edit`, { Cookie: cookie });
      expect(read.status).toBe(200);
      expect(read.body).toContain(`（第 ${i} 次）`);
    }

    // The export job queued by the seed's import: both workers poll, one runs it, once.
    const [batch] = await sql<{ id: number }[]>`select id from batches where number = 3`;
    expect(await until(async () => (await sql`select 1 from pgboss.job where singleton_key = ${`batch:${batch!.id}`} and state = 'completed'`).length > 0)).toBe(true);
    const jobs = await sql<{ state: string; retry_count: number }[]>`select state, retry_count from pgboss.job where name = 'bulletin.export' and singleton_key = ${`batch:${batch!.id}`}`;
    expect(jobs).toEqual([{ state: "completed", retry_count: 0 }]);
    const first = await request(port, "GET", "/bulletins/3/download/md");
    const second = await request(port, "GET", "/bulletins/3/download/md");
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body).toBe(first.body);

    // Submitting notifies the reviewer: one mail, though both workers poll the outbox.
    const submitted = await request(port, "POST", `/cases/${caseId}`, { ...form, Cookie: cookie }, new URLSearchParams({ intent: "transition", action: "submit", expectedVersion: String(version), expectedState: "draft" }).toString());
    expect(submitted.status).toBe(302);
    expect(await until(async () => smtp.received.length > 0)).toBe(true);
    // Give both workers several polling rounds to send it again, if they were going to.
    await until(async () => false, 30);
    expect(smtp.received.map((m) => m.to)).toEqual([["reviewer@example.gov.cn"]]);

    const child = server.child;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(server.output()).toContain("SIGTERM");
  }, 180_000);
});
