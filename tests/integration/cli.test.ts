import { describe, expect, it } from "vitest";
import { DatabaseLockedError } from "~/db/lock.server";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres } from "~/db/db.server";
import { freshCliDatabase, runCli, startCli, tempPgliteDir } from "../support/cli";

describe("the embedded database lock", () => {
  it("stops a second process at once, naming the holder's pid", async () => {
    const dir = tempPgliteDir();
    const env = { ...process.env, DATABASE_URL: undefined, PGLITE_DIR: dir, PORT: "0" };
    // A server holds the directory…
    const server = startCli("app/server/main.ts", [], env, /服务已启动/);
    try {
      await server.started;
      // …so a CLI command refuses to open it,
      const cli = runCli("app/cli/db-migrate.ts", [], env);
      expect(cli.code).toBe(3);
      expect(cli.stderr).toContain(`pid ${server.child.pid}`);
      expect(cli.stderr).toContain("PGlite 不能被两个进程同时打开");
      // and so does this very process.
      expect(() => openPglite({ dataDir: dir })).toThrow(DatabaseLockedError);
    } finally {
      server.child.kill("SIGTERM");
      await new Promise((r) => server.child.once("exit", r));
    }
    // Once the server has stopped cleanly, the directory is free again.
    expect(runCli("app/cli/db-migrate.ts", [], env).code).toBe(0);
  }, 120_000);

  it("takes over a lock left by a process that no longer runs", async () => {
    const dir = tempPgliteDir();
    const fs = await import("node:fs");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 2 ** 22 + 7, command: "gone", since: "" }));
    const handle = openPglite({ dataDir: dir });
    await handle.migrate();
    await handle.close();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});

describe("database commands", () => {
  it("migrate is idempotent, seed creates the demo accounts, audit:verify passes", async () => {
    const { env, engine } = await freshCliDatabase();
    expect(runCli("app/cli/db-migrate.ts", [], env).code).toBe(0);
    expect(runCli("app/cli/db-migrate.ts", [], env).code).toBe(0);
    const seed = runCli("app/cli/db-seed.ts", engine === "postgres" ? ["--demo"] : [], env);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain("demo12345");
    const verify = runCli("app/cli/audit-verify.ts", [], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/审计链完整：共 \d+ 条事件校验通过/);

    // Force a change through by disabling the trigger: verification must fail and name the event.
    const handle = env.DATABASE_URL ? openPostgres(env.DATABASE_URL, { max: 1 }) : openPglite({ dataDir: env.PGLITE_DIR });
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
      await tx.execute(sql`update audit_events set after = '{"username":"forged"}' where id = 3`);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
    });
    await handle.close();
    const broken = runCli("app/cli/audit-verify.ts", [], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("事件 #3 校验失败");
  }, 120_000);

  it("a PostgreSQL server gets demo accounts only when asked", async () => {
    const { env, engine } = await freshCliDatabase();
    if (engine !== "postgres") return expect(engine).toBe("pglite");
    const seed = runCli("app/cli/db-seed.ts", [], env);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain("未创建演示账号");
  }, 120_000);
});

describe("bulletin commands", () => {
  it("--dry-run --json prints the 11 cases of the third batch with their counts, in under a second of work", () => {
    const started = Date.now();
    const result = runCli("app/cli/bulletin-import.ts", ["db/seed/third-batch.md", "--dry-run", "--json"], { ...process.env });
    const elapsed = Date.now() - started;
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { batch: number; cases: { category: string; title: string; regions: string[]; practices: number; effects: number; nextSteps: number }[] };
    expect(summary.batch).toBe(3);
    expect(summary.cases.map((c) => [c.practices, c.effects, c.nextSteps])).toEqual([
      [3, 2, 3], [3, 3, 3], [3, 2, 3], [3, 3, 0], [4, 3, 0], [4, 2, 3], [3, 2, 3], [4, 3, 3], [3, 3, 0], [3, 2, 3], [3, 2, 3],
    ]);
    expect(summary.cases[7].regions).toEqual(["上海市", "天津市", "北京市", "广州市", "海南省"]);
    // Reported, not asserted tightly: process start-up dominates on a busy 2-core machine.
    console.info(`bulletin:import --dry-run took ${elapsed} ms`);
  });

  it("errors go to stderr with a non-zero exit", () => {
    const result = runCli("app/cli/bulletin-import.ts", ["README.md", "--dry-run", "--json"], { ...process.env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/目录/);
  });

  it("imports into an empty database and exports batch 3 as Markdown", async () => {
    const { env } = await freshCliDatabase();
    expect(runCli("app/cli/bulletin-import.ts", ["db/seed/third-batch.md"], env).code).toBe(0);
    const out = `${tempPgliteDir()}.md`;
    const exported = runCli("app/cli/bulletin-export.ts", ["--batch", "3", "--format", "md", "--out", out], env);
    expect(exported.code).toBe(0);
    const fs = await import("node:fs");
    const { missingSentences } = await import("~/bulletin/sentences");
    expect(missingSentences(fs.readFileSync("db/seed/third-batch.md", "utf8"), fs.readFileSync(out, "utf8"))).toEqual([]);
    expect(runCli("app/cli/bulletin-export.ts", ["--batch", "99", "--format", "md", "--out", out], env).code).toBe(1);
  }, 120_000);
});
