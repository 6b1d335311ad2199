import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, cases, caseVersions } from "#db/schema";
import { getCaseContent } from "~/cases/cases.server";
import type { CaseContent } from "~/cases/content";
import type { EditorReply } from "~/cases/form/reply";
import { valuesToEntries } from "~/cases/form/paths";
import { contentToFormValues, emptyFormValues, type CaseFormValues } from "~/cases/form/values";
import { getDb } from "~/db/db.server";
import { action as editAction, loader as editLoader } from "~/routes/cases.$caseId.edit";
import { action as newAction, loader as newLoader } from "~/routes/cases.new";
import { useTestDatabase } from "../support/database";
import { BASE, contextFor, get, run } from "../support/requests";

await useTestDatabase();

// ---------------------------------------------------------------------------------------------
// Helpers

function complete(overrides: Partial<CaseContent> = {}): CaseContent {
  return {
    templateId: "bulletin-v1",
    title: "深化外资企业注册登记便利化改革",
    category: "institutional-innovation",
    leadRegion: "beijing",
    regions: ["shanghai"],
    intro: [{ text: "北京朝阳区针对外国投资者设立企业时的困难，探索一站式服务模式。" }],
    practices: {
      items: [
        {
          heading: "实现公文书电子化流转和线上查验。",
          body: [{ type: "paragraph", text: { text: "北京朝阳区积极申请支持，率先实现公证文书电子化流转。", marks: [{ start: 0, end: 5 }] } }],
        },
      ],
    },
    effects: { heading: "实践效果", items: [{ heading: "实现全程网办登记。", body: [{ type: "paragraph", text: { text: "落地首户港资企业。" } }] }] },
    nextSteps: { heading: "下一步创新方向", kind: "paragraph", text: { text: "加强与更多国家和地区的有关部门合作。" } },
    ...overrides,
  };
}

function postEntries(path: string, entries: [string, string][], headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of entries) body.append(k, v);
  return new Request(`${BASE}${path}`, { method: "POST", body, headers: { Origin: BASE, ...headers } });
}

function formPost(path: string, values: CaseFormValues, fields: Record<string, string>) {
  return postEntries(path, [...valuesToEntries(values), ...Object.entries(fields)]);
}

async function as(username: string) {
  return contextFor(username);
}

/** Creates a Beijing draft through the new-case action (JavaScript save) and returns its id. */
async function createDraft(content: CaseContent = complete()) {
  const context = await as("beijing");
  const result = await run(() => newAction({ request: formPost("/cases/new", contentToFormValues(content), { intent: "save", js: "1" }), context, params: {} }));
  expect(result.status).toBe(200);
  const reply = result.data as EditorReply;
  if (reply.kind !== "saved") throw new Error(`expected saved, got ${JSON.stringify(reply)}`);
  return reply.caseId;
}

async function save(username: string, caseId: string, content: CaseContent | CaseFormValues, fields: Record<string, string>) {
  const values = "templateId" in content ? contentToFormValues(content) : content;
  const context = await as(username);
  return run(() => editAction({ request: formPost(`/cases/${caseId}/edit`, values, fields), context, params: { caseId } }));
}

async function row(caseId: string) {
  const [r] = await getDb().select().from(cases).where(eq(cases.id, caseId));
  return r;
}

async function storedContent(caseId: string) {
  const r = await row(caseId);
  return getCaseContent(getDb(), caseId, r.version);
}

async function auditActions(caseId: string) {
  const events = await getDb().select({ action: auditEvents.action, after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.entityId, caseId)).orderBy(asc(auditEvents.id));
  return events;
}

// ---------------------------------------------------------------------------------------------

