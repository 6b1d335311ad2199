import { describe, expect, it } from "vitest";
import { and, asc, eq, inArray } from "drizzle-orm";
import { auditEvents, batchCategories, batchErrata, batches, cases, caseVersions, users } from "#db/schema";
import type { SessionUser } from "~/auth/session.server";
import { insertCase } from "~/cases/cases.server";
import type { CaseContent } from "~/cases/content";
import { transitionCase } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { actorOf } from "~/permissions/require.server";
import { loader as batchesLoader } from "~/routes/batches._index";
import { action as newBatchAction, loader as newBatchLoader } from "~/routes/batches.new";
import { action as compileAction, loader as compileLoader } from "~/routes/batches.$number";
import { loader as previewLoader } from "~/routes/batches.$number_.preview";
import { loader as bulletinLoader } from "~/routes/bulletins.$number";
import { loader as bulletinsLoader } from "~/routes/bulletins._index";
import { loader as caseLoader } from "~/routes/cases.$caseId._index";
import { useTestDatabase } from "../support/database";
import { contextFor, get, post, run } from "../support/requests";

await useTestDatabase();

const db = () => getDb();

async function userId(username: string) {
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.username, username));
  return row.id;
}

/** The content of a case of the imported third batch, renamed, as a new case of Beijing. */
async function contentLike(title: string, category?: string): Promise<CaseContent> {
  const [row] = await db()
    .select({ content: caseVersions.content })
    .from(caseVersions)
    .innerJoin(cases, eq(cases.id, caseVersions.caseId))
    .where(eq(cases.title, "深化外资企业注册登记便利化改革"));
  const content = structuredClone(row.content) as CaseContent;
  return { ...content, title, leadRegion: "beijing", regions: [], ...(category ? { category } : {}) };
}

/** A case submitted by Beijing and approved by the reviewer, through the real workflow. */
async function approvedCase(title: string, category?: string) {
  const beijing = await contextFor("beijing");
  const reviewer = await contextFor("reviewer");
  const content = await contentLike(title, category);
  const createdBy = await userId("beijing");
  const id = await db().transaction((tx) => insertCase(tx, { content, state: "draft", createdBy, kind: "save" }));
  const b = beijing.auth!.user as SessionUser;
  const r = reviewer.auth!.user as SessionUser;
  await transitionCase(b, actorOf(beijing, b), { caseId: id, action: "submit" });
  await transitionCase(r, actorOf(reviewer, r), { caseId: id, action: "approve" });
  return id;
}

async function draftCase(title: string) {
  const content = await contentLike(title);
  const createdBy = await userId("beijing");
  return db().transaction((tx) => insertCase(tx, { content, state: "draft", createdBy, kind: "save" }));
}

type View = Awaited<ReturnType<typeof compileLoader>>;

async function view(number = 4, username = "publisher"): Promise<View> {
  const context = await contextFor(username);
  const result = await run(() => compileLoader({ request: get(`/batches/${number}`), context, params: { number: String(number) } }));
  expect(result.status).toBe(200);
  return result.data as View;
}

async function act(fields: Record<string, string>, options: { number?: number; username?: string } = {}) {
  const number = options.number ?? 4;
  const context = await contextFor(options.username ?? "publisher");
  return run(() => compileAction({ request: post(`/batches/${number}`, fields), context, params: { number: String(number) } }));
}

const order = (v: View) => v.categories.map((c) => [c.name, c.cases.map((x) => x.title)]);

