/**
 * The review conversation (issue #11): inline comments that survive edits elsewhere and turn
 * 已过时 when their passage goes, the same reviewer back after resubmission, 最后修改 untouched
 * by claim and release, and one-time flash messages.
 */
import { describe, expect, it } from "vitest";
import { loader as caseLoader, action as caseAction } from "~/routes/cases.$caseId._index";
import { loader as rootLoader } from "~/root";
import { transitionCase } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { listReviewQueue } from "~/review/queue.server";
import { useTestDatabase } from "../support/database";
import { get, post, run } from "../support/requests";
import { caseContent, ensureUser, getCaseRow, saveRevision, signedIn, submittedCase } from "./review-fixtures";

await useTestDatabase();
await ensureUser("reviewer2", "第二审核人", ["reviewer"]);

type CaseData = Awaited<ReturnType<typeof caseLoader>>;
const FIELD = "practices.items.1.body.0.text";
const PASSAGE = "提供全程帮办服务";

async function loadCase(username: string, caseId: string) {
  const { context } = await signedIn(username);
  return (await run(() => caseLoader({ request: get(`/cases/${caseId}`), context, params: { caseId } }))).data as CaseData;
}
async function postCase(username: string, caseId: string, fields: Record<string, string>) {
  const { context } = await signedIn(username);
  return run(() => caseAction({ request: post(`/cases/${caseId}`, fields), context, params: { caseId } }));
}
const threads = (d: CaseData) => d.review!.groups.flatMap((g) => g.threads.map((th) => ({ ...th.root, group: g.anchor })));

describe("inline comments", async () => {
  const caseId = await submittedCase("beijing", caseContent({ title: "行内意见测试案例" }));
  const text = "设立外资服务专窗，提供全程帮办服务。";
  const start = text.indexOf(PASSAGE);

  it("a reviewer comments on a selected passage; it is highlighted where it is", async () => {
    const result = await postCase("reviewer", caseId, { intent: "comment", anchor: "general", body: "请写明帮办的办理量。", quote: PASSAGE, field: FIELD, start: String(start), end: String(start + PASSAGE.length) });
    expect(result.status).toBe(302);
    const page = await loadCase("reviewer", caseId);
    const [thread] = threads(page);
    expect(thread).toMatchObject({ group: "practices.items.1", status: "open", passage: { status: "anchored", quote: PASSAGE, field: FIELD, start } });
    expect(page.review!.highlights).toEqual([{ commentId: thread.id, field: FIELD, start, end: start + PASSAGE.length, changed: false }]);
  });

  it("without JavaScript the reviewer pastes the passage: found in the chosen section, refused when not there", async () => {
    const refused = await postCase("reviewer", caseId, { intent: "comment", anchor: "practices.items.0", body: "不在这一条里。", quote: PASSAGE });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ intent: "comment", form: { errors: { quote: expect.stringContaining("找不到") }, values: { body: "不在这一条里。" } } });
  });

  it("survives an edit to another paragraph and turns 已过时 when its quote is removed", async () => {
    // Resubmission needs the case back in the submitter's hands.
    const reviewer = await signedIn("reviewer");
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "request_changes", input: { reason: "请补充数据。" } });
    const edited = caseContent({ title: "行内意见测试案例" });
    edited.intro = [{ text: "改写后的导语：北京朝阳区探索一站式服务模式。" }];
    edited.practices.items[0].body = [{ type: "paragraph", text: { text: "第一条做法整段改写。" } }];
    await saveRevision(caseId, "beijing", edited);
    let [thread] = threads(await loadCase("beijing", caseId));
    expect(thread).toMatchObject({ status: "open", passage: { status: "anchored", field: FIELD, start } });

    const gone = structuredClone(edited);
    gone.practices.items[1].body = [{ type: "paragraph", text: { text: "设立外资服务专窗，全年办理业务1200件。" } }];
    await saveRevision(caseId, "beijing", gone);
    const page = await loadCase("beijing", caseId);
    [thread] = threads(page);
    expect(thread).toMatchObject({ status: "outdated", passage: { status: "outdated", quote: PASSAGE, field: null } });
    expect(page.review!.highlights).toEqual([]);
    expect(page.review!.openCount).toBe(1);
  });
});

