import { describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { auditEvents, cases, caseComments, notifications } from "#db/schema";
import { transitionCase } from "~/cases/transitions.server";
import { getDb, rowsOf } from "~/db/db.server";
import { listReviewQueue } from "~/review/queue.server";
import { loader as caseLoader, action as caseAction } from "~/routes/cases.$caseId._index";
import { loader as diffLoader } from "~/routes/cases.$caseId.diff";
import { loader as inboxLoader, action as inboxAction } from "~/routes/inbox";
import { loader as queueLoader, action as queueAction } from "~/routes/review._index";
import { loader as rootLoader } from "~/root";
import { useTestDatabase } from "../support/database";
import { walkPages } from "../support/keyset";
import { get, post, run } from "../support/requests";
import { caseContent, createDraft, ensureUser, getCaseRow, saveRevision, signedIn, submittedCase, userIdOf } from "./review-fixtures";

await useTestDatabase();
await ensureUser("reviewer2", "第二审核人", ["reviewer"]);
await ensureUser("tianjin", "天津市填报人", ["submitter"], ["tianjin"]);

type CaseData = Awaited<ReturnType<typeof caseLoader>>;
type QueueData = Awaited<ReturnType<typeof queueLoader>>;
type DiffData = Awaited<ReturnType<typeof diffLoader>>;
type InboxData = Awaited<ReturnType<typeof inboxLoader>>;

async function loadCase(username: string, caseId: string) {
  const { context } = await signedIn(username);
  return run(() => caseLoader({ request: get(`/cases/${caseId}`), context, params: { caseId } }));
}

async function postCase(username: string, caseId: string, fields: Record<string, string>) {
  const { context } = await signedIn(username);
  return run(() => caseAction({ request: post(`/cases/${caseId}`, fields), context, params: { caseId } }));
}

async function unread(username: string) {
  const { context } = await signedIn(username);
  return ((await run(() => rootLoader({ request: get("/"), context, params: {} }))).data as { unreadCount: number }).unreadCount;
}

async function inbox(username: string, query = "") {
  const { context } = await signedIn(username);
  return (await run(() => inboxLoader({ request: get(`/inbox${query}`), context, params: {} }))).data as InboxData;
}

async function queue(username: string, query = "") {
  const { context } = await signedIn(username);
  return run(() => queueLoader({ request: get(`/review${query}`), context, params: {} }));
}

/** Cases the queue tests own: moved far into the past so they come first, in a known order. */
async function backdate(caseId: string, daysAgo: number) {
  await getDb()
    .update(cases)
    .set({ submittedAt: new Date(Date.now() - daysAgo * 86_400_000 - 3_600_000) })
    .where(eq(cases.id, caseId));
}

describe("the review queue", async () => {
  const oldest = await submittedCase("beijing", caseContent({ title: "最早提交的北京案例" }));
  const shanghai = await submittedCase("shanghai", caseContent({ title: "上海国际合作案例", leadRegion: "shanghai", category: "international-cooperation" }));
  const claimed = await submittedCase("beijing", caseContent({ title: "已被领取的北京案例" }));
  const draft = await createDraft("beijing", caseContent({ title: "还是草稿的案例" }));
  await backdate(oldest, 40);
  await backdate(shanghai, 30);
  await backdate(claimed, 20);
  const reviewer = await signedIn("reviewer");
  await transitionCase(reviewer.user, reviewer.actor, { caseId: claimed, action: "claim" });
  const mine: string[] = [oldest, shanghai, claimed];

  it("lists submitted and in-review cases, oldest submission first, with region, category, days waiting and holder", async () => {
    const result = await queue("reviewer");
    expect(result.status).toBe(200);
    const rows = (result.data as QueueData).rows.filter((r) => mine.includes(r.id) || r.id === draft);
    expect(rows.map((r) => r.title)).toEqual(["最早提交的北京案例", "上海国际合作案例", "已被领取的北京案例"]);
    expect(rows[0]).toMatchObject({ state: "submitted", regionName: "北京市", categoryName: "体制机制创新", daysWaiting: 40, claimedByName: null });
    expect(rows[1]).toMatchObject({ regionName: "上海市", categoryName: "国际合作和区域协同", daysWaiting: 30 });
    expect(rows[2]).toMatchObject({ state: "in_review", claimedByName: "部委审核人", daysWaiting: 20 });
    // The imported third batch is published: never in the queue.
    expect((result.data as QueueData).rows.every((r) => r.state === "submitted" || r.state === "in_review")).toBe(true);
  });

  it("filters by state, region, category and “mine”", async () => {
    const titles = async (query: string) => ((await queue("reviewer", query)).data as QueueData).rows.filter((r) => mine.includes(r.id)).map((r) => r.title);
    expect(await titles("?state=in_review")).toEqual(["已被领取的北京案例"]);
    expect(await titles("?state=submitted")).toEqual(["最早提交的北京案例", "上海国际合作案例"]);
    expect(await titles("?region=shanghai")).toEqual(["上海国际合作案例"]);
    expect(await titles("?category=international-cooperation")).toEqual(["上海国际合作案例"]);
    expect(await titles("?mine=1")).toEqual(["已被领取的北京案例"]);
    expect(((await queue("reviewer2", "?mine=1")).data as QueueData).rows).toEqual([]);
    // An unknown region of the right form finds nothing; malformed filters are a 400 with a Chinese message (issue #13).
    expect(await titles("?region=nowhere")).toEqual([]);
    for (const junk of ["?state=published", "?region=<x>", "?page=-3", "?mine=yes"]) {
      const answer = await queue("reviewer", junk);
      expect(answer.status, junk).toBe(400);
      expect(JSON.stringify(answer.data), junk).toMatch(/参数.*无效/);
    }
  });

  it("pages through the queue", async () => {
    const db = getDb();
    const userId = await userIdOf("reviewer");
    const all = await listReviewQueue(db, userId, { state: null, region: null, category: null, mine: false }, 1, 1000);
    const first = await listReviewQueue(db, userId, { state: null, region: null, category: null, mine: false }, 1, 2);
    const second = await listReviewQueue(db, userId, { state: null, region: null, category: null, mine: false }, 2, 2);
    expect(first.hasMore).toBe(all.rows.length > 2);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.rows.slice(0, 4).map((r) => r.id));
  });

  it("walks deep pages by cursor (no OFFSET): every queued case once, in order, also when cases arrive between pages", async () => {
    for (let i = 0; i < 60; i++) await submittedCase("beijing", caseContent({ title: `翻页待审 ${i}` }));
    // Ties in submitted_at and created_at: the id breaks them.
    await getDb().execute(sql`update ${cases} set submitted_at = date_trunc('minute', submitted_at), created_at = date_trunc('minute', created_at) where title like '翻页待审%'`);
    const expected = rowsOf<{ id: string }>(
      await getDb().execute(sql`select id from ${cases} where state in ('submitted', 'in_review') order by submitted_at asc nulls last, created_at, id`),
    ).map((r) => r.id);
    type Page = QueueData & { hasMore: boolean; hasPrevious: boolean; firstCursor: string | null; lastCursor: string | null };
    const walk = (between?: () => Promise<unknown>) => walkPages(async (query) => (await queue("reviewer", query)).data as Page, between);
    const plain = await walk();
    expect(plain.pages.length).toBeGreaterThanOrEqual(3);
    expect(plain.pages.flat()).toEqual(expected);
    // One page back by `before=` is the page before.
    const previous = (await queue("reviewer", `?page=${plain.page - 1}&before=${encodeURIComponent(plain.last.firstCursor!)}`)).data as Page;
    expect(previous.rows.map((r) => r.id)).toEqual(plain.pages[plain.pages.length - 2]);
    // Newly submitted cases join the end of the queue: seen once, after every earlier one.
    const arrived: string[] = [];
    const busy = await walk(async () => arrived.push(await submittedCase("beijing", caseContent({ title: `翻页时提交 ${arrived.length}` }))));
    expect(busy.pages.flat()).toEqual([...expected, ...arrived]);
    expect((await queue("reviewer", "?page=2&after=2024,x")).status).toBe(400);
  }, 60_000);

  it("is for reviewers and admins only", async () => {
    for (const username of ["beijing", "publisher"]) expect((await queue(username)).status).toBe(403);
    expect((await queue("admin")).status).toBe(200);
    const { context } = await signedIn("beijing");
    const bulk = await run(() => queueAction({ request: post("/review", { intent: "claim", case: `${oldest}:2:submitted` }), context, params: {} }));
    expect(bulk.status).toBe(403);
  });
});

