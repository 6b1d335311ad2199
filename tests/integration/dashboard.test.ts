import { describe, expect, it } from "vitest";
import { loader as dashboardLoader } from "~/routes/_index";
import { loader as casesLoader } from "~/routes/cases._index";
import { loader as callsLoader } from "~/routes/calls._index";
import { loader as reviewLoader } from "~/routes/review._index";
import { loader as batchLoader } from "~/routes/batches.$number";
import { loader as newBatchLoader } from "~/routes/batches.new";
import { loader as usersLoader } from "~/routes/admin.users._index";
import { loader as jobsLoader } from "~/routes/admin.jobs";
import { loader as throttlesLoader } from "~/routes/admin.login-throttles";
import { transitionCase } from "~/cases/transitions.server";
import { createBatch } from "~/batches/batch-editing.server";
import { loginAttempts } from "#db/schema";
import type { ReviewerPanelData, PublisherPanelData, AdminPanelData } from "~/dashboard/Panels";
import { ensureUser, caseInState, userIdOf } from "./review-fixtures";
import { openCall } from "~/calls/calls.server";
import { CASE_STATES } from "#workflows/case-review";
import { createDraft, signedIn, submittedCase } from "./review-fixtures";
import { useTestDatabase } from "../support/database";
import { getDb } from "~/db/db.server";
import { contextFor, get, run } from "../support/requests";

await useTestDatabase();

type Figures = { openCalls: { id: number }[]; regionStates: Record<string, number>; queue: { waiting: number; inReview: number; mine: number } | null; approvedUnbatched: number | null };

async function figuresFor(username: string) {
  const result = await run(async () => dashboardLoader({ request: get("/"), context: await contextFor(username), params: {} }));
  return (result.data as { figures: Figures }).figures;
}

describe("dashboards", () => {
  it("show a submitter their region's cases by state", async () => {
    // 北京 leads three published cases of the third batch (4, 9, and the first).
    const figures = await figuresFor("beijing");
    expect(figures.regionStates.published).toBeGreaterThanOrEqual(3);
    expect(figures.queue).toBeNull();
  });

  it("show a reviewer the queue and a publisher what awaits a batch, each only their own panel", async () => {
    const reviewer = await figuresFor("reviewer");
    expect(reviewer.queue).toEqual({ waiting: 0, inReview: 0, mine: 0 });
    expect(reviewer.regionStates).toEqual({});
    const publisher = await figuresFor("publisher");
    expect(publisher.approvedUnbatched).toBe(0);
    expect(publisher.queue).toBeNull();
  });
});

describe("every dashboard count equals the list it links to", () => {
  it("for a submitter: each state's figure is the length of /cases?state=…, participating cases included", async () => {
    await createDraft("beijing");
    await submittedCase("beijing");
    const figures = await figuresFor("beijing");
    const context = await contextFor("beijing");
    for (const state of CASE_STATES) {
      const list = await run(() => casesLoader({ request: get(`/cases?state=${state}`), context, params: {} }));
      const rows = (list.data as { rows: unknown[] }).rows;
      expect(figures.regionStates[state] ?? 0, state).toBe(rows.length);
    }
    expect(figures.regionStates.published).toBeGreaterThanOrEqual(3);
  });

  it("shows the open calls inviting the submitter's region, the same as /calls lists open", async () => {
    const publisher = await signedIn("publisher");
    const id = await openCall(publisher.user, publisher.actor, { title: "工作台征集", notice: "", deadline: new Date(Date.now() + 86400000 * 7), categories: [], regions: [{ code: "beijing", quota: null }], remindDaysBefore: 3 });
    const beijing = await figuresFor("beijing");
    const shanghai = await figuresFor("shanghai");
    expect(beijing.openCalls.map((c) => c.id)).toContain(id);
    expect(shanghai.openCalls.map((c) => c.id)).not.toContain(id);
    const list = await run(async () => callsLoader({ request: get("/calls"), context: await contextFor("beijing"), params: {} }));
    const open = (list.data as { calls: { id: number; state: string }[] }).calls.filter((c) => c.state === "open");
    expect(beijing.openCalls.map((c) => c.id)).toEqual(open.map((c) => c.id));
  });
});

type Panels = { reviewer: ReviewerPanelData | null; publisher: PublisherPanelData | null; admin: AdminPanelData | null };

async function panelsFor(username: string) {
  const result = await run(async () => dashboardLoader({ request: get("/"), context: await contextFor(username), params: {} }));
  return (result.data as { panels: Panels }).panels;
}

/** The rows a linked list shows, by calling that page's loader as the same user. */
async function listLength(username: string, href: string, loader: (args: never) => unknown, key: string) {
  const [path] = href.split("#");
  const result = await run(async () => (loader as (a: unknown) => Promise<unknown>)({ request: get(path), context: await contextFor(username), params: { number: path.split("/")[2] } }));
  expect(result.status, href).toBe(200);
  const value = (result.data as Record<string, unknown>)[key];
  return (value as unknown[]).length;
}

