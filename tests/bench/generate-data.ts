/**
 * npm run bench:data -- --cases 10000
 *
 * A deterministic dataset for the benchmark, written into whatever DATABASE_URL / PGLITE_DIR
 * points at: cases across the 11 regions and every category in every workflow state, ~5 immutable
 * versions each, comments, published 30-case batches, and ~10 audit events per case on one valid
 * hash chain (so `npm run audit:verify` passes). Content is the third batch's text, varied.
 * Rows go in with multi-row INSERTs in chunks, then VACUUM ANALYZE; nothing here is on the app's request path.
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import {
  auditEvents,
  batchCategories,
  batches,
  caseComments,
  caseRegions,
  cases,
  caseSearch,
  caseVersions,
  categories,
  userRegions,
  userRoles,
  users,
} from "#db/schema";
import { GENESIS_HASH, hashEvent } from "~/audit/audit.server";
import { hashPassword } from "~/auth/password.server";
import type { CaseContent } from "~/cases/content";
import { normalizeMarks, type RichText } from "~/cases/content/rich-text";
import { getDatabaseHandle, type Database } from "~/db/db.server";
import { seed, THIRD_BATCH_FILE } from "~/db/seed.server";
import { parseBulletin } from "~/import/parse";
import { resolveImportedCase } from "~/import/resolve";
import { PILOT_REGIONS } from "~/reference/pilot-regions";
import { bigramsOf, searchableText } from "~/search/search-text";
import { runCli } from "~/cli/run";

function option(name: string, fallback: number) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** mulberry32: a tiny seeded PRNG, so two runs write the same dataset. */
function prng(seedValue: number) {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATE_MIX: [string, number][] = [
  ["draft", 0.22],
  ["submitted", 0.14],
  ["in_review", 0.1],
  ["changes_requested", 0.1],
  ["approved", 0.14],
  ["rejected", 0.05],
  ["withdrawn", 0.05],
  ["published", 0.2],
];

function pickState(r: number) {
  let acc = 0;
  for (const [state, share] of STATE_MIX) if (r < (acc += share)) return state;
  return "draft";
}

/** Keeps paragraphs realistic but bounded (≤ 400 characters), clipping bold marks with them. */
function clip(r: RichText, suffix = ""): RichText {
  const text = r.text.length > 400 ? `${r.text.slice(0, 399)}。` : r.text;
  const marks = normalizeMarks(r.marks ?? [], text.length);
  return marks.length ? { text: text + suffix, marks } : { text: text + suffix };
}

function varyContent(base: CaseContent, n: number, version: number, leadRegion: string, regions: string[], category: string): CaseContent {
  const c = structuredClone(base);
  c.title = `${base.title.slice(0, 28)}（${n}）`;
  c.leadRegion = leadRegion;
  c.regions = regions;
  c.category = category;
  c.intro = c.intro.map((p, i) => clip(p, i === 0 && version > 1 ? `（第${version}稿）` : ""));
  if (c.practices.lead) c.practices.lead = clip(c.practices.lead);
  for (const section of [c.practices.items, c.effects.items]) {
    for (const item of section) {
      item.body = item.body.map((b) =>
        b.type === "paragraph" ? { ...b, text: clip(b.text) } : { ...b, intro: b.intro ? clip(b.intro) : undefined, points: b.points.map((p) => ({ ...p, text: clip(p.text) })) },
      );
    }
  }
  if (c.nextSteps.kind === "paragraph") c.nextSteps.text = clip(c.nextSteps.text);
  else c.nextSteps.points = c.nextSteps.points.map((p) => ({ ...p, text: clip(p.text) }));
  return c;
}

async function insertChunked<T>(db: Database, table: Parameters<Database["insert"]>[0], rows: T[], size = 400) {
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size) as never);
}

