import { describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { auditEvents, cases, caseVersions, notifications } from "#db/schema";
import { transitionCase, TransitionRefused, workflowInfo } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { action as caseAction } from "~/routes/cases.$caseId._index";
import {
  CASE_ACTIONS,
  CASE_STATE_LABELS,
  CASE_STATES,
  decide,
  getCaseTransition,
  type CaseAction,
  type CaseState,
} from "#workflows/case-review";
import { useTestDatabase } from "../support/database";
import { post, run } from "../support/requests";
import { auditCount, caseContent, caseInState, createDraft, ensureUser, getCaseRow, signedIn, submittedCase, userIdOf } from "./review-fixtures";

await useTestDatabase();
// A second reviewer, and a user who is both a Beijing submitter and a reviewer.
await ensureUser("reviewer2", "第二审核人", ["reviewer"]);
await ensureUser("dual", "兼任人员", ["submitter", "reviewer"], ["beijing"]);

/** A transition posted from the case page, confirmed (as the dialog or the confirmation step does for irreversible ones). */
function postTransition(caseId: string, fields: Record<string, string>) {
  return post(`/cases/${caseId}`, { intent: "transition", confirmed: "1", ...fields });
}

async function refusal(promise: Promise<unknown>): Promise<TransitionRefused> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TransitionRefused) return error;
    throw error;
  }
  throw new Error("expected the transition to be refused");
}