describe("creating a case", () => {
  it("without JavaScript: the first save creates a draft at version 1 and redirects to its edit page", async () => {
    const context = await as("beijing");
    const result = await run(() => newAction({ request: formPost("/cases/new", contentToFormValues(complete({ title: "无脚本新建的案例" })), { intent: "save" }), context, params: {} }));
    expect(result.status).toBe(302);
    const id = /^\/cases\/([^/]+)\/edit\?saved=created$/.exec(result.location ?? "")?.[1];
    // the edit page it lands on says so, once (flash)
    expect(result.headers.get("Set-Cookie")).toMatch(/^pilot_flash=/);
    expect(id).toBeDefined();
    const r = await row(id!);
    expect(r).toMatchObject({ state: "draft", version: 1, title: "无脚本新建的案例", leadRegion: "beijing" });
    expect((await auditActions(id!)).map((e) => e.action)).toEqual(["case.create"]);
    // and the edit page shows what was saved
    const page = await run(() => editLoader({ request: get(`/cases/${id}/edit`), context, params: { caseId: id } }));
    expect(page.status).toBe(200);
    expect((page.data as { values: CaseFormValues }).values.title).toBe("无脚本新建的案例");
  });

  it("accepts an incomplete draft (title, category, lead region) but says what is missing in Chinese", async () => {
    const context = await as("beijing");
    const values = emptyFormValues({ leadRegion: "beijing", category: "industry-ecosystem" });
    values.title = "只有标题的草稿";
    const saved = await run(() => newAction({ request: formPost("/cases/new", values, { intent: "save", js: "1" }), context, params: {} }));
    expect((saved.data as EditorReply).kind).toBe("saved");

    const untitled = emptyFormValues({ leadRegion: "beijing" });
    untitled.intro[0].text = "一段已经写好的导语，不能丢。";
    const refused = await run(() => newAction({ request: formPost("/cases/new", untitled, { intent: "save", js: "1" }), context, params: {} }));
    expect(refused.status).toBe(400);
    const reply = refused.data as Extract<EditorReply, { kind: "invalid" }>;
    expect(reply.kind).toBe("invalid");
    expect(reply.errors).toEqual({ title: "请填写标题", category: "请选择案例类别" });
    expect(reply.values.intro[0].text).toBe("一段已经写好的导语，不能丢。");
  });

  it("only for the submitter's own region", async () => {
    const context = await as("beijing");
    const result = await run(() => newAction({ request: formPost("/cases/new", contentToFormValues(complete({ leadRegion: "shanghai", regions: [] })), { intent: "save", js: "1" }), context, params: {} }));
    expect(result.status).toBe(403);
    expect(await getDb().select().from(cases).where(eq(cases.title, "深化外资企业注册登记便利化改革")).then((r) => r.filter((c) => c.leadRegion === "shanghai"))).toHaveLength(0);
  });

  it("is not for reviewers, publishers or admins", async () => {
    for (const username of ["reviewer", "publisher", "admin"]) {
      const context = await as(username);
      expect((await run(() => newLoader({ request: get("/cases/new"), context, params: {} }))).status).toBe(403);
      expect((await run(() => newAction({ request: formPost("/cases/new", contentToFormValues(complete()), { intent: "save", js: "1" }), context, params: {} }))).status).toBe(403);
    }
  });
});