describe("starting the next batch", () => {
  it("only publishers may open the batch pages", async () => {
    for (const username of ["reviewer", "beijing", "admin"]) {
      const context = await contextFor(username);
      expect((await run(() => batchesLoader({ request: get("/batches"), context, params: {} }))).status).toBe(403);
      expect((await run(() => newBatchAction({ request: post("/batches/new", { title: "x", preface: "" }), context, params: {} }))).status).toBe(403);
    }
    const anonymous = await contextFor(null);
    expect((await run(() => batchesLoader({ request: get("/batches"), context: anonymous, params: {} }))).location).toMatch(/^\/login/);
  });

  it("lists the imported third batch as published, and proposes 第四批 after it, with the default title", async () => {
    const context = await contextFor("publisher");
    const list = await run(() => batchesLoader({ request: get("/batches"), context, params: {} }));
    expect(list.data).toMatchObject({ next: 4, open: null, batches: [{ number: 3, state: "published", caseCount: 11 }] });
    const result = await run(() => newBatchLoader({ request: get("/batches/new"), context, params: {} }));
    expect(result.data).toEqual({ number: 4, title: "国家服务业扩大开放综合试点示范建设 第四批最佳实践案例", candidates: [] });
  });

  it("refuses an empty title in Chinese and keeps what was typed", async () => {
    const context = await contextFor("publisher");
    const result = await run(() => newBatchAction({ request: post("/batches/new", { title: "  ", preface: "第一段" }), context, params: {} }));
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ errors: { title: "请填写标题。" }, values: { preface: "第一段" } });
  });

  it("creates batch 4 as 编辑中 with its preface paragraphs, audited; a second one waits until it is published", async () => {
    const context = await contextFor("publisher");
    const result = await run(() =>
      newBatchAction({
        request: post("/batches/new", { title: "国家服务业扩大开放综合试点示范建设 第四批最佳实践案例", preface: "第一段前言。\n\n  第二段前言。  \n" }),
        context,
        params: {},
      }),
    );
    expect(result.location).toBe("/batches/4");
    const [row] = await db().select().from(batches).where(eq(batches.number, 4));
    expect(row).toMatchObject({ state: "compiling", preface: [{ text: "第一段前言。" }, { text: "第二段前言。" }] });
    const events = await db().select().from(auditEvents).where(eq(auditEvents.action, "batch.create"));
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({ number: 4, state: "compiling" });

    const again = await run(() => newBatchAction({ request: post("/batches/new", { title: "第五批", preface: "" }), context, params: {} }));
    expect(again.status).toBe(409);
    expect(again.data).toMatchObject({ errors: { form: "第四批尚未发布，请先完成该批次再开始下一批。" } });
    expect((await run(() => newBatchLoader({ request: get("/batches/new"), context, params: {} }))).location).toBe("/batches/4");
  });
});

