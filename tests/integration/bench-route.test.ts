/**
 * The benchmark-only route /bench/rows (issue #14): a 404 like any unknown page unless the server
 * runs with BENCH_ROUTES=1; then the list's 50 rows, newest change first, for anyone.
 */
import { afterEach, describe, expect, it } from "vitest";
import { loader } from "~/routes/bench.rows";
import { useTestDatabase } from "../support/database";
import { run } from "../support/requests";
import { caseContent, createDraft } from "./review-fixtures";

await useTestDatabase();

const saved = process.env.BENCH_ROUTES;
afterEach(() => {
  if (saved === undefined) delete process.env.BENCH_ROUTES;
  else process.env.BENCH_ROUTES = saved;
});

describe("/bench/rows", () => {
  it("does not exist unless BENCH_ROUTES=1", async () => {
    delete process.env.BENCH_ROUTES;
    expect((await run(() => loader())).status).toBe(404);
    process.env.BENCH_ROUTES = "true";
    expect((await run(() => loader())).status).toBe(404);
  });

  it("with BENCH_ROUTES=1 serves 50 list rows, newest change first, without a session", async () => {
    for (let i = 0; i < 55; i++) await createDraft("beijing", caseContent({ title: `基准行 ${i}` }));
    process.env.BENCH_ROUTES = "1";
    const result = await run(() => loader());
    expect(result.status).toBe(200);
    const rows = (result.data as Awaited<ReturnType<typeof loader>>).rows;
    expect(rows).toHaveLength(50);
    expect(rows[0]!.title).toBe("基准行 54");
    const times = rows.map((r) => new Date(r.updatedAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