describe("two reviewers approving the same case at once", () => {
  it("lets exactly one win; the other gets 409 naming the new state", async () => {
    const caseId = await submittedCase();
    const row = await getCaseRow(caseId);
    const a = await signedIn("reviewer");
    const b = await signedIn("reviewer2");
    const request = { caseId, action: "approve", expectedVersion: row.version, expectedState: row.state };
    const results = await Promise.allSettled([transitionCase(a.user, a.actor, request), transitionCase(b.user, b.actor, request)]);

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const error = lost[0].reason as TransitionRefused;
    expect(error).toBeInstanceOf(TransitionRefused);
    expect(error.status).toBe(409);
    expect(error.currentState).toBe("approved");
    expect(error.message).toContain(`“${CASE_STATE_LABELS.approved}”`);
    expect((await getCaseRow(caseId)).state).toBe("approved");
    expect(await auditCount(caseId, "case.approve")).toBe(1);
  });

  it("through the case page too: the loser sees 409 with the state the case is in now", async () => {
    const caseId = await submittedCase();
    const row = await getCaseRow(caseId);
    const fields = { action: "approve", expectedVersion: String(row.version), expectedState: row.state, expectedClaim: "none" };
    const [a, b] = await Promise.all([signedIn("reviewer"), signedIn("reviewer2")]);
    const results = await Promise.all([
      run(() => caseAction({ request: postTransition(caseId, fields), context: a.context, params: { caseId } })),
      run(() => caseAction({ request: postTransition(caseId, fields), context: b.context, params: { caseId } })),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([302, 409]);
    const loser = results.find((r) => r.status === 409)!;
    const data = loser.data as { transition: { error: string; currentStateLabel: string } };
    expect(data.transition.currentStateLabel).toBe("审核通过");
    expect(data.transition.error).toMatch(/已被他人处理.*审核通过/);
    expect(await auditCount(caseId, "case.approve")).toBe(1);
  });

  it("two admins assigning the same in-review case at once: one wins, the other is told it moved on", async () => {
    const caseId = await submittedCase();
    const reviewer = await signedIn("reviewer");
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "claim" });
    const row = await getCaseRow(caseId);
    const admin = await signedIn("admin");
    const reviewer2 = await userIdOf("reviewer2");
    const base = { caseId, action: "assign", expectedVersion: row.version, expectedState: row.state, expectedClaimedBy: row.claimedBy };
    const results = await Promise.allSettled([
      transitionCase(admin.user, admin.actor, { ...base, input: { assignee: { id: reviewer2 } } }),
      transitionCase(admin.user, admin.actor, { ...base, input: { assignee: { id: reviewer2 } } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as TransitionRefused).status).toBe(409);
    expect((await getCaseRow(caseId)).claimedBy).toBe(reviewer2);
    expect(await auditCount(caseId, "case.assign")).toBe(1);
  });
});

describe("guards", () => {
  it("refuses self-approval: a submitter-and-reviewer who wrote the case may submit it but not approve or claim it", async () => {
    const caseId = await createDraft("dual");
    const dual = await signedIn("dual");
    await transitionCase(dual.user, dual.actor, { caseId, action: "submit" });
    expect((await getCaseRow(caseId)).state).toBe("submitted");

    const approve = await refusal(transitionCase(dual.user, dual.actor, { caseId, action: "approve" }));
    expect(approve.status).toBe(403);
    expect(approve.message).toBe("您填报或编辑过该案例，不能执行“审核通过”，请由其他审核人处理。");
    const claim = await refusal(transitionCase(dual.user, dual.actor, { caseId, action: "claim" }));
    expect(claim.status).toBe(403);

    // The case page says the same, and nothing changes.
    const row = await getCaseRow(caseId);
    const posted = await run(() =>
      caseAction({ request: postTransition(caseId, { action: "approve", expectedVersion: String(row.version), expectedState: "submitted" }), context: dual.context, params: { caseId } }),
    );
    expect(posted.status).toBe(403);
    expect((await getCaseRow(caseId)).state).toBe("submitted");
    expect(await auditCount(caseId, "case.approve")).toBe(0);
  });

  it("a reviewer who wrote a case may not decide it, but may decide others", async () => {
    const caseId = await submittedCase();
    const other = await caseInState("submitted", { createdBy: await userIdOf("reviewer2") });
    const r2 = await signedIn("reviewer2");
    expect((await refusal(transitionCase(r2.user, r2.actor, { caseId: other, action: "approve" }))).status).toBe(403);
    // …while a case they did not touch is theirs to decide.
    await transitionCase(r2.user, r2.actor, { caseId, action: "approve" });
    expect((await getCaseRow(caseId)).state).toBe("approved");
  });

  it("refuses request_changes and reject without a reason (400), keeping the typed text on the page", async () => {
    const caseId = await submittedCase();
    const reviewer = await signedIn("reviewer");
    for (const action of ["request_changes", "reject"]) {
      const error = await refusal(transitionCase(reviewer.user, reviewer.actor, { caseId, action, input: { reason: "   " } }));
      expect(error.status).toBe(400);
      expect(error.message).toBe(`请填写“${getCaseTransition(action as CaseAction).label}”的理由。`);
    }
    const posted = await run(() =>
      caseAction({ request: postTransition(caseId, { action: "request_changes", reason: "" }), context: reviewer.context, params: { caseId } }),
    );
    expect(posted.status).toBe(400);
    expect((posted.data as { transition: { error: string } }).transition.error).toBe("请填写“退回修改”的理由。");
    const tooLong = await run(() =>
      caseAction({ request: postTransition(caseId, { action: "reject", reason: "长".repeat(2001) }), context: reviewer.context, params: { caseId } }),
    );
    expect(tooLong.status).toBe(400);
    expect((tooLong.data as { transition: { error: string; reason: string } }).transition).toMatchObject({
      error: "理由不能超过 2000 字（当前 2001 字）。",
      reason: "长".repeat(2001),
    });
    expect((await getCaseRow(caseId)).state).toBe("submitted");
    expect(await auditCount(caseId)).toBe(1); // the submission only
  });

  it("refuses to submit incomplete content with a Chinese explanation", async () => {
    const caseId = await createDraft("beijing", caseContent({ title: "", intro: [{ text: "" }] }));
    const beijing = await signedIn("beijing");
    const error = await refusal(transitionCase(beijing.user, beijing.actor, { caseId, action: "submit" }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^案例内容不完整，不能提交审核：.*请填写标题/);
    expect((await getCaseRow(caseId)).state).toBe("draft");
  });

  it("reads the assignee's roles from the database, not from the caller", async () => {
    const caseId = await submittedCase();
    const admin = await signedIn("admin");
    const publisher = await userIdOf("publisher");
    const error = await refusal(
      transitionCase(admin.user, admin.actor, { caseId, action: "assign", input: { assignee: { id: publisher, roles: ["reviewer"] } } }),
    );
    expect(error.status).toBe(403);
    expect(error.message).toBe("被指派人不是审核人，不能指派。");
  });
});

describe("state change, snapshot, notifications and audit are one transaction", () => {
  it("a failure after the transition rolls all of it back", async () => {
    const caseId = await submittedCase();
    const before = await getCaseRow(caseId);
    const reviewer = await signedIn("reviewer");
    const countNotifications = async () =>
      Number((await getDb().select({ n: count() }).from(notifications).where(eq(notifications.caseId, caseId)))[0].n);
    const notificationsBefore = await countNotifications();
    const auditBefore = await auditCount(caseId);

    await expect(
      getDb().transaction(async (tx) => {
        const result = await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "approve" }, tx);
        expect(result.to).toBe("approved");
        // Inside the transaction the change is visible…
        const [inside] = await tx.select({ state: cases.state }).from(cases).where(eq(cases.id, caseId));
        expect(inside.state).toBe("approved");
        throw new Error("something failed after the transition");
      }),
    ).rejects.toThrow("something failed after the transition");

    // …and after the rollback none of it is.
    const after = await getCaseRow(caseId);
    expect(after.state).toBe(before.state);
    expect(after.version).toBe(before.version);
    expect(await auditCount(caseId)).toBe(auditBefore);
    expect(await countNotifications()).toBe(notificationsBefore);
  });

  it("a submission snapshots an immutable version, bumps the version and audits it", async () => {
    const caseId = await createDraft();
    const beijing = await signedIn("beijing");
    const result = await transitionCase(beijing.user, beijing.actor, { caseId, action: "submit", expectedVersion: 1, expectedState: "draft" });
    expect(result).toMatchObject({ from: "draft", to: "submitted", version: 2 });
    const versions = await getDb().select().from(caseVersions).where(eq(caseVersions.caseId, caseId)).orderBy(caseVersions.version);
    expect(versions.map((v) => v.kind)).toEqual(["save", "submission"]);
    expect(versions[1].content).toEqual(versions[0].content);
    const [event] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, caseId), eq(auditEvents.action, "case.submit")));
    expect(event.after).toMatchObject({ state: "submitted", version: 2 });
    expect(event.before).toMatchObject({ state: "draft", version: 1 });
  });
});