describe("the reviewer's, publisher's and admin's panels: each count equals its list", () => {
  it("reviewer: cases I hold, resubmitted to me, unclaimed — the same as /review with the linked filter", async () => {
    const reviewerId = await userIdOf("reviewer");
    const { user: reviewer, actor } = await signedIn("reviewer");
    await caseInState("in_review", { claimedBy: reviewerId });
    await caseInState("in_review", { claimedBy: reviewerId });
    await submittedCase("beijing");
    await submittedCase("beijing");
    // Sent back and resubmitted: back with the same reviewer.
    const back = await submittedCase("beijing");
    await transitionCase(reviewer, actor, { caseId: back, action: "claim" });
    await transitionCase(reviewer, actor, { caseId: back, action: "request_changes", input: { reason: "请补充数据来源。" } });
    const { user: beijing, actor: beijingActor } = await signedIn("beijing");
    await transitionCase(beijing, beijingActor, { caseId: back, action: "resubmit" });

    const panels = await panelsFor("reviewer");
    const panel = panels.reviewer!;
    expect(panels.publisher).toBeNull();
    expect(panels.admin).toBeNull();
    expect(panel.held.count).toBeGreaterThanOrEqual(3);
    expect(panel.resubmitted.count).toBeGreaterThanOrEqual(1);
    expect(panel.unclaimed.count).toBeGreaterThanOrEqual(2);
    for (const list of [panel.held, panel.resubmitted, panel.unclaimed]) {
      expect(await listLength("reviewer", list.href, reviewLoader, "rows"), list.href).toBe(list.count);
      expect(list.rows.length).toBe(Math.min(5, list.count));
    }
    expect(panel.resubmitted.rows.map((r) => r.id)).toContain(back);
    // Oldest submission first, with the days waited.
    const days = panel.unclaimed.rows.map((r) => r.daysWaiting ?? 0);
    expect([...days].sort((a, b) => b - a)).toEqual(days);
  });

  it("publisher: open calls with progress, approved cases awaiting a batch (= the batch's candidates), the batch being compiled", async () => {
    const { user: reviewer, actor } = await signedIn("reviewer");
    const approvedIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = await submittedCase("beijing");
      await transitionCase(reviewer, actor, { caseId: id, action: "approve" });
      approvedIds.push(id);
    }
    const publisher = await signedIn("publisher");
    const callId = await openCall(publisher.user, publisher.actor, { title: "发布人工作台征集", notice: "", deadline: new Date(Date.now() + 86400000 * 5), categories: [], regions: [{ code: "beijing", quota: 2 }, { code: "shanghai", quota: 1 }], remindDaysBefore: 2 });
    let panel = (await panelsFor("publisher")).publisher!;
    const call = panel.calls.find((c) => c.id === callId)!;
    expect(call).toMatchObject({ submitted: 0, approved: 0, quota: 3 });
    expect(panel.approved.count).toBeGreaterThanOrEqual(2);
    expect(panel.approved.rows.map((r) => r.id)).toEqual(expect.arrayContaining(panel.approved.count <= 5 ? approvedIds : []));
    // No batch being compiled: the page that starts the next one lists them.
    expect(panel.batch).toBeNull();
    expect(panel.approved.href).toBe("/batches/new#batch-candidates");
    expect(await listLength("publisher", panel.approved.href, newBatchLoader, "candidates")).toBe(panel.approved.count);

    const batch = await createBatch(publisher.user, publisher.actor, { title: "工作台测试批次", preface: [] });
    panel = (await panelsFor("publisher")).publisher!;
    expect(panel.batch).toMatchObject({ number: batch.number, caseCount: 0 });
    expect(panel.approved.href).toBe(`/batches/${batch.number}#batch-candidates`);
    expect(await listLength("publisher", panel.approved.href, batchLoader, "candidates")).toBe(panel.approved.count);
  });

  it("admin: people by role (= /admin/users?role=…), failed jobs (= /admin/jobs?state=failed), throttles (= /admin/login-throttles)", async () => {
    await ensureUser("reviewer2", "第二审核人", ["reviewer"]);
    // Six failed sign-ins of one account from one address: a throttle (five are free).
    await getDb().insert(loginAttempts).values(Array.from({ length: 6 }, () => ({ username: "nobody", ip: "10.0.0.9", success: false, at: new Date() })));
    const panels = await panelsFor("admin");
    const panel = panels.admin!;
    expect(panels.reviewer).toBeNull();
    expect(panel.roles.find((r) => r.role === "reviewer")!.count).toBeGreaterThanOrEqual(2);
    for (const r of panel.roles) expect(await listLength("admin", r.href, usersLoader, "users"), r.href).toBe(r.count);
    expect(await listLength("admin", panel.failedJobs.href, jobsLoader, "jobs")).toBe(panel.failedJobs.count);
    expect(panel.throttles.count).toBeGreaterThanOrEqual(1);
    expect(await listLength("admin", panel.throttles.href, throttlesLoader, "throttles")).toBe(panel.throttles.count);
    expect(panel.audit.eventsSince).toBeGreaterThan(0);
  });

  it("a user with several roles sees each of their panels", async () => {
    await ensureUser("allrounder", "多角色用户", ["reviewer", "publisher", "admin"]);
    const panels = await panelsFor("allrounder");
    expect(panels.reviewer).not.toBeNull();
    expect(panels.publisher).not.toBeNull();
    expect(panels.admin).not.toBeNull();
  });
});
