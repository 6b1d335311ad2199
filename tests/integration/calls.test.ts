import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { callReminders, cases, notifications } from "#db/schema";
import { compileCall, transitionCall } from "~/calls/calls.server";
import { dueReminders, sendDueReminders } from "~/calls/reminders.server";
import { toBeijingInput } from "~/calls/schemas";
import { transitionCase, TransitionRefused } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { action as callAction, loader as callLoader } from "~/routes/calls.$callId";
import { loader as callsLoader } from "~/routes/calls._index";
import { action as newCallAction, loader as newCallLoader } from "~/routes/calls.new";
import { useTestDatabase } from "../support/database";
import { contextFor, get, post, run } from "../support/requests";
import { createDraft, ensureUser, getCaseRow, signedIn, userIdOf } from "./review-fixtures";

await useTestDatabase();
await ensureUser("guangzhou", "广州市填报人", ["submitter"], ["guangzhou"]);

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

type CallPage = NonNullable<Awaited<ReturnType<typeof callLoader>>>;

async function openCallAsPublisher(deadline: Date, title = "关于征集第五批最佳实践案例的通知") {
  const context = await contextFor("publisher");
  const result = await run(() =>
    newCallAction({
      request: post("/calls/new", { title, notice: "请各试点地区报送案例。", deadline: toBeijingInput(deadline), regions: ["beijing", "shanghai"], "quota-beijing": "1", remindDaysBefore: "3" }),
      context,
      params: {},
    }),
  );
  expect(result.status).toBe(302);
  return Number(result.location!.split("/").pop());
}

async function page(username: string, id: number) {
  const context = await contextFor(username);
  return run(() => callLoader({ request: get(`/calls/${id}`), context, params: { callId: String(id) } }));
}