describe("saving and autosaving", () => {
  it("writes a new version per save, with case.save / case.autosave audited with it, and nothing for an unchanged save", async () => {
    const id = await createDraft();
    const first = await save("beijing", id, complete({ title: "第二版标题" }), { intent: "save", js: "1", baseVersion: "1" });
    expect(first.data).toMatchObject({ kind: "saved", version: 2, unchanged: false });
    const second = await save("beijing", id, complete({ title: "自动保存的标题" }), { intent: "autosave", js: "1", baseVersion: "2" });
    expect(second.data).toMatchObject({ kind: "saved", version: 3 });
    const unchanged = await save("beijing", id, complete({ title: "自动保存的标题" }), { intent: "autosave", js: "1", baseVersion: "3" });
    expect(unchanged.data).toMatchObject({ kind: "saved", version: 3, unchanged: true });

    const versions = await getDb().select({ version: caseVersions.version, kind: caseVersions.kind }).from(caseVersions).where(eq(caseVersions.caseId, id)).orderBy(asc(caseVersions.version));
    expect(versions).toEqual([
      { version: 1, kind: "save" },
      { version: 2, kind: "save" },
      { version: 3, kind: "autosave" },
    ]);
    expect((await auditActions(id)).map((e) => e.action)).toEqual(["case.create", "case.save", "case.autosave"]);
    expect((await row(id)).title).toBe("自动保存的标题");
  });

  it("without JavaScript, a save redirects back to the edit page (post/redirect/get)", async () => {
    const id = await createDraft();
    const result = await save("beijing", id, complete({ title: "无脚本保存" }), { intent: "save", baseVersion: "1" });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/cases/${id}/edit?saved=2`);
    expect(result.headers.get("Set-Cookie")).toMatch(/^pilot_flash=/);
  });

  it("keeps bold marks of paragraphs whose text did not change", async () => {
    const id = await createDraft();
    await save("beijing", id, complete({ title: "改了标题" }), { intent: "save", js: "1", baseVersion: "1" });
    const stored = await storedContent(id);
    expect(stored?.practices.items[0].body[0]).toEqual({ type: "paragraph", text: { text: "北京朝阳区积极申请支持，率先实现公证文书电子化流转。", marks: [{ start: 0, end: 5 }] } });
  });

  it("stores HTML and script tags as text", async () => {
    const id = await createDraft();
    const html = complete({ title: "<script>alert(1)</script>", intro: [{ text: '<img src=x onerror="alert(1)">导语' }] });
    const result = await save("beijing", id, html, { intent: "save", js: "1", baseVersion: "1" });
    expect((result.data as EditorReply).kind).toBe("saved");
    const stored = await storedContent(id);
    expect(stored?.title).toBe("<script>alert(1)</script>");
    expect(stored?.intro[0].text).toBe('<img src=x onerror="alert(1)">导语');
  });
});

describe("version conflicts: never a silent overwrite", () => {
  it("of two saves from the same version, the second gets 409 with both versions, and the first's content stays", async () => {
    const id = await createDraft();
    const tab1 = await save("beijing", id, complete({ title: "第一个标签页的标题" }), { intent: "save", js: "1", baseVersion: "1" });
    expect(tab1.status).toBe(200);
    const tab2 = await save("beijing", id, complete({ title: "第二个标签页的标题" }), { intent: "save", js: "1", baseVersion: "1" });
    expect(tab2.status).toBe(409);
    const reply = tab2.data as Extract<EditorReply, { kind: "conflict" }>;
    expect(reply.kind).toBe("conflict");
    expect(reply.serverVersion).toBe(2);
    expect(reply.theirs.title).toBe("第一个标签页的标题");
    expect(reply.values.title).toBe("第二个标签页的标题");
    expect(reply.updatedByName).toBe("北京市填报人");
    expect((await storedContent(id))?.title).toBe("第一个标签页的标题");
  });

  it("an autosave against a newer version does not overwrite either", async () => {
    const id = await createDraft();
    await save("beijing", id, complete({ title: "明确保存的内容" }), { intent: "save", js: "1", baseVersion: "1" });
    const auto = await save("beijing", id, complete({ title: "过时的自动保存" }), { intent: "autosave", js: "1", baseVersion: "1" });
    expect(auto.status).toBe(409);
    expect((auto.data as EditorReply).kind).toBe("conflict");
    expect((await storedContent(id))?.title).toBe("明确保存的内容");
    expect((await row(id)).version).toBe(2);
  });

  it("a save whose content the case already holds is not a conflict (another tab saved the same words)", async () => {
    const id = await createDraft();
    await save("beijing", id, complete({ title: "两个标签页相同的内容" }), { intent: "save", js: "1", baseVersion: "1" });
    const same = await save("beijing", id, complete({ title: "两个标签页相同的内容" }), { intent: "autosave", js: "1", baseVersion: "1" });
    expect(same.status).toBe(200);
    expect(same.data).toMatchObject({ kind: "saved", version: 2, unchanged: true });
  });

  it("saving again on top of the server's version is a deliberate overwrite, audited as such", async () => {
    const id = await createDraft();
    await save("beijing", id, complete({ title: "他人的版本" }), { intent: "save", js: "1", baseVersion: "1" });
    const result = await save("beijing", id, complete({ title: "我的版本" }), { intent: "overwrite:2", js: "1", baseVersion: "1" });
    expect(result.data).toMatchObject({ kind: "saved", version: 3 });
    expect((await storedContent(id))?.title).toBe("我的版本");
    const last = (await auditActions(id)).at(-1);
    expect(last).toMatchObject({ action: "case.save", after: { version: 3, overwrote: true } });
    // an overwrite naming a version that is no longer current conflicts again
    const stale = await save("beijing", id, complete({ title: "再次覆盖" }), { intent: "overwrite:2", js: "1", baseVersion: "1" });
    expect(stale.status).toBe(409);
  });
});

describe("who may read and write a draft", () => {
  it("a Shanghai submitter can neither open nor save a Beijing draft", async () => {
    const id = await createDraft(complete({ regions: [] }));
    const context = await as("shanghai");
    expect((await run(() => editLoader({ request: get(`/cases/${id}/edit`), context, params: { caseId: id } }))).status).toBe(403);
    const write = await save("shanghai", id, complete({ title: "上海改写" }), { intent: "save", js: "1", baseVersion: "1" });
    expect(write.status).toBe(403);
    expect((await storedContent(id))?.title).toBe("深化外资企业注册登记便利化改革");
  });

  it("a participating region reads but does not edit", async () => {
    const id = await createDraft(complete({ regions: ["shanghai"] }));
    const context = await as("shanghai");
    const page = await run(() => editLoader({ request: get(`/cases/${id}/edit`), context, params: { caseId: id } }));
    expect(page.status).toBe(403);
    expect((page.data as { message: string }).message).toBe("只有牵头地区的填报人员可以编辑该案例。");
  });

  it("a reviewer cannot edit", async () => {
    const id = await createDraft();
    const context = await as("reviewer");
    expect((await run(() => editLoader({ request: get(`/cases/${id}/edit`), context, params: { caseId: id } }))).status).toBe(403);
    expect((await save("reviewer", id, complete({ title: "审核人改写" }), { intent: "save", js: "1", baseVersion: "1" })).status).toBe(403);
  });

  it("an unknown case is a 404", async () => {
    const context = await as("beijing");
    expect((await run(() => editLoader({ request: get("/cases/nope/edit"), context, params: { caseId: "nope" } }))).status).toBe(404);
  });
});

describe("submitting for review", () => {
  it("saves the changes and moves the case to submitted; then nobody edits it", async () => {
    const id = await createDraft();
    const result = await save("beijing", id, complete({ title: "提交审核的标题" }), { intent: "submit", baseVersion: "1" });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/cases/${id}`);
    const r = await row(id);
    expect(r.state).toBe("submitted");
    expect((await storedContent(id))?.title).toBe("提交审核的标题");
    const kinds = await getDb().select({ kind: caseVersions.kind }).from(caseVersions).where(eq(caseVersions.caseId, id)).orderBy(asc(caseVersions.version));
    expect(kinds.map((k) => k.kind)).toEqual(["save", "save", "submission"]);
    expect((await auditActions(id)).map((e) => e.action)).toEqual(["case.create", "case.save", "case.submit"]);

    for (const username of ["beijing", "reviewer", "shanghai"]) {
      const context = await as(username);
      expect((await run(() => editLoader({ request: get(`/cases/${id}/edit`), context, params: { caseId: id } }))).status).toBe(403);
      expect((await save(username, id, complete({ title: "提交后改写" }), { intent: "save", js: "1", baseVersion: String(r.version) })).status).toBe(403);
    }
    const context = await as("beijing");
    const page = await run(() => editLoader({ request: get(`/cases/${id}/edit`), context, params: { caseId: id } }));
    expect((page.data as { message: string }).message).toBe("该案例当前状态为“已提交”，不能修改内容。");
  });

  it("creating and submitting at once works too", async () => {
    const context = await as("beijing");
    const result = await run(() => newAction({ request: formPost("/cases/new", contentToFormValues(complete({ title: "直接提交的案例" })), { intent: "submit" }), context, params: {} }));
    expect(result.status).toBe(302);
    const id = /^\/cases\/([^/]+)$/.exec(result.location ?? "")?.[1];
    expect((await row(id!)).state).toBe("submitted");
  });

  it("refuses an incomplete case with 400, Chinese field errors and the values echoed; nothing is saved", async () => {
    const id = await createDraft(complete({ effects: { heading: "实践效果", items: [] } }));
    const values = contentToFormValues(complete({ title: "尚未写完效果", effects: { heading: "实践效果", items: [] } }));
    const result = await save("beijing", id, values, { intent: "submit", baseVersion: "1" });
    expect(result.status).toBe(400);
    const reply = result.data as Extract<EditorReply, { kind: "invalid" }>;
    expect(reply.errors).toEqual({ "effects.items": "实践效果至少需要 1 条" });
    expect(reply.message).toBe("尚未提交：请补全或修改以下内容后再提交审核。");
    expect(reply.values.title).toBe("尚未写完效果");
    expect(reply.baseVersion).toBe(1);
    expect(await row(id)).toMatchObject({ state: "draft", version: 1 });
  });
});

