/**
 * Crash safety, against PostgreSQL: the real server (`app/server/main.ts`) on a fresh database
 * takes a stream of saves and workflow transitions over HTTP from a submitter and a reviewer, is
 * killed with SIGKILL in the middle of it, and restarted. Then:
 *
 * - every write the server acknowledged (answered with its redirect) is there;
 * - every case is in the state its last audit event says it moved to (audit `after.state`):
 *   no change without its audit event, no audit event without its change;
 * - `npm run audit:verify` walks the hash chain without a break;
 * - the restarted server takes writes again.
 *
 * PGlite is an embedded database in the server's own process; crash recovery of the server
 * process is PostgreSQL's job there, so this file runs only with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import postgres from "postgres";
import { valuesToEntries } from "~/cases/form/paths";
import { contentToFormValues } from "~/cases/form/values";
import { freePort, freshCliDatabase, runCli, startCli } from "../support/cli";
import { httpClient } from "../support/http-client";
import { caseContent } from "./review-fixtures";

const ON_POSTGRES = Boolean(process.env.TEST_DATABASE_URL);
const PORT = await freePort();
const ORIGIN = `http://127.0.0.1:${PORT}`;
const READY = /服务已启动/;

if (!ON_POSTGRES) {
  console.info("security-crash: skipped on PGlite — the kill -9 test needs a PostgreSQL server (set TEST_DATABASE_URL); PGlite lives inside the killed process.");
}

type Ack =
  | { kind: "create"; caseId: string; title: string }
  | { kind: "save"; caseId: string; version: number; title: string }
  | { kind: "transition"; caseId: string; action: string; state: string };

describe("a server killed with SIGKILL mid-stream", () => {
  let env: NodeJS.ProcessEnv = { ...process.env };
  let server: ChildProcess | null = null;

  beforeAll(async () => {
    if (!ON_POSTGRES) return;
    const fresh = await freshCliDatabase();
    env = { ...fresh.env, PORT: String(PORT), HOST: "127.0.0.1", NODE_ENV: "development" };
    expect(runCli("app/cli/db-migrate.ts", [], env).code).toBe(0);
    expect(runCli("app/cli/db-seed.ts", ["--demo"], env).code).toBe(0);
  }, 180_000);

  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill("SIGKILL");
      await new Promise((r) => server!.once("exit", r));
    }
  });

  async function start() {
    const started = startCli("app/server/main.ts", [], env, READY);
    server = started.child;
    await started.started;
    return started;
  }

  const http = httpClient(ORIGIN);
  const login = http.login;

  /** Requests sent and not yet answered; those the kill cuts off. */
  let pending = 0;
  let cutOff = 0;
  async function postForm(cookie: string, path: string, entries: [string, string][]) {
    pending++;
    try {
      return await http.postForm(cookie, path, entries);
    } catch (error) {
      cutOff++;
      throw error;
    } finally {
      pending--;
    }
  }

  const form = (title: string) => valuesToEntries(contentToFormValues(caseContent({ title })));

  it.runIf(ON_POSTGRES)(
    "keeps every acknowledged write, a consistent audit trail and a valid hash chain",
    async () => {
      const first = await start();
      const beijing = await login("beijing");
      const reviewer = await login("reviewer");
      // Warm up (the development server compiles each route on first use), then the stream.
      await postForm(beijing, "/cases/new", [...form("预热案例"), ["intent", "save"]]);

      const acks: Ack[] = [];
      const submitted: string[] = [];
      let stop = false;
      let n = 0;

      const submitterLoop = async (worker: number) => {
        while (!stop) {
          try {
            const title = `崩溃测试${worker}-${n++}`;
            const created = await postForm(beijing, "/cases/new", [...form(title), ["intent", "save"]]);
            const m = /^\/cases\/([0-9a-f-]{36})\/edit\?saved=created$/.exec(created.location);
            if (created.status !== 302 || !m) continue;
            const caseId = m[1]!;
            acks.push({ kind: "create", caseId, title });
            let version = 1;
            for (let s = 0; s < 2 && !stop; s++) {
              const next = `${title}·改${s}`;
              const saved = await postForm(beijing, `/cases/${caseId}/edit`, [...form(next), ["intent", "save"], ["baseVersion", String(version)]]);
              const v = /\?saved=(\d+)$/.exec(saved.location);
              if (saved.status !== 302 || !v) break;
              version = Number(v[1]);
              acks.push({ kind: "save", caseId, version, title: next });
            }
            if (stop) break;
            const sub = await postForm(beijing, `/cases/${caseId}/edit`, [...form(`${title}·定稿`), ["intent", "submit"], ["baseVersion", String(version)]]);
            if (sub.status === 302 && sub.location === `/cases/${caseId}`) {
              acks.push({ kind: "transition", caseId, action: "submit", state: "submitted" });
              submitted.push(caseId);
            }
          } catch {
            return; // the server is gone
          }
        }
      };
      const reviewerLoop = async () => {
        while (!stop) {
          const caseId = submitted.shift();
          if (!caseId) {
            await new Promise((r) => setTimeout(r, 20));
            continue;
          }
          try {
            for (const [action, state] of [
              ["claim", "in_review"],
              ["approve", "approved"],
            ] as const) {
              const r = await postForm(reviewer, `/cases/${caseId}`, [["intent", "transition"], ["action", action], ["confirmed", "1"]]);
              if (r.status !== 302 || r.location !== `/cases/${caseId}`) break;
              acks.push({ kind: "transition", caseId, action, state });
            }
          } catch {
            return;
          }
        }
      };

      const workers = [submitterLoop(1), submitterLoop(2), submitterLoop(3), reviewerLoop(), reviewerLoop()];
      // Kill once the stream is well under way: writes are in flight at that instant.
      const deadline = Date.now() + 60_000;
      while (acks.filter((a) => a.kind === "transition" && a.action !== "submit").length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      while (pending < 3 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      first.child.kill("SIGKILL");
      stop = true;
      await new Promise((r) => first.child.once("exit", r));
      await Promise.all(workers);
      const counts = acks.reduce<Record<string, number>>((m, a) => ((m[a.kind === "transition" ? a.action : a.kind] = (m[a.kind === "transition" ? a.action : a.kind] ?? 0) + 1), m), {});
      console.info(`crash: SIGKILL after ${acks.length} acknowledged writes (${JSON.stringify(counts)}), ${cutOff} requests cut off in flight`);
      expect(acks.length).toBeGreaterThan(10);
      expect(cutOff).toBeGreaterThan(0);

      // Restart on the same database.
      await start();
      const sql = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      try {
        // 1. Every acknowledged write is there.
        for (const ack of acks) {
          if (ack.kind === "create") {
            const [row] = await sql`select 1 from cases where id = ${ack.caseId}`;
            expect(row, `created ${ack.caseId}`).toBeTruthy();
          } else if (ack.kind === "save") {
            const [row] = await sql<{ title: string }[]>`select content->>'title' as title from case_versions where case_id = ${ack.caseId} and version = ${ack.version}`;
            expect(row?.title, `save ${ack.caseId} v${ack.version}`).toBe(ack.title);
          } else {
            const [row] = await sql`select 1 from audit_events where entity_type = 'case' and entity_id = ${ack.caseId} and action = ${`case.${ack.action}`}`;
            expect(row, `${ack.action} of ${ack.caseId}`).toBeTruthy();
          }
        }
        const lastAck = new Map<string, string>();
        for (const ack of acks) if (ack.kind === "transition") lastAck.set(ack.caseId, ack.state);
        // 2. Every case is in the state of its last audit event; acknowledged transitions are not lost.
        const rows = await sql<{ id: string; state: string; audited: string | null }[]>`
          select c.id, c.state,
                 (select e.after->>'state' from audit_events e
                   where e.entity_type = 'case' and e.entity_id = c.id and e.after->>'state' is not null
                   order by e.id desc limit 1) as audited
          from cases c`;
        expect(rows.length).toBeGreaterThan(0);
        const mismatched = rows.filter((r) => r.state !== r.audited);
        expect(mismatched, "cases whose state differs from their last audit event").toEqual([]);
        const order = ["draft", "submitted", "in_review", "approved"];
        for (const [caseId, state] of lastAck) {
          const row = rows.find((r) => r.id === caseId)!;
          expect(order.indexOf(row.state), `${caseId}: acknowledged ${state}, now ${row.state}`).toBeGreaterThanOrEqual(order.indexOf(state));
        }
        // 3. The hash chain is intact.
        const verify = runCli("app/cli/audit-verify.ts", [], env);
        expect(verify.stdout + verify.stderr).toMatch(/审计链完整/);
        expect(verify.code).toBe(0);
        // 4. The restarted server takes writes again.
        const again = await postForm(await login("beijing"), "/cases/new", [...form("重启后新建"), ["intent", "save"]]);
        expect(again.status).toBe(302);
        expect(again.location).toMatch(/\/edit\?saved=created$/);
      } finally {
        await sql.end();
      }
    },
    240_000,
  );
});
