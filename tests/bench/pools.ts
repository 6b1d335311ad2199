/**
 * What the scenarios rotate through, read from the run's copy of the dataset before the server
 * starts (PGlite cannot be opened by two processes): draft cases with their current version and
 * content (saves), submitted cases (claims), cases a reviewer reads, published 30-case batches,
 * and the deepest list pages.
 */
import fs from "node:fs";
import { and, asc, eq, gte, inArray, isNull, like, sql } from "drizzle-orm";
import { batches, cases, caseVersions, userRegions, users } from "#db/schema";
import type { CaseContent } from "~/cases/content";
import { CASE_LIST_MAX_PAGE, CASE_LIST_PAGE_SIZE } from "~/cases/list.server";
import { openPglite, openPostgres } from "~/db/db.server";
import { THIRD_BATCH_FILE } from "~/db/seed.server";
import { QUEUE_PAGE_SIZE } from "~/review/queue.server";

export type Draft = { id: string; leadRegion: string; version: number; content: CaseContent };
export type Pools = {
  drafts: Draft[];
  submitted: { id: string; version: number }[];
  readable: string[];
  publishedBatches: number[];
  freeBatchNumbers: number[];
  listUser: string;
  listDeepPage: number;
  queueDeepPage: number;
  thirdBatchText: string;
  /** A submitter of each region, for saves: bench-<region>-1. */
  submitterOf: Record<string, string>;
};

export async function readPools(env: Record<string, string>, limits: { drafts: number; submitted: number; readable: number }): Promise<Pools> {
  const handle = env.DATABASE_URL ? openPostgres(env.DATABASE_URL, { max: 2 }) : openPglite({ dataDir: env.PGLITE_DIR });
  const db = handle.db;
  try {
    const listUser = "bench-beijing-1";
    // Drafts spread over all regions (each saved by a submitter of its lead region), a fixed sample.
    const draftRows = await db
      .select({ id: cases.id, leadRegion: cases.leadRegion, version: cases.version, content: caseVersions.content })
      .from(cases)
      .innerJoin(caseVersions, and(eq(caseVersions.caseId, cases.id), eq(caseVersions.version, cases.version)))
      .where(eq(cases.state, "draft"))
      .orderBy(asc(cases.id))
      .limit(limits.drafts);
    const submitted = await db
      .select({ id: cases.id, version: cases.version })
      .from(cases)
      .where(and(eq(cases.state, "submitted"), isNull(cases.claimedBy)))
      .orderBy(asc(cases.id))
      .limit(limits.submitted);
    // Cases a reviewer opens: in review, approved, published (comments, timeline, versions).
    const readable = await db
      .select({ id: cases.id })
      .from(cases)
      .where(inArray(cases.state, ["in_review", "approved", "published", "changes_requested"]))
      .orderBy(sql`md5(${cases.id})`)
      .limit(limits.readable);
    const published = await db
      .select({ number: batches.number })
      .from(batches)
      .where(and(eq(batches.state, "published"), gte(batches.number, 10), sql`(select count(*) from cases c where c.batch_id = ${batches.id}) = 30`))
      .orderBy(asc(batches.number));
    const taken = new Set((await db.select({ number: batches.number }).from(batches)).map((b) => b.number));
    // Batch numbers print as Chinese numerals 1–99 (numbering.ts), so imports need a free one below 100.
    const freeBatchNumbers = Array.from({ length: 99 }, (_, i) => 99 - i).filter((n) => !taken.has(n));
    const [{ n: listCount }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(
        sql`${cases.leadRegion} in (select region_code from ${userRegions} ur join ${users} u on u.id = ur.user_id where u.username = ${listUser})
            or exists (select 1 from case_regions cr where cr.case_id = ${cases.id} and cr.region_code in (select region_code from ${userRegions} ur join ${users} u on u.id = ur.user_id where u.username = ${listUser}))`,
      );
    const [{ n: queueCount }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(inArray(cases.state, ["submitted", "in_review"]));
    const submitters = await db
      .select({ username: users.username, region: userRegions.regionCode })
      .from(users)
      .innerJoin(userRegions, eq(userRegions.userId, users.id))
      .where(like(users.username, "bench-%-1"));
    return {
      drafts: draftRows.map((r) => ({ ...r, content: r.content as CaseContent })),
      submitted,
      readable: readable.map((r) => r.id),
      publishedBatches: published.map((b) => b.number),
      freeBatchNumbers,
      listUser,
      // The deepest page the list offers, or the last one with rows.
      listDeepPage: Math.max(1, Math.min(CASE_LIST_MAX_PAGE, Math.ceil(Number(listCount) / CASE_LIST_PAGE_SIZE))),
      queueDeepPage: Math.max(1, Math.ceil(Number(queueCount) / QUEUE_PAGE_SIZE)),
      thirdBatchText: fs.readFileSync(THIRD_BATCH_FILE, "utf8"),
      submitterOf: Object.fromEntries(submitters.map((s) => [s.region, s.username])),
    };
  } finally {
    await handle.close();
  }
}