describe("compiling", () => {
  let culture: string, trade: string, logistics: string, draft: string;

  it("offers only approved cases that are in no batch", async () => {
    culture = await approvedCase("探索数字文化出海新模式", "industry-ecosystem");
    trade = await approvedCase("建设跨境贸易服务平台");
    logistics = await approvedCase("创新国际物流协同机制");
    draft = await draftCase("一个还在起草的案例");
    const v = await view();
    const offered = v.candidates.map((c) => c.id);
    expect(offered).toEqual(expect.arrayContaining([culture, trade, logistics]));
    expect(offered).not.toContain(draft);
    // The third batch's published cases are in batch 3, so never offered.
    expect(v.candidates).toHaveLength(3);
    expect(v.caseCount).toBe(0);
  });

  it("adds cases under their own category by default, or another one chosen", async () => {
    let v = await view();
    expect((await act({ intent: "add-case", token: v.token, caseId: trade })).location).toBe(`/batches/4#batch-case-${trade}`);
    v = await view();
    expect((await act({ intent: "add-case", token: v.token, caseId: culture })).status).toBe(302);
    v = await view();
    expect((await act({ intent: "add-case", token: v.token, caseId: logistics, categoryCode: "international-cooperation" })).status).toBe(302);
    v = await view();
    expect(order(v)).toEqual([
      ["体制机制创新", ["建设跨境贸易服务平台"]],
      ["产业生态体系建设", ["探索数字文化出海新模式"]],
      ["国际合作和区域协同", ["创新国际物流协同机制"]],
    ]);
    expect(v.candidates).toEqual([]);
    const [row] = await db().select().from(cases).where(eq(cases.id, logistics));
    expect(row).toMatchObject({ batchCategoryCode: "international-cooperation", batchPosition: 0, state: "approved" });
  });

  it("refuses a case that is not approved, and one already in a batch", async () => {
    let v = await view();
    const refused = await act({ intent: "add-case", token: v.token, caseId: draft });
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({ error: "案例“一个还在起草的案例”当前状态为“草稿”，只有审核通过的案例可以编入公报。" });
    const [published] = await db().select({ id: cases.id, title: cases.title }).from(cases).where(eq(cases.state, "published")).limit(1);
    v = await view();
    const twice = await act({ intent: "add-case", token: v.token, caseId: published.id });
    expect(twice.status).toBe(409);
    expect(twice.data).toMatchObject({ error: `案例“${published.title}”已编入第三批。` });
    expect((await view()).caseCount).toBe(3);
  });

  it("orders categories and cases with up/down, and regroups a case", async () => {
    let v = await view();
    await act({ intent: "move-category", token: v.token, categoryCode: "industry-ecosystem", direction: "up" });
    v = await view();
    expect(v.categories.map((c) => c.name)).toEqual(["产业生态体系建设", "体制机制创新", "国际合作和区域协同"]);
    // Move the logistics case into 体制机制创新, then above the trade case.
    await act({ intent: "set-category", token: v.token, caseId: logistics, categoryCode: "institutional-innovation" });
    v = await view();
    expect(order(v)).toEqual([
      ["产业生态体系建设", ["探索数字文化出海新模式"]],
      ["体制机制创新", ["建设跨境贸易服务平台", "创新国际物流协同机制"]],
    ]);
    await act({ intent: "move-case", token: v.token, caseId: logistics, direction: "up" });
    v = await view();
    expect(order(v)[1]).toEqual(["体制机制创新", ["创新国际物流协同机制", "建设跨境贸易服务平台"]]);
    // At the edge nothing moves, and nothing fails.
    const edge = await act({ intent: "move-case", token: v.token, caseId: logistics, direction: "up" });
    expect(edge.status).toBe(302);
    expect(order(await view())[1]).toEqual(["体制机制创新", ["创新国际物流协同机制", "建设跨境贸易服务平台"]]);
    // The emptied category left the batch; positions are dense.
    const rows = await db().select().from(batchCategories).where(eq(batchCategories.batchId, (await batchId(4))!)).orderBy(asc(batchCategories.position));
    expect(rows.map((r) => [r.categoryCode, r.position])).toEqual([
      ["industry-ecosystem", 0],
      ["institutional-innovation", 1],
    ]);
  });

  it("the preview renders the whole bulletin with its 目录 in the compiled order", async () => {
    const context = await contextFor("publisher");
    const result = await run(() => previewLoader({ request: get("/batches/4/preview"), context, params: { number: "4" } }));
    const data = result.data as Awaited<ReturnType<typeof previewLoader>>;
    expect(data.model.toc.map((e) => [e.level, e.text])).toEqual([
      [1, "产业生态体系建设"],
      [2, "探索数字文化出海新模式"],
      [1, "体制机制创新"],
      [2, "创新国际物流协同机制"],
      [2, "建设跨境贸易服务平台"],
    ]);
    expect(data.model.preface.map((runs) => runs.map((r) => r.text).join(""))).toEqual(["第一段前言。", "第二段前言。"]);
  });

  it("removes a case; it is offered again", async () => {
    const v = await view();
    await act({ intent: "remove-case", token: v.token, caseId: trade });
    const after = await view();
    expect(after.caseCount).toBe(2);
    expect(after.candidates.map((c) => c.id)).toEqual([trade]);
    const [row] = await db().select().from(cases).where(eq(cases.id, trade));
    expect(row).toMatchObject({ batchId: null, batchCategoryCode: null, batchPosition: null, state: "approved" });
  });

  it("a page that is out of date gets 409 and changes nothing", async () => {
    const stale = (await view()).token;
    await act({ intent: "save-meta", token: stale, title: "国家服务业扩大开放综合试点示范建设 第四批最佳实践案例", preface: "新的前言。" });
    const result = await act({ intent: "add-case", token: stale, caseId: trade });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ error: "该批次已被他人修改，您看到的内容已过期。请刷新页面查看最新内容后再操作。" });
    expect((await view()).caseCount).toBe(2);
    const noToken = await act({ intent: "move-category", categoryCode: "industry-ecosystem", direction: "down" });
    expect(noToken.status).toBe(409);
  });

  it("of two changes sent from the same page at once, exactly one wins", async () => {
    const token = (await view()).token;
    const results = await Promise.all([
      act({ intent: "move-category", token, categoryCode: "industry-ecosystem", direction: "down" }),
      act({ intent: "move-category", token, categoryCode: "industry-ecosystem", direction: "down" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    expect((await view()).categories.map((c) => c.name)).toEqual(["体制机制创新", "产业生态体系建设"]);
    await act({ intent: "move-category", token: (await view()).token, categoryCode: "industry-ecosystem", direction: "up" });
    expect((await view()).categories.map((c) => c.name)).toEqual(["产业生态体系建设", "体制机制创新"]);
  });

  it("every change is audited as batch.update", async () => {
    const events = await db().select().from(auditEvents).where(eq(auditEvents.action, "batch.update"));
    expect(events.map((e) => (e.after as { change: string }).change)).toEqual([
      "add-case",
      "add-case",
      "add-case",
      "move-category-up",
      "set-category",
      "move-case-up",
      "remove-case",
      "meta",
      "move-category-down",
      "move-category-up",
    ]);
  });

  it("refuses reviewers and submitters (403)", async () => {
    for (const username of ["reviewer", "beijing"]) {
      const v = await view();
      const result = await act({ intent: "add-case", token: v.token, caseId: trade }, { username });
      expect(result.status).toBe(403);
    }
  });
});

async function batchId(number: number) {
  const [row] = await db().select({ id: batches.id }).from(batches).where(eq(batches.number, number));
  return row?.id;
}

describe("freezing and publishing", () => {
  it("offers 定稿 while compiling a batch with cases", async () => {
    const v = await view();
    expect(v.actions.map((a) => a.action)).toEqual(["freeze"]);
    expect(v.canEdit).toBe(true);
  });

  it("freezing locks the content (409), unfreezing unlocks it", async () => {
    let v = await view();
    expect((await act({ intent: "transition", action: "freeze", token: v.token })).location).toBe("/batches/4");
    v = await view();
    expect(v.state).toBe("frozen");
    expect(v.canEdit).toBe(false);
    expect(v.actions.map((a) => a.action)).toEqual(["unfreeze", "publish"]);
    const edits: Record<string, string>[] = [
      { intent: "add-case", caseId: (await view()).candidates[0].id },
      { intent: "move-category", categoryCode: "industry-ecosystem", direction: "down" },
      { intent: "save-meta", title: "改标题", preface: "" },
    ];
    for (const fields of edits) {
      const result = await act({ ...fields, token: v.token });
      expect(result.status).toBe(409);
      expect(result.data).toMatchObject({ error: "批次当前状态为“已定稿”，内容不能修改。" });
    }
    const [freeze] = await db().select().from(auditEvents).where(eq(auditEvents.action, "batch.freeze"));
    expect((freeze.after as { cases: unknown[] }).cases).toHaveLength(2);

    await act({ intent: "transition", action: "unfreeze", token: v.token });
    v = await view();
    expect(v.state).toBe("compiling");
    expect((await act({ intent: "move-category", categoryCode: "industry-ecosystem", direction: "down", token: v.token })).status).toBe(302);
    v = await view();
    await act({ intent: "move-category", categoryCode: "industry-ecosystem", direction: "up", token: v.token });
    v = await view();
    await act({ intent: "transition", action: "freeze", token: v.token });
    expect((await view()).state).toBe("frozen");
  });

  it("a reviewer cannot publish (403), nor can an out-of-date page (409)", async () => {
    const v = await view();
    const reviewer = await act({ intent: "transition", action: "publish", token: v.token }, { username: "reviewer" });
    expect(reviewer.status).toBe(403);
    const stale = await act({ intent: "transition", action: "publish", token: "2000-01-01T00:00:00.000Z" });
    expect(stale.status).toBe(409);
    expect((await view()).state).toBe("frozen");
  });

  it("a case that is no longer approved makes publishing fail, naming it, writing nothing", async () => {
    const v = await view();
    const victim = v.categories[0].cases[0];
    await db().update(cases).set({ state: "changes_requested" }).where(eq(cases.id, victim.id));
    const auditBefore = (await db().select({ id: auditEvents.id }).from(auditEvents)).length;
    const result = await act({ intent: "transition", action: "publish", token: v.token });
    expect(result.status).toBe(409);
    expect((result.data as { error: string }).error).toBe(
      `以下案例已不是“审核通过”状态，不能发布：“${victim.title}”（退回修改）。请将其移出批次（取消定稿后）再发布。`,
    );
    expect((await view()).state).toBe("frozen");
    const members = await db().select().from(cases).where(eq(cases.batchId, (await batchId(4))!));
    expect(members.every((c) => c.publishedVersion === null)).toBe(true);
    expect((await db().select({ id: auditEvents.id }).from(auditEvents)).length).toBe(auditBefore);
    await db().update(cases).set({ state: "approved" }).where(eq(cases.id, victim.id));
  });

  it("publishes in one transaction: batch and cases published, versions pinned, one audit event per case and one for the batch", async () => {
    const v = await view();
    // Publishing cannot be undone: an unconfirmed post only asks (the page dialog, or the server's step without JavaScript).
    const asked = await act({ intent: "transition", action: "publish", token: v.token });
    expect(asked).toMatchObject({ status: 200, data: { confirm: "publish" } });
    expect((await view()).state).toBe("frozen");
    const result = await act({ intent: "transition", action: "publish", token: v.token, confirmed: "1" });
    expect(result.location).toBe("/batches/4");
    expect(result.headers.get("Set-Cookie")).toMatch(/^pilot_flash=/);
    const [batch] = await db().select().from(batches).where(eq(batches.number, 4));
    expect(batch.state).toBe("published");
    expect(batch.publishedAt).toBeInstanceOf(Date);
    const members = await db().select().from(cases).where(eq(cases.batchId, batch.id));
    expect(members).toHaveLength(2);
    for (const c of members) {
      expect(c.state).toBe("published");
      expect(c.publishedVersion).toBe(c.version);
    }
    const caseEvents = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "case.publish"), inArray(auditEvents.entityId, members.map((m) => m.id))));
    expect(caseEvents).toHaveLength(2);
    expect(caseEvents.every((e) => (e.before as { state: string }).state === "approved" && (e.after as { state: string }).state === "published")).toBe(true);
    const [batchEvent] = await db().select().from(auditEvents).where(eq(auditEvents.action, "batch.publish"));
    expect(batchEvent.after).toMatchObject({ number: 4, state: "published" });
    expect((batchEvent.after as { cases: { id: string; version: number }[] }).cases).toEqual(
      expect.arrayContaining(members.map((m) => ({ id: m.id, version: m.publishedVersion }))),
    );

    // The case page shows the new state.
    const context = await contextFor("beijing");
    const page = await run(() => caseLoader({ request: get(`/cases/${members[0].id}`), context, params: { caseId: members[0].id } }));
    expect((page.data as { state: string }).state).toBe("published");
  });

  it("a published bulletin never changes: every edit and transition is refused", async () => {
    const v = await view();
    expect(v.actions).toEqual([]);
    expect((await act({ intent: "remove-case", caseId: v.categories[0].cases[0].id, token: v.token })).status).toBe(409);
    expect((await act({ intent: "transition", action: "unfreeze", token: v.token })).status).toBe(409);
  });

  it("the public page shows the bulletin to anyone, without login; unpublished batches are 404", async () => {
    const anonymous = await contextFor(null);
    const page = await run(() => bulletinLoader({ request: get("/bulletins/4"), context: anonymous, params: { number: "4" } }));
    expect(page.status).toBe(200);
    const data = page.data as Awaited<ReturnType<typeof bulletinLoader>>;
    expect(data.model.categories.flatMap((c) => c.cases.map((x) => x.title))).toEqual(["探索数字文化出海新模式", "创新国际物流协同机制"]);
    const list = await run(() => bulletinsLoader({ request: get("/bulletins"), context: anonymous, params: {} }));
    expect((list.data as { bulletins: { number: number }[] }).bulletins.map((b) => b.number)).toEqual([4, 3]);
    expect((await run(() => bulletinLoader({ request: get("/bulletins/9"), context: anonymous, params: { number: "9" } }))).status).toBe(404);
    expect((await run(() => bulletinLoader({ request: get("/bulletins/abc"), context: anonymous, params: { number: "abc" } }))).status).toBe(404);
  });
});