describe("bulk actions", () => {
  it("claims the selected cases one by one, reporting each success and failure in Chinese", async () => {
    const a = await submittedCase("beijing", caseContent({ title: "批量认领甲" }));
    const b = await submittedCase("beijing", caseContent({ title: "批量认领乙" }));
    const taken = await submittedCase("beijing", caseContent({ title: "已被他人认领" }));
    const r2 = await signedIn("reviewer2");
    await transitionCase(r2.user, r2.actor, { caseId: taken, action: "claim" });
    const { context } = await signedIn("reviewer");
    const result = await run(() =>
      queueAction({
        request: post("/review", { intent: "claim", case: [`${a}:2:submitted`, `${b}:2:submitted`, `${taken}:2:submitted`] }),
        context,
        params: {},
      }),
    );
    expect(result.status).toBe(200);
    const outcomes = (result.data as { outcomes: { title: string; ok: boolean; message: string }[] }).outcomes;
    expect(outcomes).toEqual([
      { caseId: a, title: "批量认领甲", ok: true, message: "“批量认领甲”：领取审核成功。" },
      { caseId: b, title: "批量认领乙", ok: true, message: "“批量认领乙”：领取审核成功。" },
      expect.objectContaining({ title: "已被他人认领", ok: false, message: expect.stringMatching(/^“已被他人认领”：该案例已被他人处理，当前状态为“审核中”/) }),
    ]);
    const reviewerId = await userIdOf("reviewer");
    for (const id of [a, b]) expect(await getCaseRow(id)).toMatchObject({ state: "in_review", claimedBy: reviewerId });
    expect((await getCaseRow(taken)).claimedBy).toBe(await userIdOf("reviewer2"));
    const events = await getDb()
      .select({ entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "case.claim"), inArray(auditEvents.entityId, [a, b, taken])));
    expect(events.map((e) => e.entityId).sort()).toEqual([a, b, taken].sort()); // one each: a, b by reviewer; taken by reviewer2 earlier
  });

  it("approves the selected cases through the same guards; all refused → 409", async () => {
    const ok = await submittedCase("beijing", caseContent({ title: "批量通过甲" }));
    const r2 = await signedIn("reviewer2");
    const heldByOther = await submittedCase("beijing", caseContent({ title: "别人领取的" }));
    await transitionCase(r2.user, r2.actor, { caseId: heldByOther, action: "claim" });
    const heldRow = await getCaseRow(heldByOther);
    const { context } = await signedIn("reviewer");
    const checked = [`${ok}:2:submitted`, `${heldByOther}:${heldRow.version}:in_review`];
    // Irreversible: an unconfirmed post only asks, with the checked cases, and changes nothing.
    const asked = await run(() => queueAction({ request: post("/review", { intent: "approve", case: checked }), context, params: {} }));
    expect(asked).toMatchObject({ status: 200, data: { confirm: checked, outcomes: [] } });
    expect((await getCaseRow(ok)).state).toBe("submitted");
    const result = await run(() =>
      queueAction({
        request: post("/review", { intent: "approve", confirmed: "1", case: checked }),
        context,
        params: {},
      }),
    );
    const outcomes = (result.data as { outcomes: { ok: boolean; message: string }[] }).outcomes;
    expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
    expect(outcomes[1].message).toBe("“别人领取的”：该案例已由其他审核人领取，只有领取人可以执行“审核通过”。");
    expect((await getCaseRow(ok)).state).toBe("approved");
    expect((await getCaseRow(heldByOther)).state).toBe("in_review");

    const allRefused = await run(() => queueAction({ request: post("/review", { intent: "approve", confirmed: "1", case: `${ok}:2:submitted` }), context, params: {} }));
    expect(allRefused.status).toBe(409);
    const nothing = await run(() => queueAction({ request: post("/review", { intent: "approve" }), context, params: {} }));
    expect(nothing).toMatchObject({ status: 400, data: { error: "请先勾选案例。" } });
    const bogus = await run(() => queueAction({ request: post("/review", { intent: "publish", case: `${ok}:2:submitted` }), context, params: {} }));
    expect(bogus.status).toBe(400);
  });
});

