/**
 * Least privilege on PostgreSQL (issue #13): `db:migrate` as an owner role (MIGRATION_DATABASE_URL)
 * creates the app role of DATABASE_URL and grants it row rights only. Then the server started with
 * the two URLs migrates as the owner, serves as the app role, and a submitter and a reviewer work
 * as usual; but the app role cannot change, delete or truncate audit events, disable the
 * append-only trigger, set session_replication_role, or drop a table. A server whose DATABASE_URL
 * is the owner refuses to start.
 *
 * PGlite has no roles (one embedded user, in the server's own process): PostgreSQL only.
 */
import { randomBytes } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { valuesToEntries } from "~/cases/form/paths";
import { contentToFormValues } from "~/cases/form/values";
import { withDatabase } from "../support/global-setup";
import { freePort, runCli, startCli } from "../support/cli";
import { httpClient } from "../support/http-client";
import { caseContent } from "./review-fixtures";

const SERVER_URL = process.env.TEST_DATABASE_URL;
const ON_POSTGRES = Boolean(SERVER_URL);
if (!ON_POSTGRES) {
  console.info("least-privilege: skipped on PGlite — database roles need a PostgreSQL server (set TEST_DATABASE_URL); PGlite has one embedded user.");
}

function asRole(url: string, role: string, password: string, database: string) {
  const u = new URL(withDatabase(url, database));
  u.username = role;
  u.password = password;
  return u.toString();
}

describe.runIf(ON_POSTGRES)("the app's PostgreSQL role", () => {
  const suffix = `${inject("runId")}_${randomBytes(3).toString("hex")}`.toLowerCase();
  const database = `pilot_lp_${suffix}`;
  const ownerRole = `pilot_own_${suffix}`;
  const appRole = `pilot_app_${suffix}`;
  let admin: postgres.Sql;
  let ownerUrl = "";
  let appUrl = "";
  let env: NodeJS.ProcessEnv = { ...process.env };
  let server: ChildProcess | null = null;

  beforeAll(async () => {
    admin = postgres(SERVER_URL!, { max: 1, onnotice: () => {} });
    // An owner that is no superuser: it owns the database and may create roles, nothing more.
    await admin.unsafe(`create role ${ownerRole} login password 'owner-pw' createrole`);
    await admin.unsafe(`create database ${database} owner ${ownerRole}`);
    ownerUrl = asRole(SERVER_URL!, ownerRole, "owner-pw", database);
    appUrl = asRole(SERVER_URL!, appRole, "app pw/é", database);
    env = { ...process.env, PGLITE_DIR: "", MIGRATION_DATABASE_URL: ownerUrl, DATABASE_URL: appUrl, NODE_ENV: "development", HOST: "127.0.0.1" };
  });

  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.unsafe(`drop role if exists ${appRole}`);
    await admin.unsafe(`drop role if exists ${ownerRole}`);
    await admin.end();
  });

  it("db:migrate creates it with row rights only, and a second run checks it", async () => {
    const first = runCli("app/cli/db-migrate.ts", [], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`已创建应用数据库角色 ${appRole}`);
    const again = runCli("app/cli/db-migrate.ts", [], env);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("已创建");
    expect(again.stdout).toContain(`应用角色 ${appRole} 符合最小权限要求`);
    // The seed migrates as the owner, then writes its rows as the app role.
    const seeded = runCli("app/cli/db-seed.ts", ["--demo"], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    const [role] = await admin<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }[]>`
      select rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = ${appRole}`;
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
  }, 240_000);

  it("a server started with the two URLs serves pages, saves and moves cases as the app role", async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const started = startCli("app/server/main.ts", [], { ...env, PORT: String(port) }, /服务已启动/);
    server = started.child;
    await started.started;
    expect(started.output()).toContain(appRole);
    const { login, postForm: post } = httpClient(origin);
    const beijing = await login("beijing");
    const page = await fetch(`${origin}/cases`, { headers: { Cookie: beijing } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("案例");
    const form = (title: string) => valuesToEntries(contentToFormValues(caseContent({ title })));
    const created = await post(beijing, "/cases/new", [...form("最小权限案例"), ["intent", "save"]]);
    expect(created.status).toBe(302);
    const caseId = /^\/cases\/([0-9a-f-]{36})\/edit/.exec(created.location)![1]!;
    const submitted = await post(beijing, `/cases/${caseId}/edit`, [...form("最小权限案例·定稿"), ["intent", "submit"], ["baseVersion", "1"]]);
    expect(submitted).toEqual({ status: 302, location: `/cases/${caseId}` });
    const reviewer = await login("reviewer");
    const claimed = await post(reviewer, `/cases/${caseId}`, [["intent", "transition"], ["action", "claim"], ["confirmed", "1"]]);
    expect(claimed).toEqual({ status: 302, location: `/cases/${caseId}` });
    const sql = postgres(appUrl, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ state: string }[]>`select state from cases where id = ${caseId}`;
      expect(row?.state).toBe("in_review");
      const events = await sql`select action from audit_events where entity_id = ${caseId} order by id`;
      expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["case.submit", "case.claim"]));
    } finally {
      await sql.end();
    }
    expect(runCli("app/cli/audit-verify.ts", [], env).code).toBe(0);
    // The job worker (pg-boss started without migration rights, its maintenance and cron) ran as the app role too.
    expect(started.output()).not.toMatch(/permission denied|must be owner|后台任务：/);
  }, 240_000);

  it("cannot rewrite the audit trail, skip its trigger or drop a table", async () => {
    const sql = postgres(appUrl, { max: 1, onnotice: () => {} });
    const refused = async (statement: string) => {
      const error = await sql.unsafe(statement).then(() => null, (e: Error) => e);
      expect(error, statement).toBeInstanceOf(Error);
      return error!.message;
    };
    try {
      expect(await refused("update audit_events set action = 'forged'")).toMatch(/permission denied/);
      expect(await refused("delete from audit_events")).toMatch(/permission denied/);
      expect(await refused("truncate audit_events")).toMatch(/permission denied/);
      expect(await refused("update audit_checkpoints set hash = 'x'")).toMatch(/permission denied/);
      expect(await refused("alter table audit_events disable trigger all")).toMatch(/must be owner/);
      expect(await refused("alter table audit_events disable trigger audit_events_no_update_delete")).toMatch(/must be owner/);
      expect(await refused("set session_replication_role = replica")).toMatch(/permission denied/);
      expect(await refused("drop table audit_events")).toMatch(/must be owner/);
      expect(await refused("drop table cases")).toMatch(/must be owner/);
      expect(await refused("create table public.forged (id int)")).toMatch(/permission denied/);
      expect(await refused("drop schema pgboss cascade")).toMatch(/must be owner/);
      const [{ n }] = (await sql<{ n: number }[]>`select count(*)::int as n from audit_events`) as unknown as [{ n: number }];
      expect(n).toBeGreaterThan(0);
    } finally {
      await sql.end();
    }
  });

  it("a server whose DATABASE_URL is the owner refuses to start", async () => {
    const result = runCli("app/server/main.ts", [], { ...env, DATABASE_URL: ownerUrl, PORT: String(await freePort()) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/应用角色与迁移角色相同|拒绝启动/);
  }, 120_000);
});