describe("bad input: a clear Chinese message, a 4xx, and the draft intact", () => {
  it("over-long fields and too many items → 400 with errors at the fields", async () => {
    const id = await createDraft();
    const values = contentToFormValues(complete());
    values.title = "很".repeat(41);
    values.practices.items = Array.from({ length: 9 }, () => structuredClone(values.practices.items[0]));
    values.intro[0].text = "含控制字符\u0001的导语";
    const result = await save("beijing", id, values, { intent: "save", js: "1", baseVersion: "1" });
    expect(result.status).toBe(400);
    expect((result.data as Extract<EditorReply, { kind: "invalid" }>).errors).toMatchObject({
      title: "标题不能超过 40 个字",
      "practices.items": "主要做法不能超过 8 条",
      "intro.0.text": "导语段落不能包含控制字符（换行和制表符除外）",
    });
    expect((await row(id)).version).toBe(1);
  });

  it("a category or participating region that does not exist → 400 at the field", async () => {
    const id = await createDraft();
    const values = contentToFormValues(complete());
    values.category = "no-such-category";
    values.regions = ["atlantis"];
    const result = await save("beijing", id, values, { intent: "save", js: "1", baseVersion: "1" });
    expect(result.status).toBe(400);
    expect((result.data as Extract<EditorReply, { kind: "invalid" }>).errors).toMatchObject({ category: "请选择有效的案例类别", regions: "参与地区无效，请重新选择" });
  });

  it("a malformed post → 400 and a Chinese message", async () => {
    const id = await createDraft();
    const context = await as("beijing");
    const result = await run(() =>
      editAction({ request: postEntries(`/cases/${id}/edit`, [["intent", "save"], ["baseVersion", "1"], ["practices.items.5000.heading", "x"]]), context, params: { caseId: id } }),
    );
    expect(result.status).toBe(400);
    expect((result.data as { message: string }).message).toMatch(/表单数据格式无效/);
    const noVersion = await save("beijing", id, complete(), { intent: "save", js: "1" });
    expect(noVersion.status).toBe(400);
    const unknownIntent = await save("beijing", id, complete(), { intent: "delete", baseVersion: "1" });
    expect(unknownIntent.status).toBe(400);
  });

  it("a post over 1 MB → 413, whether its size is declared or not, and nothing changes", async () => {
    const id = await createDraft();
    const context = await as("beijing");
    const big = "很".repeat(400_000); // 1.2 MB in UTF-8, ~3.6 MB URL-encoded
    const entries: [string, string][] = [["intent", "save"], ["baseVersion", "1"], ["title", "x"], ["intro.0.text", big]];
    const body = new URLSearchParams(entries).toString();
    const declared = await run(() =>
      editAction({ request: postEntries(`/cases/${id}/edit`, entries, { "Content-Length": String(Buffer.byteLength(body)) }), context, params: { caseId: id } }),
    );
    expect(declared.status).toBe(413);
    expect((declared.data as { message: string }).message).toMatch(/提交的内容过大（上限 1 MB）/);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body));
        controller.close();
      },
    });
    const undeclared = new Request(`${BASE}/cases/${id}/edit`, {
      method: "POST",
      body: stream,
      headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    expect((await run(() => editAction({ request: undeclared, context, params: { caseId: id } }))).status).toBe(413);
    expect((await row(id)).version).toBe(1);
  });
});