describe("comments", async () => {
  const caseId = await submittedCase("beijing", caseContent({ title: "评论测试案例" }));
  const reviewer = await signedIn("reviewer");
  await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "claim" });
  let rootId = 0;

  it("a reviewer comments on a practice item; the lead region's submitters are notified", async () => {
    const before = await unread("beijing");
    const result = await postCase("reviewer", caseId, { intent: "comment", anchor: "practices.items.1", body: "请补充专窗的服务数据。" });
    expect(result.status).toBe(302);
    const [comment] = await getDb().select().from(caseComments).where(eq(caseComments.caseId, caseId));
    rootId = comment.id;
    expect(result.location).toBe(`/cases/${caseId}#comment-${comment.id}`);
    expect(comment).toMatchObject({ anchor: "practices.items.1", body: "请补充专窗的服务数据。", version: 2, parentId: null });
    expect(await unread("beijing")).toBe(before + 1);
    const latest = (await inbox("beijing")).entries[0];
    expect(latest.message).toBe("部委审核人对案例“评论测试案例”的主要做法（二）发表了审核意见：“请补充专窗的服务数据。”");
    expect(latest.caseId).toBe(caseId);
    // Shanghai's submitter hears nothing of a Beijing case.
    expect((await inbox("shanghai")).entries.filter((e) => e.caseId === caseId)).toEqual([]);
  });

  it("the submitter sees it grouped under the item, with its heading, and replies; the claim holder is notified", async () => {
    const page = (await loadCase("beijing", caseId)).data as CaseData;
    expect(page.review?.canWrite).toBe(true);
    const group = page.review!.groups.find((g) => g.anchor === "practices.items.1")!;
    expect(group.label).toBe("主要做法（二）优化外资企业登记服务流程。");
    expect(group.threads[0].root).toMatchObject({ body: "请补充专窗的服务数据。", authorName: "部委审核人" });

    const before = await unread("reviewer");
    const reply = await postCase("beijing", caseId, { intent: "comment", parentId: String(rootId), body: "已补充，见修改后的第二条。", anchor: "general" });
    expect(reply.status).toBe(302);
    const [saved] = await getDb().select().from(caseComments).where(and(eq(caseComments.caseId, caseId), eq(caseComments.parentId, rootId)));
    expect(saved.anchor).toBe("practices.items.1"); // a reply joins its thread's anchor
    expect(await unread("reviewer")).toBe(before + 1);
    expect((await inbox("reviewer")).entries[0].message).toMatch(/^北京市填报人回复了案例“评论测试案例”的主要做法（二）的审核意见：“/);

    const after = (await loadCase("reviewer", caseId)).data as CaseData;
    expect(after.review!.groups.find((g) => g.anchor === "practices.items.1")!.threads[0].replies.map((r) => r.body)).toEqual(["已补充，见修改后的第二条。"]);
  });

  it("resolves and reopens a thread, audited on the case; a second resolve is a 409", async () => {
    expect((await postCase("beijing", caseId, { intent: "resolve-comment", commentId: String(rootId) })).status).toBe(302);
    const again = await postCase("reviewer", caseId, { intent: "resolve-comment", commentId: String(rootId) });
    expect(again).toMatchObject({ status: 409, data: { error: "该意见已被标记为已解决。" } });
    let thread = ((await loadCase("reviewer", caseId)).data as CaseData).review!.groups[0].threads[0].root;
    expect(thread.resolvedAt).not.toBeNull();
    expect(thread.resolvedByName).toBe("北京市填报人");
    expect((await postCase("reviewer", caseId, { intent: "reopen-comment", commentId: String(rootId) })).status).toBe(302);
    thread = ((await loadCase("reviewer", caseId)).data as CaseData).review!.groups[0].threads[0].root;
    expect(thread.resolvedAt).toBeNull();
    const actions = (await getDb().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, caseId)).orderBy(auditEvents.id)).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith("comment."))).toEqual(["comment.create", "comment.create", "comment.resolve", "comment.reopen"]);
  });

  it("explains bad input in Chinese and keeps what was typed", async () => {
    const empty = await postCase("reviewer", caseId, { intent: "comment", anchor: "general", body: "   " });
    expect(empty).toMatchObject({ status: 400, data: { form: { parentId: null, errors: { body: "请填写意见内容。" } } } });
    const long = await postCase("reviewer", caseId, { intent: "comment", anchor: "general", body: "字".repeat(2001) });
    expect(long).toMatchObject({ status: 400, data: { form: { errors: { body: "意见内容不能超过 2000 字（当前 2001 字）。" }, values: { body: "字".repeat(2001) } } } });
    const anchor = await postCase("reviewer", caseId, { intent: "comment", anchor: "practices.items.7", body: "第八条？" });
    expect(anchor).toMatchObject({ status: 400, data: { form: { errors: { anchor: "请选择意见针对的位置。" } } } });
    const parent = await postCase("reviewer", caseId, { intent: "comment", parentId: "999999", body: "回复" });
    expect(parent.status).toBe(404);
    const resolveReply = await postCase("reviewer", caseId, { intent: "resolve-comment", commentId: "abc" });
    expect(resolveReply.status).toBe(400);
  });

  it("publishers read the discussion but may not write; other regions' submitters see neither", async () => {
    const page = (await loadCase("publisher", caseId)).data as CaseData;
    expect(page.review?.canWrite).toBe(false);
    expect(page.review?.groups.length).toBeGreaterThan(0);
    expect((await postCase("publisher", caseId, { intent: "comment", anchor: "general", body: "发布人意见" })).status).toBe(403);
    expect((await loadCase("shanghai", caseId)).status).toBe(403);
    expect((await postCase("shanghai", caseId, { intent: "comment", anchor: "general", body: "上海意见" })).status).toBe(403);
    // A published case of the third batch: everyone reads it, only review staff see its discussion.
    const [published] = await getDb().select({ id: cases.id }).from(cases).where(eq(cases.state, "published")).limit(1);
    const shanghaiView = (await loadCase("shanghai", published.id)).data as CaseData;
    expect(shanghaiView.review).toBeNull();
  });

  it("admins may comment; reviewers cannot comment on (or even open) a draft", async () => {
    expect((await postCase("admin", caseId, { intent: "comment", anchor: "general", body: "管理员提示：请按时处理。" })).status).toBe(302);
    const draft = await createDraft("beijing");
    expect((await postCase("reviewer", draft, { intent: "comment", anchor: "general", body: "草稿意见" })).status).toBe(403);
    expect(await getDb().select().from(caseComments).where(eq(caseComments.caseId, draft))).toEqual([]);
  });
});

