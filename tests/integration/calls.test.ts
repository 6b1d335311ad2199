import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, callReminders, cases, categories, notifications } from "#db/schema";
import { compileCall, openCall, transitionCall } from "~/calls/calls.server";
import { action as editAction, loader as editLoader } from "~/routes/cases.$caseId.edit";
import { action as newAction, loader as newLoader } from "~/routes/cases.new";
import { valuesToEntries } from "~/cases/form/paths";
import { contentToFormValues } from "~/cases/form/values";
import { dueReminders, sendDueReminders } from "~/calls/reminders.server";
import { toBeijingInput } from "~/calls/schemas";
import { transitionCase, TransitionRefused } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { action as callAction, loader as callLoader } from "~/routes/calls.$callId";
import { loader as callsLoader } from "~/routes/calls._index";
import { action as newCallAction, loader as newCallLoader } from "~/routes/calls.new";
import { useTestDatabase } from "../support/database";
import { contextFor, get, post, run } from "../support/requests";
import { caseContent, createDraft, ensureUser, getCaseRow, signedIn, userIdOf } from "./review-fixtures";

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
    // Beijing's quota of 1 is used up: refused, naming the quota, until the publisher raises it.
    const full = await transitionCase(bj.user, bj.actor, { caseId: late, action: "submit", expectedVersion: lateRow.version, now: new Date(afterDeadline.getTime() + HOUR) }).catch((e) => e);
    expect((full as TransitionRefused).message).toBe("征集《第六批征集》给北京市的名额为 1 件，本地区已提交 1 件，名额已满，不能再提交。如需增加名额，请联系发布人。");
    const raised = await run(async () => callAction({ request: post(`/calls/${id}`, { intent: "quota", region: "beijing", quota: "2", version: "2" }), context: await contextFor("publisher"), params: { callId: String(id) } }));
    expect(raised.status).toBe(302);
    await transitionCase(bj.user, bj.actor, { caseId: late, action: "submit", expectedVersion: lateRow.version, now: new Date(afterDeadline.getTime() + HOUR) });
    const afterExtend = (await page("publisher", id)).data as CallPage;
    expect(afterExtend.progress.find((p) => p.code === "beijing")).toMatchObject({ drafts: 0, submitted: 1, late: 1 });

    // Compile: refused while open, then one step into the next batch with the approved case.
    const early = await compileCall(pub.user, pub.actor, { callId: id, expectedVersion: 3 }, afterDeadline).catch((e) => e);
    expect((early as Error).message).toBe("征集尚未截止，截止后才能汇编成批次。");
    const compiled = await compileCall(pub.user, pub.actor, { callId: id, expectedVersion: 3 }, new Date(deadline.getTime() + 4 * DAY));
    expect(compiled.cases).toBe(1);
    const inBatch = await getCaseRow(caseId);
    expect(inBatch.batchId).not.toBeNull();
    expect((await page("publisher", id)).data as CallPage).toMatchObject({ batchNumber: compiled.number, call: { state: "compiled" } });
  });

  it("binds its cases to the categories it asks for, at attachment and at submission", async () => {
    const cats = await getDb().select({ code: categories.code, name: categories.name }).from(categories).orderBy(categories.sortOrder).limit(2);
    const context = await contextFor("publisher");
    const opened = await run(() =>
      newCallAction({
        request: post("/calls/new", { title: "专题征集", notice: "", deadline: toBeijingInput(new Date(Date.now() + 6 * DAY)), regions: ["beijing"], categories: [cats[1].code], remindDaysBefore: "3" }),
        context,
        params: {},
      }),
    );
    const id = Number(opened.location!.split("/").pop());
    const caseId = await createDraft("beijing", caseContent({ category: cats[0].code }));
    const refused = await run(async () => callAction({ request: post(`/calls/${id}`, { intent: "attach", caseId }), context: await contextFor("beijing"), params: { callId: String(id) } }));
    expect(refused.status).toBe(409);
    expect((refused.data as { error: string }).error).toBe(`此征集只征集以下类别的案例：${cats[1].name}。请先在编辑页修改案例类别。`);
    expect((await getCaseRow(caseId)).callId).toBeNull();

    // Attached in a right category, then changed to another in the editor: the submission is refused.
    await getDb().update(cases).set({ callId: id }).where(eq(cases.id, caseId));
    const bj = await signedIn("beijing");
    const wrong = await transitionCase(bj.user, bj.actor, { caseId, action: "submit" }).catch((e) => e);
    expect(wrong).toBeInstanceOf(TransitionRefused);
    expect((wrong as TransitionRefused).message).toBe(`征集《专题征集》只征集以下类别的案例：${cats[1].name}。本案例的类别“${cats[0].name}”不在其中，请修改类别后再提交。`);
    expect((await getCaseRow(caseId)).state).toBe("draft");
  });

  it("lets only a publisher or admin change a quota, never below what the region has submitted", async () => {
    const id = await openCallAsPublisher(new Date(Date.now() + 6 * DAY), "名额征集");
    const caseId = await createDraft("beijing");
    await getDb().update(cases).set({ callId: id }).where(eq(cases.id, caseId));
    const bj = await signedIn("beijing");
    await transitionCase(bj.user, bj.actor, { caseId, action: "submit" });
    const quota = async (username: string, fields: Record<string, string>) =>
      run(async () => callAction({ request: post(`/calls/${id}`, { intent: "quota", ...fields }), context: await contextFor(username), params: { callId: String(id) } }));
    expect((await quota("beijing", { region: "beijing", quota: "5", version: "1" })).status).toBe(403);
    expect((await quota("reviewer", { region: "beijing", quota: "5", version: "1" })).status).toBe(403);
    const bad = await quota("publisher", { region: "beijing", quota: "0", version: "1" });
    expect(bad.status).toBe(400);
    expect((bad.data as { error: string }).error).toBe("名额应为 1–99 的整数，或不填。");
    const notInvited = await quota("publisher", { region: "guangzhou", quota: "2", version: "1" });
    expect(notInvited.status).toBe(400);
    // Shanghai has no quota; setting one then removing it.
    expect((await quota("admin", { region: "shanghai", quota: "3", version: "1" })).status).toBe(302);
    expect(((await page("publisher", id)).data as CallPage).progress.find((p) => p.code === "shanghai")!.quota).toBe(3);
    expect((await quota("publisher", { region: "shanghai", quota: "", version: "2" })).status).toBe(302);
    expect(((await page("publisher", id)).data as CallPage).progress.find((p) => p.code === "shanghai")!.quota).toBeNull();
    const stale = await quota("publisher", { region: "beijing", quota: "4", version: "1" });
    expect(stale.status).toBe(409);
    const [event] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, "call.quota"), eq(auditEvents.entityId, String(id)))).orderBy(auditEvents.id);
    expect(event.after).toEqual({ region: "shanghai", quota: 3 });
  });

  it("is chosen from the editor: the open calls the case's region is invited to, with deadlines; attaching refused with the editor's message", async () => {
    const id = await openCallAsPublisher(new Date(Date.now() + 8 * DAY), "编辑器征集");
    const caseId = await createDraft("beijing");
    const edit = async (username = "beijing") => run(async () => editLoader({ request: get(`/cases/${caseId}/edit`), context: await contextFor(username), params: { caseId } }));
    type Panel = { current: { id: number; deadline: Date } | null; open: { id: number; title: string; deadline: Date }[] };
    let panel = ((await edit()).data as { call: Panel }).call;
    expect(panel.current).toBeNull();
    const offered = panel.open.find((c) => c.id === id)!;
    expect(offered.title).toBe("编辑器征集");
    expect(offered.deadline).toBeInstanceOf(Date);

    const attach = async (callId: string) => run(async () => editAction({ request: post(`/cases/${caseId}/edit`, { intent: "attach-call", callId }), context: await contextFor("beijing"), params: { caseId } }));
    const ok = await attach(String(id));
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`/cases/${caseId}/edit`);
    expect((await getCaseRow(caseId)).callId).toBe(id);
    panel = ((await edit()).data as { call: Panel }).call;
    expect(panel.current?.id).toBe(id);
    expect(panel.open.map((c) => c.id)).not.toContain(id);

    // Attaching again, and to a call Beijing is not invited to, answer the editor's error reply (4xx).
    const again = await attach(String(id));
    expect(again.status).toBe(409);
    expect((again.data as { kind: string; message: string })).toMatchObject({ kind: "error", message: "所选案例已归入此征集。" });
    const pub = await signedIn("publisher");
    const other = await openCall(pub.user, pub.actor, { title: "只邀请上海", notice: "", deadline: new Date(Date.now() + 8 * DAY), categories: [], regions: [{ code: "shanghai", quota: null }], remindDaysBefore: 3 });
    expect(((await edit()).data as { call: Panel }).call.open.map((c) => c.id)).not.toContain(other);
    expect((await attach(String(other))).status).toBe(404);
    expect((await attach("abc")).status).toBe(400);
  });

  it("takes a new case from its page: /cases/new?call=N shows the call and puts the first save under it", async () => {
    const id = await openCallAsPublisher(new Date(Date.now() + 8 * DAY), "新建即回应的征集");
    const loaded = await run(async () => newLoader({ request: get(`/cases/new?call=${id}`), context: await contextFor("beijing"), params: {} }));
    expect((loaded.data as { call: { id: number; title: string } | null }).call).toMatchObject({ id, title: "新建即回应的征集" });
    // Not invited: the parameter is ignored on the page, and the save is refused without creating anything.
    const pub = await signedIn("publisher");
    const other = await openCall(pub.user, pub.actor, { title: "不邀请北京", notice: "", deadline: new Date(Date.now() + 8 * DAY), categories: [], regions: [{ code: "shanghai", quota: null }], remindDaysBefore: 3 });
    expect(((await run(async () => newLoader({ request: get(`/cases/new?call=${other}`), context: await contextFor("beijing"), params: {} }))).data as { call: unknown }).call).toBeNull();

    const body = (callId: number) => {
      const form = new URLSearchParams();
      for (const [k, v] of valuesToEntries(contentToFormValues(caseContent({ title: `新建回应${callId}` })))) form.append(k, v);
      form.set("intent", "save");
      form.set("js", "1");
      return new Request(`http://localhost:3000/cases/new?call=${callId}`, { method: "POST", body: form, headers: { Origin: "http://localhost:3000" } });
    };
    const created = await run(async () => newAction({ request: body(id), context: await contextFor("beijing"), params: {} }));
    expect(created.status).toBe(200);
    const caseId = (created.data as { caseId: string }).caseId;
    expect((await getCaseRow(caseId)).callId).toBe(id);
    const refused = await run(async () => newAction({ request: body(other), context: await contextFor("beijing"), params: {} }));
    expect(refused.status).toBe(404);
    expect((refused.data as { kind: string; values: unknown }).kind).toBe("error");
    expect((refused.data as { values: unknown }).values).toBeTruthy();
    expect(await getDb().select().from(cases).where(eq(cases.title, `新建回应${other}`))).toHaveLength(0);
  });
});
