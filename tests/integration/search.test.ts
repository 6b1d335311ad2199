/**
 * Search as its users see it (the /search loader on the seeded third batch, on the run's engine):
 * the case's own punctuation in snippets, every term marked, title and passage apart, an exact
 * count, filters that narrow, pages that add up, and never a case the user may not read.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { caseRegions, cases, caseSearch } from "#db/schema";
import { getDb } from "~/db/db.server";
import { getCaseContent, insertCase } from "~/cases/cases.server";
import { caseContentSchema } from "~/cases/content";
import { loader as searchLoader } from "~/routes/search";
import { readableBlocks } from "~/search/search-text";
import type { SearchHit } from "~/search/params";
import type { Segment } from "~/search/snippets";
import { useTestDatabase } from "../support/database";
import { contextFor, get, run } from "../support/requests";

await useTestDatabase();

type Hit = SearchHit;
type Data = {
  message: string | null;
  options: { states: string[]; batches: number[]; regions: { code: string; name: string }[]; categories: { code: string; name: string }[] };
  result: { hits: Hit[]; total: number; capped: boolean; pages: number } | null;
};

async function search(username: string, params: Record<string, string>) {
  const answer = await run(async () => searchLoader({ request: get(`/search?${new URLSearchParams(params)}`), context: await contextFor(username), params: {} }));
  return { status: answer.status, location: answer.location, ...(answer.data as Data) };
}

async function hitsOf(username: string, params: Record<string, string>) {
  const { result } = await search(username, params);
  expect(result).not.toBeNull();
  return result!;
}

const text = (segments: Segment[]) => segments.map((s) => s.text).join("");
const marked = (segments: Segment[]) => segments.filter((s) => s.hit).map((s) => s.text);

/** The cases whose indexed text holds every term, by a plain scan: what the count must say. */
async function expectedIds(terms: string[], where: (row: { state: string; leadRegion: string; categoryCode: string; batchId: number | null; regions: string[] }) => boolean) {
  const rows = await getDb().select({ id: cases.id, state: cases.state, leadRegion: cases.leadRegion, categoryCode: cases.categoryCode, batchId: cases.batchId, body: caseSearch.body }).from(cases).innerJoin(caseSearch, eq(caseSearch.caseId, cases.id));
  const participants = await getDb().select().from(caseRegions);
  return rows
    .filter((r) => terms.every((t) => r.body.includes(t)))
    .filter((r) => where({ ...r, regions: participants.filter((p) => p.caseId === r.id).map((p) => p.regionCode) }))
    .map((r) => r.id)
    .sort();
}