describe("the same reviewer back", async () => {
  it("claim and release leave updated_at (最后修改) alone", async () => {
    const caseId = await submittedCase("beijing", caseContent({ title: "领取不改最后修改" }));
    const before = await getCaseRow(caseId);
    const reviewer = await signedIn("reviewer");
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "claim" });
    const claimed = await getCaseRow(caseId);
    expect({ state: claimed.state, claimedBy: claimed.claimedBy }).toEqual({ state: "in_review", claimedBy: reviewer.user.id });
    expect(claimed.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    expect(claimed.updatedBy).toBe(before.updatedBy);
    expect(claimed.claimedAt).not.toBeNull();
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "release" });
    const released = await getCaseRow(caseId);
    expect({ state: released.state, claimedBy: released.claimedBy, claimedAt: released.claimedAt }).toEqual({ state: "submitted", claimedBy: null, claimedAt: null });
    expect(released.updatedAt.getTime()).toBe(before.updatedAt.getTime());
  });

  it("resubmission keeps the claim: back in the reviewer's queue as 已重新提交, with what changed since their review", async () => {
    const original = caseContent({ title: "重新提交仍归原审核人" });
    const caseId = await submittedCase("beijing", original);
    const reviewer = await signedIn("reviewer");
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "request_changes", input: { reason: "第二条做法缺少数据。" } });
    const returned = await getCaseRow(caseId);
    expect({ state: returned.state, claimedBy: returned.claimedBy }).toEqual({ state: "changes_requested", claimedBy: reviewer.user.id });
    // the submitter's case page and banner show the reason, who and when
    const submitterPage = await loadCase("beijing", caseId);
    expect(submitterPage.review!.returned).toMatchObject({ reason: "第二条做法缺少数据。", by: "部委审核人（reviewer）" });

    const revised = structuredClone(original);
    revised.practices.items[1].body = [{ type: "paragraph", text: { text: "设立外资服务专窗，提供全程帮办服务，全年办理业务1200件。" } }];
    await saveRevision(caseId, "beijing", revised);
    const beijing = await signedIn("beijing");
    await transitionCase(beijing.user, beijing.actor, { caseId, action: "resubmit" });
    const back = await getCaseRow(caseId);
    expect({ state: back.state, claimedBy: back.claimedBy }).toEqual({ state: "in_review", claimedBy: reviewer.user.id });

    const { rows } = await listReviewQueue(getDb(), reviewer.user.id, { state: "resubmitted", region: null, category: null, mine: true }, 1);
    expect(rows.map((r) => [r.title, r.resubmitted])).toContainEqual(["重新提交仍归原审核人", true]);

    const reviewerPage = await loadCase("reviewer", caseId);
    expect(reviewerPage.review!.since).toMatchObject({ fromVersion: 2, toVersion: back.version, changedCount: 1 });
    expect(reviewerPage.review!.since!.sections.map((s) => s.key)).toContain("practices.items.1");
    // anyone else sees no "since your review"
    expect((await loadCase("reviewer2", caseId)).review!.since).toBeNull();
  });

  it("a reviewer who released a returned case does not get the resubmission: it goes to the shared queue", async () => {
    const caseId = await submittedCase("beijing", caseContent({ title: "放弃后回到队列" }));
    const reviewer = await signedIn("reviewer");
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "request_changes", input: { reason: "请补充。" } });
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "release" });
    const beijing = await signedIn("beijing");
    await transitionCase(beijing.user, beijing.actor, { caseId, action: "resubmit" });
    expect(await getCaseRow(caseId)).toMatchObject({ state: "submitted", claimedBy: null });
  });
});

describe("flash messages", () => {
  it("a transition's message shows once, on the page after the redirect, then is gone", async () => {
    const caseId = await submittedCase("beijing", caseContent({ title: "一次性提示测试" }));
    const row = await getCaseRow(caseId);
    const result = await postCase("reviewer", caseId, { intent: "transition", action: "claim", expectedVersion: String(row.version), expectedState: "submitted", expectedClaim: "none" });
    expect(result.status).toBe(302);
    const cookie = result.headers.get("Set-Cookie")!.split(";")[0];
    const { context } = await signedIn("reviewer");
    const root = (cookieHeader: string | null) =>
      run(() => rootLoader({ request: new Request("http://localhost/", { headers: cookieHeader ? { Cookie: cookieHeader } : {} }), context, params: {} }));
    const first = await root(cookie);
    expect((first.data as { flash: { message: string } | null }).flash?.message).toBe("您已领取案例“一次性提示测试”，请开始审核。");
    // the same response clears the cookie…
    const cleared = first.headers.get("Set-Cookie")!;
    expect(cleared).toMatch(/^pilot_flash=;/);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    // …so the next page, which no longer sends it, shows nothing
    expect(((await root(null)).data as { flash: unknown }).flash).toBeNull();
    // and a forged or broken cookie shows nothing either
    expect(((await root("pilot_flash=not-json")).data as { flash: unknown }).flash).toBeNull();
  });
});