// ---------------------------------------------------------------------------------------------
// No route lets through what the table forbids: every (state, action, actor) driven from decide.

const ACTORS = ["beijing", "shanghai", "reviewer", "reviewer2", "dual", "publisher", "admin"] as const;

describe("the case page enforces the workflow table", async () => {
  const ids = Object.fromEntries(await Promise.all(ACTORS.map(async (u) => [u, await userIdOf(u)] as const))) as Record<(typeof ACTORS)[number], string>;
  const sessions = Object.fromEntries(await Promise.all(ACTORS.map(async (u) => [u, await signedIn(u)] as const)));
  const assignee = { id: ids.reviewer2, roles: ["reviewer" as const] };
  const input = { reason: "请补充数据来源。", assignee };
  const allowed: string[] = [];

  /** One case per state, led by Beijing, written by `dual` (a contributor), in_review held by `reviewer`. */
  const makeCase = (state: CaseState) => caseInState(state, { createdBy: ids.dual, claimedBy: ids.reviewer });
  const formFields = (row: { version: number; state: string; claimedBy: string | null }, action: string) => ({
    action,
    expectedVersion: String(row.version),
    expectedState: row.state,
    expectedClaim: row.claimedBy ?? "none",
    reason: input.reason,
    assignee: assignee.id,
  });

  for (const state of CASE_STATES) {
    it(`refuses with 4xx, changing nothing, every action the table forbids in state ${state}`, async () => {
      const caseId = await makeCase(state);
      const before = await getCaseRow(caseId);
      const info = await workflowInfo(getDb(), before);
      let refused = 0;
      for (const username of ACTORS) {
        const { user, context } = sessions[username];
        for (const action of CASE_ACTIONS) {
          const verdict = decide(user, info, action, input);
          if (verdict.ok && !getCaseTransition(action).system) continue;
          refused++;
          const result = await run(() => caseAction({ request: postTransition(caseId, formFields(before, action)), context, params: { caseId } }));
          expect(result.status, `${username} ${action} on ${state}`).toBeGreaterThanOrEqual(400);
          expect(result.status, `${username} ${action} on ${state}`).toBeLessThan(500);
        }
      }
      expect(refused).toBeGreaterThan(0);
      const after = await getCaseRow(caseId);
      expect({ state: after.state, version: after.version, claimedBy: after.claimedBy }).toEqual({
        state: before.state,
        version: before.version,
        claimedBy: before.claimedBy,
      });
      expect(await auditCount(caseId)).toBe(0);
    });

    it(`lets through, via the case page, every action the table allows in state ${state}`, async () => {
      const info = await workflowInfo(getDb(), await getCaseRow(await makeCase(state)));
      for (const username of ACTORS) {
        const { user, context } = sessions[username];
        for (const action of CASE_ACTIONS) {
          const verdict = decide(user, info, action, input);
          if (!verdict.ok || getCaseTransition(action).system) continue;
          const caseId = await makeCase(state);
          const before = await getCaseRow(caseId);
          const result = await run(() => caseAction({ request: postTransition(caseId, formFields(before, action)), context, params: { caseId } }));
          expect(result.status, `${username} ${action} on ${state}`).toBe(302);
          expect(result.location).toBe(`/cases/${caseId}`);
          // the one-time message travels with the redirect
          expect(result.headers.get("Set-Cookie")).toMatch(/^pilot_flash=/);
          const after = await getCaseRow(caseId);
          expect(after.state).toBe(verdict.to);
          expect(after.claimedBy).toBe(verdict.claimedBy);
          expect(await auditCount(caseId, `case.${action}`)).toBe(1);
          allowed.push(`${state}:${action}:${username}`);
        }
      }
    });
  }

  it("asks before an irreversible step: an unconfirmed approve or reject changes nothing and answers the confirmation step", async () => {
    for (const action of CASE_ACTIONS.filter((a) => getCaseTransition(a).irreversible && !getCaseTransition(a).system)) {
      const caseId = await makeCase("submitted");
      const before = await getCaseRow(caseId);
      const result = await run(() =>
        caseAction({ request: post(`/cases/${caseId}`, { intent: "transition", ...formFields(before, action) }), context: sessions.reviewer.context, params: { caseId } }),
      );
      expect(result.status, action).toBe(200);
      expect(result.data).toMatchObject({ intent: "confirm", pending: { action, message: expect.stringContaining("不能撤销") } });
      expect((await getCaseRow(caseId)).state).toBe("submitted");
      expect(await auditCount(caseId)).toBe(0);
      // …and nobody is asked to confirm what the table would refuse them
      const refused = await run(() =>
        caseAction({ request: post(`/cases/${caseId}`, { intent: "transition", ...formFields(before, action) }), context: sessions.beijing.context, params: { caseId } }),
      );
      expect(refused.status, action).toBe(403);
    }
  });

  it("covered every transition of the table through the case page", () => {
    const fired = new Set(allowed.map((k) => k.split(":")[1]));
    const expected = CASE_ACTIONS.filter((a) => !getCaseTransition(a).system);
    expect([...fired].sort()).toEqual([...expected].sort());
  });

  it("refuses an unknown action with 400 and the system-only publish with 403", async () => {
    const caseId = await makeCase("approved");
    const publisher = sessions.publisher;
    const row = await getCaseRow(caseId);
    const publish = await run(() => caseAction({ request: postTransition(caseId, formFields(row, "publish")), context: publisher.context, params: { caseId } }));
    expect(publish.status).toBe(403);
    expect((publish.data as { transition: { error: string } }).transition.error).toBe("该操作只能在公报发布时执行。");
    const unknown = await run(() => caseAction({ request: postTransition(caseId, formFields(row, "delete")), context: publisher.context, params: { caseId } }));
    expect(unknown.status).toBe(400);
    expect((await getCaseRow(caseId)).state).toBe("approved");
  });
});