describe("errata", () => {
  it("a publisher adds an audited erratum to a published bulletin; it shows on the public page", async () => {
    const refusedEmpty = await act({ intent: "erratum", body: "   " });
    expect(refusedEmpty.status).toBe(400);
    expect(refusedEmpty.data).toMatchObject({ errors: { body: "请填写勘误内容。" } });
    const result = await act({ intent: "erratum", body: "第2页“出海”应为“走出去”。" });
    expect(result.location).toBe("/batches/4#errata");
    const rows = await db().select().from(batchErrata);
    expect(rows.map((r) => r.body)).toEqual(["第2页“出海”应为“走出去”。"]);
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.action, "batch.erratum"));
    expect(event.after).toMatchObject({ number: 4, body: "第2页“出海”应为“走出去”。" });
    const anonymous = await contextFor(null);
    const page = await run(() => bulletinLoader({ request: get("/bulletins/4"), context: anonymous, params: { number: "4" } }));
    expect((page.data as { errata: { body: string }[] }).errata.map((e) => e.body)).toEqual(["第2页“出海”应为“走出去”。"]);
    // The bulletin itself did not change.
    expect((await db().select().from(batches).where(eq(batches.number, 4)))[0].state).toBe("published");
  });

  it("errata only for published bulletins, only by publishers", async () => {
    expect((await act({ intent: "erratum", body: "勘误" }, { username: "reviewer" })).status).toBe(403);
    // Start batch 5: not published, so no erratum.
    const context = await contextFor("publisher");
    await run(() => newBatchAction({ request: post("/batches/new", { title: "国家服务业扩大开放综合试点示范建设 第五批最佳实践案例", preface: "" }), context, params: {} }));
    const result = await act({ intent: "erratum", body: "勘误" }, { number: 5 });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ error: "只有已发布的公报可以发布勘误。" });
  });

  it("an empty batch cannot be frozen (409, named guard)", async () => {
    const v = await view(5);
    expect(v.actions).toEqual([]);
    const result = await act({ intent: "transition", action: "freeze", token: v.token }, { number: 5 });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ error: "批次中还没有案例，不能执行“定稿”。" });
  });
});