describe("a call for cases", () => {
  it("is opened by a publisher, validated with clear messages, and seen by the regions it invites", async () => {
    const context = await contextFor("publisher");
    const bad = await run(() => newCallAction({ request: post("/calls/new", { title: "", deadline: "明天", "quota-beijing": "0", regions: ["beijing"] }), context, params: {} }));
    expect(bad.status).toBe(400);
    const errors = (bad.data as { errors: Record<string, string> }).errors;
    expect(errors.title).toBe("请填写征集标题。");
    expect(errors.deadline).toBe("请按“年-月-日 时:分”填写截止时间。");
    expect(errors.regions).toBe("名额应为 1–99 的整数，或不填。");
    const past = await run(() => newCallAction({ request: post("/calls/new", { title: "过期", deadline: "2020-01-01T10:00", regions: ["beijing"] }), context, params: {} }));
    expect(past.status).toBe(400);
    expect((past.data as { errors: Record<string, string> }).errors.deadline).toBe("截止时间必须晚于现在。");

    const id = await openCallAsPublisher(new Date(Date.now() + 10 * DAY));
    const beijing = await page("beijing", id);
    expect(beijing.status).toBe(200);
    expect((beijing.data as CallPage).canAnswer).toBe(true);
    expect((await page("guangzhou", id)).status).toBe(404);
    expect((await page("reviewer", id)).status).toBe(200);
    const list = await run(async () => callsLoader({ request: get("/calls"), context: await contextFor("shanghai"), params: {} }));
    expect((list.data as { calls: { id: number }[] }).calls.map((c) => c.id)).toContain(id);
    const notified = await getDb().select().from(notifications).where(eq(notifications.userId, await userIdOf("beijing")));
    expect(notified.some((n) => n.message.includes("新的案例征集"))).toBe(true);
  });

  it("is closed to the wrong roles: submitters cannot open or extend calls", async () => {
    const id = await openCallAsPublisher(new Date(Date.now() + 5 * DAY));
    const submitter = await contextFor("beijing");
    expect((await run(() => newCallLoader({ request: get("/calls/new"), context: submitter, params: {} }))).status).toBe(403);
    expect((await run(() => newCallAction({ request: post("/calls/new", { title: "x" }), context: submitter, params: {} }))).status).toBe(403);
    const extend = await run(() =>
      callAction({ request: post(`/calls/${id}`, { intent: "extend", version: "1", deadline: toBeijingInput(new Date(Date.now() + 20 * DAY)) }), context: submitter, params: { callId: String(id) } }),
    );
    expect(extend.status).toBe(403);
    expect((await run(async () => callLoader({ request: get("/calls/abc"), context: submitter, params: { callId: "abc" } }))).status).toBe(404);
  });

  it("takes a submission before the deadline, refuses one after it, reminds the silent region once, shows progress and compiles", async () => {
    const deadline = new Date(Date.now() + 5 * DAY);
    const id = await openCallAsPublisher(deadline, "第六批征集");
    const caseId = await createDraft("beijing");
    const attach = await run(async () => callAction({ request: post(`/calls/${id}`, { intent: "attach", caseId }), context: await contextFor("beijing"), params: { callId: String(id) } }));
    expect(attach.status).toBe(302);
    expect((await getCaseRow(caseId)).callId).toBe(id);

    // Shanghai may not attach Beijing's case.
    const other = await createDraft("beijing");
    const foreign = await run(async () => callAction({ request: post(`/calls/${id}`, { intent: "attach", caseId: other }), context: await contextFor("shanghai"), params: { callId: String(id) } }));
    expect(foreign.status).toBe(403);

    const bj = await signedIn("beijing");
    const row = await getCaseRow(caseId);
    await transitionCase(bj.user, bj.actor, { caseId, action: "submit", expectedVersion: row.version, now: new Date(deadline.getTime() - 4 * DAY) });

    // Reminders: none before the window; in it, Shanghai only (Beijing has submitted), once.
    expect((await dueReminders(getDb(), new Date(deadline.getTime() - 4 * DAY))).filter((r) => r.callId === id)).toEqual([]);
    const inWindow = new Date(deadline.getTime() - 2 * DAY);
    expect((await dueReminders(getDb(), inWindow)).filter((r) => r.callId === id).map((r) => r.regionCode)).toEqual(["shanghai"]);
    const sent = await sendDueReminders(getDb(), inWindow);
    expect(sent.filter((r) => r.callId === id).map((r) => r.regionCode)).toEqual(["shanghai"]);
    expect((await sendDueReminders(getDb(), new Date(inWindow.getTime() + HOUR))).filter((r) => r.callId === id)).toEqual([]);
    expect(await getDb().select().from(callReminders).where(eq(callReminders.callId, id))).toHaveLength(1);
    const shanghaiInbox = await getDb().select().from(notifications).where(eq(notifications.userId, await userIdOf("shanghai")));
    expect(shanghaiInbox.some((n) => n.message.startsWith("提醒：征集《第六批征集》"))).toBe(true);

    // After the deadline: a new submission is refused with a clear message.
    const late = await createDraft("beijing");
    await getDb().update(cases).set({ callId: id }).where(eq(cases.id, late));
    const lateRow = await getCaseRow(late);
    const afterDeadline = new Date(deadline.getTime() + HOUR);
    const refusal = await transitionCase(bj.user, bj.actor, { caseId: late, action: "submit", expectedVersion: lateRow.version, now: afterDeadline }).catch((e) => e);
    expect(refusal).toBeInstanceOf(TransitionRefused);
    expect((refusal as TransitionRefused).status).toBe(409);
    expect((refusal as TransitionRefused).message).toMatch(/^征集《第六批征集》已于 .* 截止，不再接受提交。/);

    // Progress by region: Beijing 1 submitted, 1 draft, quota 1; Shanghai nothing.
    const reviewer = await signedIn("reviewer");
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "approve", now: afterDeadline });
    const view = (await page("publisher", id)).data as CallPage;
    const beijingRow = view.progress.find((p) => p.code === "beijing")!;
    expect(beijingRow).toMatchObject({ drafts: 1, submitted: 0, approved: 1, quota: 1, late: 0 });
    expect(view.progress.find((p) => p.code === "shanghai")).toMatchObject({ drafts: 0, submitted: 0, approved: 0, quota: null });

    // Extending reopens the call; a submission after the first deadline is marked late.
    const pub = await signedIn("publisher");
    await transitionCall(pub.user, pub.actor, { callId: id, action: "extend", expectedVersion: 1, deadline: new Date(deadline.getTime() + 3 * DAY) }, afterDeadline);
    await transitionCase(bj.user, bj.actor, { caseId: late, action: "submit", expectedVersion: lateRow.version, now: new Date(afterDeadline.getTime() + HOUR) });
    const afterExtend = (await page("publisher", id)).data as CallPage;
    expect(afterExtend.progress.find((p) => p.code === "beijing")).toMatchObject({ drafts: 0, submitted: 1, late: 1 });

    // Compile: refused while open, then one step into the next batch with the approved case.
    const early = await compileCall(pub.user, pub.actor, { callId: id, expectedVersion: 2 }, afterDeadline).catch((e) => e);
    expect((early as Error).message).toBe("征集尚未截止，截止后才能汇编成批次。");
    const compiled = await compileCall(pub.user, pub.actor, { callId: id, expectedVersion: 2 }, new Date(deadline.getTime() + 4 * DAY));
    expect(compiled.cases).toBe(1);
    const inBatch = await getCaseRow(caseId);
    expect(inBatch.batchId).not.toBeNull();
    expect((await page("publisher", id)).data as CallPage).toMatchObject({ batchNumber: compiled.number, call: { state: "compiled" } });
  });
});
