import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { batches, cases, caseVersions, users } from "#db/schema";
import { getDb, queryStats } from "~/db/db.server";
import { createDraft, saveRevision } from "./review-fixtures";
import { insertCase } from "~/cases/cases.server";
import type { CaseContent } from "~/cases/content";
import { aidCounts, reviewerAidsForCase } from "~/aids/aids.server";
import { batchNearDuplicates, similarCases } from "~/aids/similarity.server";
import { getBatchByNumber } from "~/bulletin/bulletins.server";
import { useTestDatabase } from "../support/database";

await useTestDatabase();

const reviewer = { id: "reviewer", roles: ["reviewer" as const], regions: [] };
async function userId(username: string) {
  const [u] = await getDb().select({ id: users.id }).from(users).where(eq(users.username, username));
  return u.id;
}
async function published(title: string) {
  const [c] = await getDb()
    .select({ id: cases.id, content: caseVersions.content })
    .from(cases)
    .innerJoin(caseVersions, eq(caseVersions.caseId, cases.id))
    .where(eq(cases.title, title));
  return { id: c.id, content: c.content as CaseContent };
}

/** A light edit: a new title, one sentence of the intro changed, one sentence added. */
function lightlyEdited(content: CaseContent, leadRegion: string): CaseContent {
  const copy = structuredClone(content);
  copy.title = `${content.title}（修订稿）`;
  copy.intro[0] = { text: copy.intro[0].text.replace(/。/, "，并在此基础上进一步完善。") + "今年以来，工作持续推进。" };
  copy.leadRegion = leadRegion;
  copy.regions = [];
  return copy;
}

describe("similarity", () => {
  it("shows the published case first with score ≥ 0.8 for a lightly edited copy, and neighbouring cases < 0.5", async () => {
    const original = await published("构建医疗资源和数据开放共享生态体系");
    const beijing = await userId("beijing");
    const draft = lightlyEdited(original.content, "beijing");
    const draftId = await getDb().transaction((tx) => insertCase(tx, { content: draft, state: "draft", createdBy: beijing, kind: "save" }));
    const viewer = { id: beijing, roles: ["submitter" as const], regions: ["beijing"] };
    const similar = await similarCases(getDb(), { content: draft, excludeCaseId: draftId }, { viewer, minScore: 0 });
    expect(similar[0].title).toBe(original.content.title);
    expect(similar[0].score).toBeGreaterThanOrEqual(0.8);
    expect(similar[0].batch).toBe(3);
    expect(similar[0].passages.length).toBeGreaterThan(3);
    expect(similar.slice(1).every((s) => s.score < 0.5)).toBe(true);

    // a reviewer may not read drafts, so their panel of the published case does not list it
    const forReviewer = await reviewerAidsForCase(getDb(), original.id, { viewer: reviewer });
    expect(forReviewer!.similar.map((s) => s.caseId)).not.toContain(draftId);
    // the submitter who wrote it does see it from the published case
    const forSubmitter = await reviewerAidsForCase(getDb(), original.id, { viewer });
    expect(forSubmitter!.similar[0]).toMatchObject({ caseId: draftId });
    // another region's submitter does not
    const shanghai = { id: await userId("shanghai"), roles: ["submitter" as const], regions: ["shanghai"] };
    const forShanghai = await similarCases(getDb(), { content: original.content, excludeCaseId: original.id }, { viewer: shanghai, minScore: 0 });
    expect(forShanghai.map((s) => s.caseId)).not.toContain(draftId);
  });

  it("the published third batch holds no near-duplicates; a batch being compiled with a copy warns about it", async () => {
    const third = await getBatchByNumber(getDb(), 3);
    expect(await batchNearDuplicates(getDb(), third!.id)).toEqual([]);

    const original = await published("探索粤港澳大湾区医疗融合新模式");
    const other = await published("深化外资企业注册登记便利化改革");
    const [batch] = await getDb().insert(batches).values({ number: 90, title: "第九十批", state: "compiling" }).returning({ id: batches.id });
    const copy = lightlyEdited(original.content, original.content.leadRegion);
    const ids = await getDb().transaction(async (tx) => {
      const out: string[] = [];
      for (const [position, content] of [original.content, copy, other.content].entries()) {
        out.push(await insertCase(tx, { content, state: "approved", createdBy: null, kind: "save", batch: { id: batch.id, categoryCode: content.category, position, published: false } }));
      }
      return out;
    });
    const pairs = await batchNearDuplicates(getDb(), batch.id);
    expect(pairs).toHaveLength(1);
    expect([pairs[0].a.caseId, pairs[0].b.caseId].sort()).toEqual([ids[0], ids[1]].sort());
    expect(pairs[0].score).toBeGreaterThanOrEqual(0.8);
  });
});

describe("reviewer aids of an imported case", () => {
  it("keep the source's half-width item numbers as import notes, and the style findings of the text", async () => {
    const c = await published("建立“一联盟一平台二中心” 构建国际数据合作通道");
    const aids = await reviewerAidsForCase(getDb(), c.id, { viewer: reviewer });
    expect(aids!.importNotes.map((n) => [n.rule, n.excerpt])).toEqual([
      ["half-width-punct", "(二)搭建“中新国际数据通道”…"],
      ["half-width-punct", "(三)建设“中新国际数据通道”…"],
    ]);
    expect(aids!.findings.map((f) => f.path)).toContain("practices.items.1.heading");
  });

  it("count badges: findings + flagged figures + import notes; a clean case counts 0", async () => {
    const etc = await published("创新科技研发和成果转化生态体系");
    const clean = await published("深化外资企业注册登记便利化改革");
    const counts = await aidCounts(getDb(), [etc.id, clean.id]);
    expect(counts.get(etc.id)).toBeGreaterThanOrEqual(2);
    expect(counts.get(clean.id)).toBe(0);
  });

  it("count badges are worked out once per case version (the queue reads no contents again) and follow a new version", async () => {
    const etc = await published("创新科技研发和成果转化生态体系");
    const clean = await published("深化外资企业注册登记便利化改革");
    const id = await createDraft("beijing", { ...clean.content, title: "徽章缓存测试", leadRegion: "beijing" });
    expect((await aidCounts(getDb(), [id])).get(id)).toBe(0);
    const before = queryStats.count;
    expect((await aidCounts(getDb(), [id])).get(id)).toBe(0);
    expect(queryStats.count - before).toBe(1); // the versions only: no content read, no checks run
    await saveRevision(id, "beijing", { ...etc.content, title: "徽章缓存测试", leadRegion: "beijing" });
    // The same content in a case of its own, judged against the same (today's) date.
    const twin = await createDraft("beijing", { ...etc.content, title: "徽章缓存对照", leadRegion: "beijing" });
    const etcCount = (await aidCounts(getDb(), [twin])).get(twin)!;
    expect(etcCount).toBeGreaterThanOrEqual(2);
    expect((await aidCounts(getDb(), [id])).get(id)).toBe(etcCount);
  });
});
