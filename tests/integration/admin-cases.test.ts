/** /admin/cases: every case but drafts with the queue's filters, and assigning a reviewer from the list. */
import { describe, expect, it } from "vitest";
import { action as allCasesAction, loader as allCasesLoader } from "~/routes/admin.cases";
import { useTestDatabase } from "../support/database";
import { contextFor, get, post, run } from "../support/requests";
import { auditCount, caseInState, createDraft, ensureUser, getCaseRow, submittedCase, userIdOf } from "./review-fixtures";

await useTestDatabase();

type Row = { id: string; state: string; version: number; claimedBy: string | null; assignees: { id: string; displayName: string }[] | null };

async function listAs(username: string, query = "") {
  return run(async () => allCasesLoader({ request: get(`/admin/cases${query}`), context: await contextFor(username), params: {} }));
}

async function rowsOf(query = "") {
  const result = await listAs("admin", query);
  expect(result.status).toBe(200);
  return (result.data as { rows: Row[] }).rows;
}

function assignFields(row: Pick<Row, "id" | "version" | "state" | "claimedBy">, assignee: string) {
  return { caseId: row.id, assignee, expectedVersion: String(row.version), expectedState: row.state, expectedClaim: row.claimedBy ?? "none" };
}

async function assign(username: string, fields: Record<string, string>) {
  return run(async () => allCasesAction({ request: post("/admin/cases", fields), context: await contextFor(username), params: {} }));
}

describe("/admin/cases", () => {
  it("lists every case but drafts, filtered like the review queue", async () => {
    const draft = await createDraft("beijing");
    const submitted = await submittedCase("beijing");
    const approved = await caseInState("approved");
    const all = (await rowsOf()).map((r) => r.id);
    expect(all).toEqual(expect.arrayContaining([submitted, approved]));
    expect(all).not.toContain(draft);
    const onlyApproved = await rowsOf("?state=approved");
    expect(onlyApproved.map((r) => r.id)).toContain(approved);
    expect(onlyApproved.every((r) => r.state === "approved")).toBe(true);
    expect((await rowsOf("?state=approved&region=shanghai")).map((r) => r.id)).not.toContain(approved);
    // A draft cannot be asked for; the filter is then ignored like the queue's malformed values.
    expect((await rowsOf("?state=draft")).map((r) => r.id)).not.toContain(draft);
    // Only open cases can be assigned; the submitter who wrote it is no candidate.
    const rows = await rowsOf();
    expect(rows.find((r) => r.id === approved)!.assignees).toBeNull();
    const beijingId = await userIdOf("beijing");
    expect(rows.find((r) => r.id === submitted)!.assignees!.map((a) => a.id)).not.toContain(beijingId);
  });

  it("assigns a submitted case and reassigns it, each audited; a stale version is refused with 409", async () => {
    const reviewerId = await userIdOf("reviewer");
    const otherId = await ensureUser("reviewer-b", "乙审核人", ["reviewer"]);
    const id = await submittedCase("beijing");
    let row = (await rowsOf()).find((r) => r.id === id)!;
    expect(row.assignees!.map((a) => a.id)).toEqual(expect.arrayContaining([reviewerId, otherId]));

    const first = await assign("admin", assignFields(row, reviewerId));
    expect(first.status).toBe(302);
    expect(first.location).toBe("/admin/cases");
    let stored = await getCaseRow(id);
    expect(stored).toMatchObject({ state: "in_review", claimedBy: reviewerId });

    // The same form posted again: the case moved on (its holder changed) — refused, nothing changes.
    const stale = await assign("admin", assignFields(row, otherId));
    expect(stale.status).toBe(409);
    expect((stale.data as { message: string }).message).toMatch(/已被他人处理/);
    expect((await getCaseRow(id)).claimedBy).toBe(reviewerId);

    row = (await rowsOf()).find((r) => r.id === id)!;
    const second = await assign("admin", assignFields(row, otherId));
    expect(second.status).toBe(302);
    stored = await getCaseRow(id);
    expect(stored).toMatchObject({ state: "in_review", claimedBy: otherId });
    expect(await auditCount(id, "case.assign")).toBe(2);

    // A stale version number, too.
    const oldVersion = await assign("admin", { ...assignFields(row, reviewerId), expectedClaim: otherId, expectedVersion: String(row.version + 5) });
    expect(oldVersion.status).toBe(409);
  });

  it("refuses an ineligible assignee and a missing one with a Chinese message, not a 500", async () => {
    const id = await submittedCase("beijing");
    const row = (await rowsOf()).find((r) => r.id === id)!;
    const own = await assign("admin", assignFields(row, await userIdOf("beijing")));
    expect(own.status).toBe(403);
    expect((own.data as { message: string }).message).toMatch(/审核人/);
    const none = await assign("admin", { ...assignFields(row, ""), assignee: "" });
    expect(none.status).toBe(400);
    expect((none.data as { message: string }).message).toBe("请选择要指派的审核人。");
    expect((await getCaseRow(id)).claimedBy).toBeNull();
  });

  for (const username of ["reviewer", "publisher", "beijing"]) {
    it(`${username} gets 403 from the list and from an assignment`, async () => {
      const id = await submittedCase("beijing");
      expect((await listAs(username)).status).toBe(403);
      const row = await getCaseRow(id);
      const refused = await assign(username, assignFields({ id, version: row.version, state: row.state, claimedBy: null }, await userIdOf("reviewer")));
      expect(refused.status).toBe(403);
      expect((await getCaseRow(id)).claimedBy).toBeNull();
      expect(await auditCount(id, "case.assign")).toBe(0);
    });
  }
});
