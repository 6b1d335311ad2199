import { describe, expect, it } from "vitest";
import { loader as dashboardLoader } from "~/routes/_index";
import { loader as casesLoader } from "~/routes/cases._index";
import { loader as callsLoader } from "~/routes/calls._index";
import { openCall } from "~/calls/calls.server";
import { CASE_STATES } from "#workflows/case-review";
import { createDraft, signedIn, submittedCase } from "./review-fixtures";
import { useTestDatabase } from "../support/database";
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
