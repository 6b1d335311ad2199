import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { cases, users } from "#db/schema";
import { insertCase } from "~/cases/cases.server";
import type { CaseContent } from "~/cases/content";
import type { CaseListRow } from "~/cases/list.server";
import { getDb, rowsOf } from "~/db/db.server";
import { loader as listLoader } from "~/routes/cases._index";
import { useTestDatabase } from "../support/database";
import { walkPages } from "../support/keyset";
import { contextFor, get, run } from "../support/requests";

await useTestDatabase();

type ListData = { rows: CaseListRow[]; hasMore: boolean; hasPrevious: boolean; firstCursor: string | null; lastCursor: string | null; canCreate: boolean };

async function list(username: string, query = "") {
  const context = await contextFor(username);
  const result = await run(() => listLoader({ request: get(`/cases${query}`), context, params: {} }));
  return { status: result.status, data: result.data as ListData };
}

function content(title: string, leadRegion: string, regions: string[] = [], category = "industry-ecosystem"): CaseContent {
  return {
    templateId: "bulletin-v1",
    title,
    category,
    leadRegion,
    regions,
    intro: [{ text: "" }],
    practices: { items: [] },
    effects: { heading: "实践效果", items: [] },
    nextSteps: { heading: "下一步创新方向", kind: "paragraph", text: { text: "" } },
  };
}

async function userId(username: string) {
  const [u] = await getDb().select({ id: users.id }).from(users).where(eq(users.username, username));
  return u.id;
}

async function draft(title: string, leadRegion: string, regions: string[] = [], by = "beijing", category?: string) {
  const createdBy = await userId(by);
  return getDb().transaction((tx) => insertCase(tx, { content: content(title, leadRegion, regions, category), state: "draft", createdBy, kind: "save" }));
}

