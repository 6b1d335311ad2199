import { describe, expect, it } from "vitest";
import { loader as dashboardLoader } from "~/routes/_index";
import { useTestDatabase } from "../support/database";
import { contextFor, get, run } from "../support/requests";

await useTestDatabase();

type Figures = { regionStates: Record<string, number>; queue: { waiting: number; inReview: number; mine: number } | null; approvedUnbatched: number | null };

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