describe("the inbox", () => {
  it("counts unread notifications in the header, marks one or all read, and opens the case", async () => {
    const caseId = await submittedCase("beijing", caseContent({ title: "收件箱测试案例" }));
    const reviewer = await signedIn("reviewer");
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "claim" });
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "request_changes", input: { reason: "请补充数据。" } });

    const count = await unread("beijing");
    const mail = await inbox("beijing");
    expect(mail.unread).toBe(count);
    const forCase = mail.entries.filter((e) => e.caseId === caseId);
    expect(forCase.map((e) => e.message)).toEqual(["部委审核人将案例“收件箱测试案例”退回修改。理由：请补充数据。", "部委审核人领取了案例“收件箱测试案例”，开始审核。"]);
    expect(forCase.every((e) => e.readAt === null)).toBe(true);

    const { context } = await signedIn("beijing");
    const open = await run(() => inboxAction({ request: post("/inbox", { intent: "open", id: String(forCase[0].id) }), context, params: {} }));
    expect(open.location).toBe(`/cases/${caseId}`);
    expect(await unread("beijing")).toBe(count - 1);

    // Someone else's notification is not found, and stays unread.
    const [foreign] = await getDb().select().from(notifications).where(eq(notifications.userId, await userIdOf("reviewer"))).limit(1);
    if (foreign) {
      const refused = await run(() => inboxAction({ request: post("/inbox", { intent: "read", id: String(foreign.id) }), context, params: {} }));
      expect(refused).toMatchObject({ status: 404, data: { error: "该通知不存在。" } });
    }

    const all = await run(() => inboxAction({ request: post("/inbox", { intent: "read-all" }), context, params: {} }));
    expect(all.location).toBe(`/inbox?marked=${count - 1}`);
    expect(await unread("beijing")).toBe(0);
    expect((await inbox("beijing", "?unread=1")).entries).toEqual([]);
    expect((await run(() => inboxAction({ request: post("/inbox", { intent: "nonsense" }), context, params: {} }))).status).toBe(400);
  });

  it("root loader adds no count for visitors", async () => {
    const { contextFor } = await import("../support/requests");
    const anonymous = await contextFor(null);
    expect(((await run(() => rootLoader({ request: get("/"), context: anonymous, params: {} }))).data as { unreadCount: number }).unreadCount).toBe(0);
  });
});