describe("paste to fill and structure changes without JavaScript: nothing is saved", () => {
  it("paste fills the form from a whole case and says what it recognised", async () => {
    const id = await createDraft();
    const text = [
      "探索“数智化”在线司法解纷新模式",
      "",
      "杭州积极探索在线司法解纷新模式，取得积极成效。",
      "",
      "一、主要做法",
      "（一）建设在线平台。",
      "**一是建设平台**。杭州建设在线平台。**二是完善机制**。完善相关机制。",
      "二、实践效果",
      "（一）效率提升。",
      "解纷效率显著提升。",
      "三、下一步创新方向",
      "持续深化改革。",
    ].join("\n");
    const values = contentToFormValues(complete());
    const context = await as("beijing");
    const result = await run(() => editAction({ request: formPost(`/cases/${id}/edit`, values, { intent: "paste", js: "1", baseVersion: "1", pasteText: text }), context, params: { caseId: id } }));
    expect(result.status).toBe(200);
    const reply = result.data as Extract<EditorReply, { kind: "pasted" }>;
    expect(reply.kind).toBe("pasted");
    expect(reply.values.title).toBe("探索“数智化”在线司法解纷新模式");
    expect(reply.values.leadRegion).toBe("beijing");
    expect(reply.values.category).toBe("institutional-innovation");
    expect(reply.recognised).toEqual(expect.arrayContaining(["标题：探索“数智化”在线司法解纷新模式", "主要做法 1 条"]));
    expect(reply.values.practices.items[0].body[0].type).toBe("points");
    expect((await row(id)).version).toBe(1);

    const empty = await run(() => editAction({ request: formPost(`/cases/${id}/edit`, values, { intent: "paste", baseVersion: "1", pasteText: "  " }), context, params: { caseId: id } }));
    expect(empty.status).toBe(400);
    expect((empty.data as { message: string }).message).toBe("请先粘贴案例全文。");
  });

  it("an add / move button re-renders the form with the change and the values kept", async () => {
    const id = await createDraft();
    const values = contentToFormValues(complete());
    values.title = "尚未保存的标题";
    const added = await save("beijing", id, values, { intent: "op:add:practices.items", baseVersion: "1" });
    expect(added.status).toBe(200);
    const reply = added.data as Extract<EditorReply, { kind: "restructured" }>;
    expect(reply.values.practices.items).toHaveLength(2);
    expect(reply.values.title).toBe("尚未保存的标题");
    expect(reply.focus).toBe("practices.items.1");
    reply.values.practices.items[1].heading = "第二条";
    const moved = await save("beijing", id, reply.values, { intent: "op:up:practices.items.1", baseVersion: "1" });
    expect((moved.data as Extract<EditorReply, { kind: "restructured" }>).values.practices.items.map((i) => i.heading)).toEqual([
      "第二条",
      "实现公文书电子化流转和线上查验。",
    ]);
    expect((await row(id)).version).toBe(1);
    const forged = await save("beijing", id, values, { intent: "op:remove:practices.items.7", baseVersion: "1" });
    expect(forged.status).toBe(400);
  });
});

describe("the edit page's data", () => {
  it("gives the form values, the version to start from and the user's own regions as lead choices", async () => {
    const id = await createDraft();
    const context = await as("beijing");
    const page = await run(() => editLoader({ request: get(`/cases/${id}/edit`), context, params: { caseId: id } }));
    const data = page.data as { version: number; values: CaseFormValues; options: { ownRegions: { code: string }[]; categories: { code: string }[] } };
    expect(data.version).toBe(1);
    expect(data.values.practices.items[0].heading).toBe("实现公文书电子化流转和线上查验。");
    expect(data.options.ownRegions.map((r) => r.code)).toEqual(["beijing"]);
    expect(data.options.categories.map((c) => c.code)).toEqual(["industry-ecosystem", "international-cooperation", "institutional-innovation"]);
    const stored = await getDb().select({ n: caseVersions.version }).from(caseVersions).where(and(eq(caseVersions.caseId, id)));
    expect(stored).toHaveLength(1);
  });
});