await runCli(async () => {
  const total = option("cases", 10_000);
  const started = Date.now();
  const handle = getDatabaseHandle();
  await handle.migrate();
  await seed({ demo: true });
  const db = handle.db;
  const rand = prng(20241126);

  const parsed = parseBulletin(fs.readFileSync(THIRD_BATCH_FILE, "utf8"));
  if (!parsed.ok) throw new Error("third batch does not parse");
  const bases = parsed.bulletin.categories.flatMap((cat) => cat.cases.map((k) => resolveImportedCase(k, cat.name)));
  const categoryCodes = (await db.select({ code: categories.code }).from(categories)).map((c) => c.code);

  // People: 3 submitters per region, 10 reviewers, 3 publishers (one shared hash: creating 50 scrypt hashes is not what we measure).
  const passwordHash = await hashPassword("bench12345");
  const people: { id: string; username: string; displayName: string; role: string; region?: string }[] = [];
  for (const r of PILOT_REGIONS) for (let k = 1; k <= 3; k++) people.push({ id: randomUUID(), username: `bench-${r.code}-${k}`, displayName: `${r.shortName}填报人${k}`, role: "submitter", region: r.code });
  for (let k = 1; k <= 10; k++) people.push({ id: randomUUID(), username: `bench-reviewer-${k}`, displayName: `审核人${k}`, role: "reviewer" });
  for (let k = 1; k <= 3; k++) people.push({ id: randomUUID(), username: `bench-publisher-${k}`, displayName: `发布人${k}`, role: "publisher" });
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, people[0].username));
  if (existing) {
    console.log("数据集已存在（bench 用户已创建），跳过。");
    return 0;
  }
  await insertChunked(db, users, people.map((p) => ({ id: p.id, username: p.username, displayName: p.displayName, passwordHash })));
  await insertChunked(db, userRoles, people.map((p) => ({ userId: p.id, role: p.role })));
  await insertChunked(db, userRegions, people.filter((p) => p.region).map((p) => ({ userId: p.id, regionCode: p.region! })));
  const submittersOf = (region: string) => people.filter((p) => p.region === region);
  const reviewers = people.filter((p) => p.role === "reviewer");

  // Audit chain continues from the newest existing event.
  const [last] = await db.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  let clock = Date.now() - total * 60_000 * 6;
  const events: (typeof auditEvents.$inferInsert)[] = [];
  function audit(actor: { id: string; displayName: string; username: string }, action: string, entityId: string, after: unknown) {
    clock += 1000 + Math.floor(rand() * 5000);
    const fields = {
      at: new Date(clock),
      actorId: actor.id,
      actorName: `${actor.displayName}（${actor.username}）`,
      action,
      entityType: "case",
      entityId,
      before: null,
      after: JSON.parse(JSON.stringify(after)),
      ip: "127.0.0.1",
      userAgent: "bench-data",
      prevHash,
    };
    const hash = hashEvent(fields);
    events.push({ ...fields, hash });
    prevHash = hash;
  }

  // Published cases go into 30-case batches numbered from 10 up.
  const [maxBatch] = await db.select({ n: sql<number>`coalesce(max(number), 0)::int` }).from(batches);
  let batchNumber = Math.max(10, (maxBatch?.n ?? 0) + 1);
  let currentBatch: { id: number; count: number } | null = null;

  const MAX_BATCH_NUMBER = 99;
  const CHUNK = 250;
  for (let start = 0; start < total; start += CHUNK) {
    const caseRows: (typeof cases.$inferInsert)[] = [];
    const versionRows: (typeof caseVersions.$inferInsert)[] = [];
    const regionRows: (typeof caseRegions.$inferInsert)[] = [];
    const searchRows: (typeof caseSearch.$inferInsert)[] = [];
    const commentRows: (typeof caseComments.$inferInsert)[] = [];
    for (let n = start; n < Math.min(total, start + CHUNK); n++) {
      const id = randomUUID();
      const lead = PILOT_REGIONS[n % PILOT_REGIONS.length].code;
      const others = PILOT_REGIONS.filter((r) => r.code !== lead && rand() < 0.12).map((r) => r.code).slice(0, 3);
      const category = categoryCodes[n % categoryCodes.length];
      const base = bases[n % bases.length];
      let state = pickState(rand());
      // Batch numbers print as Chinese numerals 1–99 (numbering.ts): past 第九十九批, published cases stay approved.
      if (state === "published" && batchNumber > MAX_BATCH_NUMBER && (!currentBatch || currentBatch.count >= 30)) state = "approved";
      const author = submittersOf(lead)[n % 3];
      const reviewer = reviewers[n % reviewers.length];
      const versionCount = 3 + Math.floor(rand() * 5); // 3..7, ~5 on average
      let content = base;
      audit(author, "case.create", id, { title: base.title });
      for (let v = 1; v <= versionCount; v++) {
        content = varyContent(base, n, v, lead, others, category);
        clock += 60_000;
        versionRows.push({ caseId: id, version: v, content, kind: v === versionCount && state !== "draft" ? "submission" : "save", createdBy: author.id, createdAt: new Date(clock) });
        audit(author, v === versionCount && state !== "draft" ? "case.submit" : "case.save", id, { version: v });
      }
      for (const action of state === "draft" ? [] : ["case.claim", "case.request_changes", "case.resubmit", "case.approve"].slice(0, 1 + (n % 4))) {
        audit(action === "case.resubmit" ? author : reviewer, action, id, { reason: action === "case.request_changes" ? "请补充数据来源。" : null });
      }
      let batchFields = {};
      if (state === "published") {
        if (!currentBatch || currentBatch.count >= 30) {
          const number: number = batchNumber++;
          const [b] = await db
            .insert(batches)
            .values({ number, title: `国家服务业扩大开放综合试点示范建设 第${number}批最佳实践案例（基准测试）`, preface: [{ text: "基准测试数据。" }], state: "published", publishedAt: new Date(clock) })
            .returning({ id: batches.id });
          await db.insert(batchCategories).values(categoryCodes.map((code, position) => ({ batchId: b.id, categoryCode: code, position })));
          currentBatch = { id: b.id, count: 0 };
        }
        batchFields = { batchId: currentBatch.id, batchCategoryCode: category, batchPosition: currentBatch.count++, publishedVersion: versionCount };
      }
      caseRows.push({
        id,
        title: content.title,
        categoryCode: category,
        leadRegion: lead,
        state,
        version: versionCount,
        claimedBy: state === "in_review" ? reviewer.id : null,
        submittedAt: state === "draft" ? null : new Date(clock - 86_400_000 * Math.floor(rand() * 30)),
        createdBy: author.id,
        updatedBy: author.id,
        createdAt: new Date(clock - versionCount * 60_000),
        updatedAt: new Date(clock),
        ...batchFields,
      });
      for (const code of others) regionRows.push({ caseId: id, regionCode: code });
      const body = searchableText(content);
      searchRows.push({ caseId: id, body, bigrams: bigramsOf(body) });
      if (state !== "draft") {
        commentRows.push({ caseId: id, anchor: "practices.items.0", body: "请补充这一做法的实施时间和覆盖范围。", version: versionCount, authorId: reviewer.id, createdAt: new Date(clock) });
        commentRows.push({ caseId: id, anchor: "general", body: "整体结构清晰，数据需核实。", version: versionCount, authorId: reviewer.id, createdAt: new Date(clock) });
        audit(reviewer, "comment.create", id, { anchor: "practices.items.0" });
        audit(reviewer, "comment.create", id, { anchor: "general" });
      }
    }
    await insertChunked(db, cases, caseRows);
    await insertChunked(db, caseVersions, versionRows, 100);
    await insertChunked(db, caseRegions, regionRows);
    await insertChunked(db, caseSearch, searchRows, 100);
    await insertChunked(db, caseComments, commentRows);
    await insertChunked(db, auditEvents, events.splice(0));
    process.stdout.write(`\r${Math.min(total, start + CHUNK)} / ${total} 个案例`);
  }
  // The reviewer aids' similarity index, as saves keep it in service: without it every server start
  // queues similarity.backfill over all cases (~5 minutes of one core at 10,000 cases on a loaded
  // machine), and that ran under the whole benchmark, inflating every figure (issue #14).
  const { backfillAll } = await import("~/aids/similarity.server");
  await backfillAll(db);
  // A database in service has been vacuumed: PostgreSQL's autovacuum does it (it also merges the
  // GIN index's pending list, which every search otherwise scans), PGlite has no autovacuum and
  // needs it run (see tests/bench/RESULTS.md). Measure the maintained state.
  await db.execute(sql`vacuum analyze`);
  const [auditCount] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  console.log(`\n完成：${total} 个案例，${auditCount.n} 条审计事件，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒（${handle.driver}: ${handle.location}）。`);
});