describe("Chinese search", () => {
  it("finds a two-character word, the title marked and the passage apart from it", async () => {
    const { hits } = await hitsOf("reviewer", { q: "离岸" });
    const hit = hits.find((h) => h.title === "破解分流监管难题 推动离岸贸易高质量发展")!;
    expect(hit).toBeDefined();
    expect(marked(hit.titleSegments)).toEqual(["离岸"]);
    expect(text(hit.titleSegments)).toBe(hit.title);
    expect(marked(hit.snippet).length).toBeGreaterThan(0);
    expect(marked(hit.snippet).every((m) => m === "离岸")).toBe(true);
    // The passage is the case's text, not its title run into it.
    expect(text(hit.snippet).startsWith(hit.title)).toBe(false);
  });

  it("shows the case's own text in the snippet: full-width punctuation kept, verbatim", async () => {
    const { hits } = await hitsOf("reviewer", { q: "离岸贸易" });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const [row] = await getDb().select({ version: cases.version }).from(cases).where(eq(cases.id, hit.id));
      const content = await getCaseContent(getDb(), hit.id, row!.version);
      const original = readableBlocks(content!).slice(1).join(" ");
      const passage = text(hit.snippet).replace(/^…|…$/g, "");
      expect(original, hit.title).toContain(passage);
      expect(passage).not.toMatch(/[,;:!?]/);
    }
    expect(hits.some((h) => /[，。、“”]/.test(text(h.snippet)))).toBe(true);
  });

  it("matches what was typed with half-width punctuation and marks the original full-width text", async () => {
    const { hits } = await hitsOf("reviewer", { q: "贸易发展,发展新型" });
    expect(hits.map((h) => h.title)).toContain("破解分流监管难题 推动离岸贸易高质量发展");
    expect(marked(hits[0]!.snippet)).toContain("贸易发展，发展新型");
  });

  it("finds a four-character phrase, and only where it occurs", async () => {
    const { hits, total } = await hitsOf("shanghai", { q: "港澳药械" });
    expect(hits.map((h) => h.title)).toEqual(["探索粤港澳大湾区医疗融合新模式"]);
    expect(total).toBe(1);
    expect(marked(hits[0]!.snippet)).toContain("港澳药械");
  });

  it("matches across a line break in the source and folds full-width letters", async () => {
    const { hits } = await hitsOf("admin", { q: "ＣＥＮＩ" });
    expect(hits.map((h) => h.title)).toContain("创新科技研发和成果转化生态体系");
  });

  it("takes words separated by spaces as terms that must all occur, and marks each", async () => {
    const { hits, total } = await hitsOf("reviewer", { q: "离岸 平台" });
    expect(hits.map((h) => h.id).sort()).toEqual(await expectedIds(["离岸", "平台"], (r) => r.state !== "draft"));
    expect(total).toBe(hits.length);
    const words = new Set(hits.flatMap((h) => marked(h.snippet)));
    expect(words.has("离岸") || words.has("平台")).toBe(true);
  });

  it("counts exactly the readable cases containing the term, and the pages add up to it", async () => {
    // The third batch has ten cases: fifteen submitted ones more make two pages of twenty.
    const [template] = await getDb().select().from(cases).limit(1);
    const content = await getCaseContent(getDb(), template!.id, 1);
    for (let i = 0; i < 15; i++) {
      const copy = caseContentSchema.parse({ ...content, title: `分页测试案例第${i + 1}号`, leadRegion: "shanghai", regions: [] });
      await getDb().transaction((tx) => insertCase(tx, { content: copy, state: "submitted", createdBy: null, kind: "submission" }));
    }
    const expected = await expectedIds(["发展"], (r) => r.state !== "draft");
    expect(expected.length).toBeGreaterThan(20); // more than one page
    const first = await hitsOf("reviewer", { q: "发展" });
    expect(first.total).toBe(expected.length);
    expect(first.capped).toBe(false);
    expect(first.pages).toBe(Math.ceil(expected.length / 20));
    expect(first.hits).toHaveLength(20);
    const seen = [...first.hits.map((h) => h.id)];
    for (let page = 2; page <= first.pages; page++) seen.push(...(await hitsOf("reviewer", { q: "发展", page: String(page) })).hits.map((h) => h.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(expected);
  });

  it("sends a page past the last to the last page, keeping the query and filters", async () => {
    const category = (await search("reviewer", {})).options.categories[0]!.code;
    const answer = await search("reviewer", { q: "发展", category, page: "40" });
    const last = (await hitsOf("reviewer", { q: "发展", category })).pages;
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`/search?${new URLSearchParams({ q: "发展", category, ...(last > 1 ? { page: String(last) } : {}) })}`);
  });

  it("narrows by region (lead or participating), category and batch, each hit showing them", async () => {
    const all = await hitsOf("reviewer", { q: "发展" });
    const regions = (await search("reviewer", {})).options.regions;
    const beijing = regions.find((r) => r.code === "beijing")!;
    const inBeijing = await hitsOf("reviewer", { q: "发展", region: "beijing" });
    expect(inBeijing.total).toBeLessThan(all.total);
    expect(inBeijing.total).toBe((await expectedIds(["发展"], (r) => r.state !== "draft" && (r.leadRegion === "beijing" || r.regions.includes("beijing")))).length);
    for (const hit of inBeijing.hits) expect([hit.leadRegionName, ...hit.participantNames]).toContain(beijing.name);

    const { categories } = (await search("reviewer", {})).options;
    const category = categories[0]!;
    const inCategory = await hitsOf("reviewer", { q: "发展", category: category.code });
    expect(inCategory.total).toBe((await expectedIds(["发展"], (r) => r.state !== "draft" && r.categoryCode === category.code)).length);
    expect(inCategory.hits.every((h) => h.categoryName === category.name)).toBe(true);

    const inBatch = await hitsOf("reviewer", { q: "发展", batch: "3" });
    expect(inBatch.total).toBe((await expectedIds(["发展"], (r) => r.state === "published")).length);
    expect(inBatch.hits.every((h) => h.batchNumber === 3 && h.state === "published")).toBe(true);
    const unbatched = await hitsOf("reviewer", { q: "发展", batch: "none" });
    expect(unbatched.total).toBe((await expectedIds(["发展"], (r) => r.state !== "draft" && r.batchId === null)).length);
    expect(unbatched.hits.every((h) => h.batchNumber === null)).toBe(true);
  });

  it("asks for at least two characters, in Chinese", async () => {
    expect((await search("admin", { q: "港" })).message).toBe("请至少输入 2 个字。");
    expect((await search("admin", { q: "离岸 港" })).message).toBe("关键词“港”太短：每个关键词至少 2 个字。");
  });

  it("never shows a case the user may not read, and filters by state within what they may read", async () => {
    const [template] = await getDb().select().from(cases).limit(1);
    const content = await getCaseContent(getDb(), template!.id, 1);
    const draft = caseContentSchema.parse({ ...content, title: "北京草稿独有标题词", leadRegion: "beijing", regions: [] });
    await getDb().transaction((tx) => insertCase(tx, { content: draft, state: "draft", createdBy: null, kind: "save" }));
    expect((await hitsOf("beijing", { q: "独有标题" })).hits).toHaveLength(1);
    expect((await hitsOf("shanghai", { q: "独有标题" })).hits).toHaveLength(0);
    expect((await hitsOf("reviewer", { q: "独有标题" })).hits).toHaveLength(0);

    const beijingDrafts = await hitsOf("beijing", { q: "独有标题", state: "draft", batch: "none" });
    expect(beijingDrafts.hits.map((h) => [h.title, h.state, h.batchNumber])).toEqual([["北京草稿独有标题词", "draft", null]]);
    expect((await hitsOf("beijing", { q: "独有标题", state: "published" })).total).toBe(0);
    // A reviewer is not offered 草稿, and asking for it anyway filters nothing in.
    const reviewer = await search("reviewer", { q: "独有标题", state: "draft" });
    expect(reviewer.options.states).not.toContain("draft");
    expect(reviewer.result!.total).toBe(0);
    const [row] = await getDb().select().from(cases).where(eq(cases.title, "北京草稿独有标题词"));
    expect(row!.state).toBe("draft");
  });

  it("ignores well-formed filter values that do not exist, and answers malformed ones with a 400 in Chinese", async () => {
    const plain = await hitsOf("reviewer", { q: "离岸" });
    const odd = await hitsOf("reviewer", { q: "离岸", region: "atlantis", category: "x", batch: "9999" });
    expect(odd.total).toBe(plain.total);
    for (const junk of [{ state: "nope" }, { batch: "99999" }, { page: "abc" }, { region: "<x>" }, { q: "离\u0000岸" }] as Record<string, string>[]) {
      const answer = await search("reviewer", { q: "离岸", ...junk });
      expect(answer.status, JSON.stringify(junk)).toBe(400);
      expect(answer.message).toMatch(/参数.*无效/);
    }
  });
});
