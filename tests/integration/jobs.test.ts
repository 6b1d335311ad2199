/**
 * The durable job queue (app/jobs, pg-boss) and what rides on it: a published batch's exports made
 * once by a job and served from the database; a job exists only if its transaction committed; a
 * failing job retried, then shown failed to admins with its error, retried by an admin (audited);
 * a job whose process died mid-run retried, not lost; the server's own worker running jobs.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, bulletinExports } from "#db/schema";
import { addErratum } from "~/batches/batch-publishing.server";
import { queueBulletinExport } from "~/batches/export-job.server";
import { getBatchByNumber, type BatchRow } from "~/bulletin/bulletins.server";
import { getDb, getDatabaseHandle, queryStats, rowsOf } from "~/db/db.server";
import { listJobs } from "~/jobs/admin.server";
import { bossFor } from "~/jobs/boss.server";
import { enqueueJob } from "~/jobs/queue.server";
import { JOBS } from "~/jobs/registry.server";
import { runDueJobs, startJobWorker, stopJobWorker } from "~/jobs/worker.server";
import { actorOf } from "~/permissions/require.server";
import { action as jobsAction, loader as jobsLoader } from "~/routes/admin.jobs";
import { loader as downloadLoader } from "~/routes/bulletins.$number.download.$format";
import { useTestDatabase } from "../support/database";
import { contextFor, get, post, run } from "../support/requests";

await useTestDatabase();

let batch: BatchRow;
const savedChromium = process.env.CHROMIUM_PATH;
beforeAll(async () => {
  // The PDF needs Chromium (tested in exports.test.ts); here the job records it as unavailable.
  process.env.CHROMIUM_PATH = "off";
  batch = (await getBatchByNumber(getDb(), 3))!;
});
afterAll(() => {
  if (savedChromium === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = savedChromium;
});

async function download(format: string, headers: Record<string, string> = {}) {
  const request = new Request(get(`/bulletins/3/download/${format}`).url, { headers });
  return (await downloadLoader({ request, context: await contextFor(null), params: { number: "3", format } })) as Response;
}

async function jobsOfBatch(states = ["created", "retry", "active"]) {
  return rowsOf<{ id: string; state: string }>(
    await getDb().execute(sql`select id, state from pgboss.job where name = 'bulletin.export' and singleton_key = ${`batch:${batch.id}`} and state::text = any(${`{${states.join(",")}}`}::text[])`),
  );
}

async function storedRows() {
  return getDb().select({ format: bulletinExports.format, generatedAt: bulletinExports.generatedAt, errataCount: bulletinExports.errataCount }).from(bulletinExports).where(eq(bulletinExports.batchId, batch.id));
}

describe("stored exports of a published batch", () => {
  it("are made once by the job queued at import, and the download says 正在生成 until then", async () => {
    expect(await jobsOfBatch()).toHaveLength(1);
    const early = await download("md");
    expect(early.status).toBe(503);
    expect(early.headers.get("Retry-After")).toBe("5");
    expect(await early.text()).toMatch(/正在生成/);
    // The early download did not queue a second job.
    expect(await jobsOfBatch()).toHaveLength(1);

    expect(await runDueJobs()).toBe(1);
    expect((await storedRows()).map((r) => r.format).sort()).toEqual(["docx", "md", "pdf"]);

    const md = await download("md");
    expect(md.status).toBe(200);
    expect(await md.text()).toMatch(/^# 国家服务业扩大开放综合试点示范建设第三批最佳实践案例\n/);
    const docx = await download("docx");
    expect(docx.status).toBe(200);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
    const pdf = await download("pdf");
    expect(pdf.status).toBe(503);
    expect(await pdf.text()).toMatch(/Chromium/);
  });

  it("are not generated a second time by another job, and revalidate with 304", async () => {
    const before = await storedRows();
    await getDb().transaction((tx) => queueBulletinExport(tx, batch.id));
    expect(await runDueJobs()).toBe(1);
    expect(await storedRows()).toEqual(before);

    const first = await download("md");
    const etag = first.headers.get("ETag")!;
    expect(etag).toBeTruthy();
    expect(first.headers.get("Cache-Control")).toMatch(/public/);
    expect((await download("md", { "If-None-Match": etag })).status).toBe(304);
    expect((await download("md", { "If-Modified-Since": first.headers.get("Last-Modified")! })).status).toBe(304);
    expect((await download("md", { "If-None-Match": '"other"' })).status).toBe(200);

    // A revalidation is answered from the validators: the stored body (megabytes for a PDF) is not read.
    const statements = async (headers: Record<string, string>) => {
      const before = queryStats.count;
      await download("docx", headers);
      return queryStats.count - before;
    };
    const docxTag = (await download("docx")).headers.get("ETag")!;
    expect(await statements({ "If-None-Match": docxTag })).toBe((await statements({})) - 1);
  });

  it("get a new edition after an erratum", async () => {
    const context = await contextFor("publisher");
    await addErratum(context.auth.user!, actorOf(context), { number: 3, body: "第 3 页“试点”应为“试点示范”。" });
    expect((await download("md")).status).toBe(503);
    await runDueJobs();
    const md = await (await download("md")).text();
    expect(md).toContain("第 3 页“试点”应为“试点示范”。");
    expect((await storedRows()).every((r) => r.errataCount === 1)).toBe(true);
  });
});

describe("the queue", () => {
  it("holds a job only if the transaction that queued it committed", async () => {
    const count = async () => (await jobsOfBatch(["created", "retry", "active", "completed"])).length;
    const before = await count();
    await getDb()
      .transaction(async (tx) => {
        await enqueueJob(tx, "bulletin.export", { batchId: batch.id });
        throw new Error("rolled back");
      })
      .catch(() => {});
    expect(await count()).toBe(before);
  });

  it("retries a failing job, then shows it failed with its error; an admin's retry is audited", async () => {
    const spy = vi.spyOn(JOBS["bulletin.export"], "run").mockRejectedValue(new Error("磁盘已满"));
    const id = (await getDb().transaction((tx) => enqueueJob(tx, "bulletin.export", { batchId: batch.id }, { singletonKey: "batch:fail-test" })))!;
    expect(await runDueJobs()).toBe(1);
    const state = async () => rowsOf<{ state: string }>(await getDb().execute(sql`select state from pgboss.job where id = ${id}::uuid`))[0]?.state;
    expect(await state()).toBe("retry");
    // The backoff has not passed yet: nothing is due.
    expect(await runDueJobs()).toBe(0);
    // Skip the waits: make it due, on its last attempt.
    await getDb().execute(sql`update pgboss.job set start_after = now(), retry_count = retry_limit where id = ${id}::uuid`);
    expect(await runDueJobs()).toBe(1);
    expect(await state()).toBe("failed");
    spy.mockRestore();

    const admin = await contextFor("admin");
    const page = await run(() => jobsLoader({ request: get("/admin/jobs?state=failed"), context: admin, params: {} }));
    const jobs = (page.data as { jobs: { id: string; error: string | null; label: string }[] }).jobs;
    const shown = jobs.find((j) => j.id === id)!;
    expect(shown.error).toBe("磁盘已满");
    expect(shown.label).toMatch(/生成公报文件/);

    const publisher = await contextFor("publisher");
    expect((await run(() => jobsAction({ request: post("/admin/jobs", { intent: "retry", jobId: id }), context: publisher, params: {} }))).status).toBe(403);
    expect(await state()).toBe("failed");

    const retried = await run(() => jobsAction({ request: post("/admin/jobs", { intent: "retry", jobId: id }), context: admin, params: {} }));
    expect(retried.status).toBe(302);
    expect(await state()).toBe("retry");
    const [audit] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, "job.retry"), eq(auditEvents.entityId, id)));
    expect(audit?.actorName).toBeTruthy();
    // A second retry of a job no longer failed: refused, in Chinese, not a 5xx.
    const again = await run(() => jobsAction({ request: post("/admin/jobs", { intent: "retry", jobId: id }), context: admin, params: {} }));
    expect(again.status).toBe(409);
    expect(await runDueJobs()).toBe(1);
    expect(await state()).toBe("completed");
  });

  it("retries a job whose process died while running it", async () => {
    const id = (await getDb().transaction((tx) => enqueueJob(tx, "bulletin.export", { batchId: batch.id }, { singletonKey: "batch:crash-test" })))!;
    const boss = bossFor(getDatabaseHandle());
    // A worker takes the job, then its process is killed: the job is never completed.
    const [taken] = await boss.fetch("bulletin.export");
    expect(taken.id).toBe(id);
    expect(await runDueJobs()).toBe(0);
    // Past its expiry, maintenance (which every process runs) puts it back in the queue.
    await getDb().execute(sql`update pgboss.job set started_on = now() - interval '2 hours' where id = ${id}::uuid`);
    await boss.maintain();
    await getDb().execute(sql`update pgboss.job set start_after = now() where id = ${id}::uuid`);
    expect(await runDueJobs()).toBe(1);
    const [row] = rowsOf<{ state: string; retry_count: number }>(await getDb().execute(sql`select state, retry_count from pgboss.job where id = ${id}::uuid`));
    expect(row).toMatchObject({ state: "completed" });
    expect(Number(row.retry_count)).toBe(1);
  });

  it("is worked by the server process's own worker", async () => {
    await startJobWorker({ pollingIntervalSeconds: 0.5 });
    try {
      const id = (await getDb().transaction((tx) => enqueueJob(tx, "bulletin.export", { batchId: batch.id }, { singletonKey: "batch:worker-test" })))!;
      let state = "";
      for (let i = 0; i < 200 && state !== "completed"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        state = rowsOf<{ state: string }>(await getDb().execute(sql`select state from pgboss.job where id = ${id}::uuid`))[0]?.state ?? "";
      }
      expect(state).toBe("completed");
    } finally {
      await stopJobWorker();
    }
  });
});