describe("versions, diff and timeline", async () => {
  const original = caseContent({ title: "修改对比测试案例" });
  const caseId = await submittedCase("beijing", original);
  const reviewer = await signedIn("reviewer");
  await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "claim" });
  await postCase("reviewer", caseId, { intent: "comment", anchor: "practices.items.1", body: "请补充专窗数据。" });
  await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "request_changes", input: { reason: "第二条做法缺少数据。" } });
  const revised = structuredClone(original);
  revised.practices.items[1].body = [{ type: "paragraph", text: { text: "设立外资服务专窗，提供全程帮办服务，全年办理业务1200件。" } }];
  await saveRevision(caseId, "beijing", revised); // version 3
  const beijing = await signedIn("beijing");
  await transitionCase(beijing.user, beijing.actor, { caseId, action: "resubmit" }); // version 4

  async function diff(username: string, query = "") {
    const { context } = await signedIn(username);
    return run(() => diffLoader({ request: get(`/cases/${caseId}/diff${query}`), context, params: { caseId } }));
  }

  it("compares the last two submissions by default and finds exactly the revised practice", async () => {
    const result = await diff("reviewer");
    expect(result.status).toBe(200);
    const d = result.data as DiffData;
    expect({ from: d.from, to: d.to, changedCount: d.changedCount }).toEqual({ from: 2, to: 4, changedCount: 1 });
    const changed = d.sections!.filter((s) => s.status !== "unchanged");
    expect(changed.map((s) => s.label)).toEqual(["主要做法（二）"]);
    const parts = changed[0].parts as { type: string; text: string }[];
    expect(parts.filter((p) => p.type === "added").map((p) => p.text).join("")).toBe("，全年办理业务1200件");
    expect(parts.filter((p) => p.type === "removed")).toEqual([]);
  });

  it("takes explicit versions, shows only changes on request, and refuses bad versions", async () => {
    const same = (await diff("beijing", "?from=3&to=4")).data as DiffData;
    expect(same.changedCount).toBe(0);
    const onlyChanges = (await diff("reviewer", "?changed=1")).data as DiffData;
    expect(onlyChanges.onlyChanges).toBe(true);
    expect(await diff("reviewer", "?from=abc")).toMatchObject({ status: 400, data: { message: "版本号无效。" } });
    expect(await diff("reviewer", "?to=99")).toMatchObject({ status: 404, data: { message: "该案例没有第 99 版。" } });
    expect((await diff("shanghai")).status).toBe(403);
    const first = (await diff("reviewer", "?to=2")).data as DiffData;
    expect(first.sections).toBeNull();
    expect(first.notice).toBe("这是该案例的首次提交，没有更早的提交可以对比。可在上方选择其他版本。");
  });

  it("the case page shows the history oldest first: who, what, when, the reason, and a diff link for the resubmission", async () => {
    const page = (await loadCase("beijing", caseId)).data as CaseData;
    expect(page.diffHref).toBe(`/cases/${caseId}/diff`);
    const timeline = page.review!.timeline;
    expect(timeline.map((e) => [e.actorName, e.label])).toEqual([
      ["北京市填报人（beijing）", "提交审核"],
      ["部委审核人（reviewer）", "领取审核"],
      ["部委审核人（reviewer）", "发表评论"],
      ["部委审核人（reviewer）", "退回修改"],
      ["北京市填报人（beijing）", "修改后重新提交"],
    ]);
    expect(timeline[0].diffHref).toBeNull(); // the first submission has nothing to compare with
    expect(timeline[2].sentence).toBe("部委审核人（reviewer）对案例“修改对比测试案例”的主要做法（二）发表了审核意见：“请补充专窗数据。”");
    expect(timeline[4].sentence).toBe("北京市填报人（beijing）修改后重新提交了案例“修改对比测试案例”，已回到原审核人处继续审核。");
    expect(timeline[3].reason).toBe("第二条做法缺少数据。");
    expect(timeline[4].diffHref).toBe(`/cases/${caseId}/diff?to=4`);
    for (let i = 1; i < timeline.length; i++) expect(new Date(timeline[i].at).getTime()).toBeGreaterThanOrEqual(new Date(timeline[i - 1].at).getTime());
  });

  it("offers the actions the table allows, and the edit link only while the lead region may edit", async () => {
    // The resubmission came back to the reviewer who asked for the changes: still theirs.
    const reviewerPage = (await loadCase("reviewer", caseId)).data as CaseData;
    expect(reviewerPage.actions.map((a) => a.label)).toEqual(["放弃领取", "退回修改", "审核通过", "不予采用"]);
    expect(reviewerPage.editHref).toBeNull();
    const submitterPage = (await loadCase("beijing", caseId)).data as CaseData;
    expect(submitterPage.actions.map((a) => a.label)).toEqual([]);
    expect(submitterPage.editHref).toBeNull();
    const draft = await createDraft("beijing");
    expect(((await loadCase("beijing", draft)).data as CaseData).editHref).toBe(`/cases/${draft}/edit`);
    const adminPage = (await loadCase("admin", caseId)).data as CaseData;
    expect(adminPage.actions.map((a) => a.action)).toEqual(["assign"]);
    expect(adminPage.reviewers.map((r) => r.displayName).sort()).toEqual(["第二审核人", "部委审核人"].sort());
  });
});