describe("本地区案例", () => {
  it("lists the cases the user's region leads or participates in, with who changed them last", async () => {
    await draft("北京牵头的草稿", "beijing");
    await draft("上海牵头、北京参与的草稿", "shanghai", ["beijing"], "shanghai");
    await draft("上海自己的草稿", "shanghai", [], "shanghai");
    const { status, data } = await list("beijing");
    expect(status).toBe(200);
    const titles = data.rows.map((r) => r.title);
    expect(titles).toContain("北京牵头的草稿");
    expect(titles).toContain("上海牵头、北京参与的草稿");
    expect(titles).not.toContain("上海自己的草稿");
    // the third batch, as imported: Beijing leads case 1 and takes part in case 6; case 2 is Nanjing's alone
    expect(titles).toContain("优化文化服务供给模式和协同治理体系");
    expect(titles).toContain("创新跨区域物流通关模式 助力区域开放合作");
    expect(titles).not.toContain("创新科技研发和成果转化生态体系");

    const own = data.rows.find((r) => r.title === "北京牵头的草稿")!;
    expect(own).toMatchObject({ state: "draft", categoryName: "产业生态体系建设", leadRegionName: "北京市", updatedByName: "北京市填报人", lead: true, canEdit: true });
    const joined = data.rows.find((r) => r.title === "上海牵头、北京参与的草稿")!;
    expect(joined).toMatchObject({ lead: false, canEdit: false, leadRegionName: "上海市", updatedByName: "上海市填报人" });
    const published = data.rows.find((r) => r.title === "优化文化服务供给模式和协同治理体系")!;
    expect(published).toMatchObject({ state: "published", canEdit: false });
    expect(data.canCreate).toBe(true);

    const shanghai = await list("shanghai");
    expect(shanghai.data.rows.map((r) => r.title)).not.toContain("北京牵头的草稿");
  });

  it("shows the newest change first", async () => {
    const id = await draft("较早的草稿", "beijing");
    await draft("较新的草稿", "beijing");
    await getDb().update(cases).set({ updatedAt: new Date(Date.now() + 60_000) }).where(eq(cases.id, id));
    const { data } = await list("beijing");
    expect(data.rows[0].title).toBe("较早的草稿");
    const times = data.rows.map((r) => new Date(r.updatedAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("filters by state and category, ignoring values it does not know", async () => {
    await draft("体制机制类草稿", "beijing", [], "beijing", "institutional-innovation");
    const drafts = await list("beijing", "?state=draft");
    expect(drafts.data.rows.length).toBeGreaterThan(0);
    expect(drafts.data.rows.every((r) => r.state === "draft")).toBe(true);
    const category = await list("beijing", "?state=draft&category=institutional-innovation");
    expect(category.data.rows.map((r) => r.title)).toEqual(["体制机制类草稿"]);
    const none = await list("beijing", "?state=withdrawn");
    expect(none.data.rows).toEqual([]);
    // A category of the right form that does not exist is ignored; a malformed parameter is a 400 (issue #13).
    const unknown = await list("beijing", "?category=no-such-category");
    expect(unknown.status).toBe(200);
    expect(unknown.data.rows.length).toBe((await list("beijing")).data.rows.length);
    for (const junk of ["?state=<script>", "?category=x%00", "?page=-3", "?page=99999"]) expect((await list("beijing", junk)).status, junk).toBe(400);
  });

  it("pages by 50", async () => {
    for (let i = 0; i < 52; i++) await draft(`批量草稿 ${i}`, "beijing", [], "beijing", "international-cooperation");
    const first = await list("beijing", "?category=international-cooperation");
    expect(first.data.rows).toHaveLength(50);
    expect(first.data.hasMore).toBe(true);
    const second = await list("beijing", "?category=international-cooperation&page=2");
    const seen = new Set([...first.data.rows, ...second.data.rows].map((r) => r.id));
    expect(seen.size).toBe(first.data.rows.length + second.data.rows.length);
    expect(second.data.hasMore).toBe(false);
  });

  it("walks deep pages by cursor (no OFFSET): every case once, in order, also when cases are added between pages", async () => {
    for (let i = 0; i < 110; i++) await draft(`翻页草稿 ${i}`, "beijing");
    // Ties in the sort key: the cursor's id breaks them.
    await getDb().execute(sql`update ${cases} set updated_at = date_trunc('second', updated_at) where title like '翻页草稿%'`);
    const expectedIds = rowsOf<{ id: string }>(
      await getDb().execute(
        sql`select id from ${cases} c where c.lead_region = 'beijing' or exists (select 1 from case_regions r where r.case_id = c.id and r.region_code = 'beijing') order by c.updated_at desc, c.id`,
      ),
    ).map((r) => r.id);
    expect(expectedIds.length).toBeGreaterThan(110);
    const walk = (between?: () => Promise<unknown>) =>
      walkPages(async (query) => {
        const { status, data } = await list("beijing", query);
        expect(status).toBe(200);
        return data;
      }, between);
    const plain = await walk();
    expect(plain.pages.flat()).toEqual(expectedIds);
    expect(plain.pages.length).toBeGreaterThanOrEqual(3);

    // Back from the last page by `before=`: the same pages in reverse.
    const back: string[][] = [];
    let data = plain.last;
    for (let page = plain.page; data.hasPrevious; page--) {
      const previous = await list("beijing", page - 1 > 1 ? `?page=${page - 1}&before=${encodeURIComponent(data.firstCursor!)}` : "");
      data = previous.data;
      back.unshift(data.rows.map((r) => r.id));
      if (page - 1 === 1) break;
    }
    expect(back).toEqual(plain.pages.slice(0, -1));

    // New cases go to the top while someone pages on: the walk still sees every earlier case once.
    let added = 0;
    const busy = await walk(() => draft(`翻页时新增 ${added++}`, "beijing"));
    expect(busy.pages.flat()).toEqual(expectedIds);
  });

  it("refuses a malformed cursor with a Chinese 400", async () => {
    for (const bad of ["after=abc", "after=1,not-an-id", "before=%00", `after=${"9".repeat(30)},00000000-0000-0000-0000-000000000000`]) {
      const result = await run(async () => listLoader({ request: get(`/cases?page=2&${bad}`), context: await contextFor("beijing"), params: {} }));
      expect(result.status, bad).toBe(400);
      expect(JSON.stringify(result.data), bad).toMatch(/网址中的参数“(after|before)”无效/);
    }
  });

  it("is for submitters: reviewers, publishers and admins have their own pages", async () => {
    for (const username of ["reviewer", "publisher", "admin"]) expect((await list(username)).status).toBe(403);
    const anonymous = await run(async () => listLoader({ request: get("/cases"), context: await contextFor(null), params: {} }));
    expect(anonymous.status).toBe(302);
  });
});
