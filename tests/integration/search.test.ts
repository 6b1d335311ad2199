import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { cases } from "#db/schema";
import { getDb } from "~/db/db.server";
import { insertCase } from "~/cases/cases.server";
import { caseContentSchema } from "~/cases/content";
import { getCaseContent } from "~/cases/cases.server";
import { loader as searchLoader } from "~/routes/search";
import { useTestDatabase } from "../support/database";
import { contextFor, get, run } from "../support/requests";

await useTestDatabase();

async function search(username: string, q: string) {
  const result = await run(async () => searchLoader({ request: get(`/search?q=${encodeURIComponent(q)}`), context: await contextFor(username), params: {} }));
  return result.data as { hits: { title: string; snippet: string }[]; message: string | null };
}

describe("Chinese search", () => {
  it("finds a two-character word", async () => {
    const { hits } = await search("reviewer", "离岸");
    expect(hits.map((h) => h.title)).toContain("破解分流监管难题 推动离岸贸易高质量发展");
    expect(hits[0].snippet).toContain("离岸");
  });

  it("finds a four-character phrase, and only where it occurs", async () => {
    const { hits } = await search("shanghai", "港澳药械");
    expect(hits.map((h) => h.title)).toEqual(["探索粤港澳大湾区医疗融合新模式"]);
  });

  it("matches across a line break in the source and folds full-width letters", async () => {
    expect((await search("admin", "ＣＥＮＩ")).hits.map((h) => h.title)).toContain("创新科技研发和成果转化生态体系");
  });

  it("asks for at least two characters", async () => {
    expect((await search("admin", "港")).message).toBe("请至少输入 2 个字。");
  });

  it("never shows a case the user may not read", async () => {
    const [template] = await getDb().select().from(cases).limit(1);
    const content = await getCaseContent(getDb(), template.id, 1);
    const draft = caseContentSchema.parse({ ...content, title: "北京草稿独有标题词", leadRegion: "beijing", regions: [] });
    await getDb().transaction((tx) => insertCase(tx, { content: draft, state: "draft", createdBy: null, kind: "save" }));
    expect((await search("beijing", "独有标题")).hits).toHaveLength(1);
    expect((await search("shanghai", "独有标题")).hits).toHaveLength(0);
    expect((await search("reviewer", "独有标题")).hits).toHaveLength(0);
    const [row] = await getDb().select().from(cases).where(eq(cases.title, "北京草稿独有标题词"));
    expect(row.state).toBe("draft");
  });
});
