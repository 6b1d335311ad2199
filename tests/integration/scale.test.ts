/**
 * Structural guarantees behind "instant at ten times the volume" (issue #7), on whichever engine
 * the run uses:
 *
 * 1. every list is paginated: with more rows than fit on a page, each list loader returns at most
 *    its page size and says there is more;
 * 2. a page request costs a bounded number of SQL statements, whatever the number of rows: the
 *    session check, the root loader and the page's loader are counted (queryStats.count) with N
 *    rows and again with 3N rows, and the counts must be equal and within the page's budget.
 *
 * Rows are written with multi-row INSERTs (not through the app) to keep the file fast.
 */
import { randomUUID } from "node:crypto";
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, batches, caseComments, caseRegions, cases, caseSearch, caseVersions, notifications, users } from "#db/schema";
import { forgetAidCounts } from "~/aids/aids.server";
import { GENESIS_HASH, hashEvent } from "~/audit/audit.server";
import { authenticate, startSession } from "~/auth/session.server";
import { BATCH_LIST_PAGE_SIZE } from "~/batches/batches.server";
import type { CaseContent } from "~/cases/content";
import { CASE_LIST_PAGE_SIZE } from "~/cases/list.server";
import { getDb, queryStats } from "~/db/db.server";
import { QUEUE_PAGE_SIZE } from "~/review/queue.server";
import { loader as auditLoader } from "~/routes/admin.audit._index";
import { loader as usersLoader } from "~/routes/admin.users._index";
import { loader as batchesLoader } from "~/routes/batches._index";
import { loader as bulletinsLoader } from "~/routes/bulletins._index";
import { loader as casePageLoader } from "~/routes/cases.$caseId._index";
import { loader as casesLoader } from "~/routes/cases._index";
import { loader as inboxLoader } from "~/routes/inbox";
import { loader as reviewLoader } from "~/routes/review._index";
import { loader as searchLoader } from "~/routes/search";
import { loader as rootLoader } from "~/root";
import { SEARCH_PAGE_SIZE } from "~/search/params";
import { bigramsOf, searchableText } from "~/search/search-text";
import { useTestDatabase } from "../support/database";
import { get, run } from "../support/requests";

await useTestDatabase();

// ---------------------------------------------------------------------------------------------
// Data

function content(n: number): CaseContent {
  return {
    templateId: "bulletin-v1",
    title: `推进离岸贸易便利化改革（规模测试 ${n}）`,
    category: "institutional-innovation",
    leadRegion: "beijing",
    regions: n % 3 === 0 ? ["shanghai"] : [],
    intro: [{ text: "北京探索离岸贸易新型监管模式，破解分流监管难题。" }],
    practices: {
      items: [{ heading: "优化离岸贸易结算流程。", body: [{ type: "paragraph", text: { text: "银行凭企业真实交易指令直接办理结算。" } }] }],
    },
    effects: { heading: "实践效果", items: [{ heading: "业务量显著增长。", body: [{ type: "paragraph", text: { text: "全年离岸贸易结算额同比增长。" } }] }] },
    nextSteps: { heading: "下一步创新方向", kind: "paragraph", text: { text: "继续扩大试点范围。" } },
  };
}

const ids: Record<string, string> = {};
let seededCases = 0;
let seededUsers = 0;
let seededBatches = 0;
let caseWithComments = "";

async function userId(username: string) {
  ids[username] ??= (await getDb().select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;
  return ids[username];
}

/** Beijing cases (half submitted, so the review queue fills too), with their version and search row. */
async function addCases(count: number) {
  const db = getDb();
  const by = await userId("beijing");
  const rows: (typeof cases.$inferInsert)[] = [];
  const versions: (typeof caseVersions.$inferInsert)[] = [];
  const search: (typeof caseSearch.$inferInsert)[] = [];
  const participating: (typeof caseRegions.$inferInsert)[] = [];
  for (let i = 0; i < count; i++) {
    const n = ++seededCases;
    const id = randomUUID();
    const c = content(n);
    const at = new Date(Date.UTC(2024, 0, 1) + n * 60_000);
    const submitted = n % 2 === 0;
    rows.push({
      id,
      title: c.title,
      categoryCode: c.category,
      leadRegion: "beijing",
      state: submitted ? "submitted" : "draft",
      version: 1,
      submittedAt: submitted ? at : null,
      createdBy: by,
      updatedBy: by,
      createdAt: at,
      updatedAt: at,
    });
    versions.push({ caseId: id, version: 1, content: c, kind: submitted ? "submission" : "save", createdBy: by, createdAt: at });
    const body = searchableText(c);
    search.push({ caseId: id, body, bigrams: bigramsOf(body) });
    for (const r of c.regions) participating.push({ caseId: id, regionCode: r });
  }
  await db.insert(cases).values(rows);
  await db.insert(caseVersions).values(versions);
  await db.insert(caseSearch).values(search);
  if (participating.length) await db.insert(caseRegions).values(participating);
  caseWithComments ||= rows.find((r) => r.state === "submitted")!.id;
}

/** Comment threads (with a reply each) on one case, as the reviewer. */
async function addComments(count: number) {
  const reviewer = await userId("reviewer");
  for (let i = 0; i < count; i++) {
    const [root] = await getDb()
      .insert(caseComments)
      .values({ caseId: caseWithComments, anchor: "general", body: `请核实数据来源（${i}）。`, version: 1, authorId: reviewer })
      .returning({ id: caseComments.id });
    await getDb().insert(caseComments).values({ caseId: caseWithComments, parentId: root.id, anchor: "general", body: "已补充。", version: 1, authorId: await userId("beijing") });
  }
}

async function addNotifications(count: number) {
  const to = await userId("beijing");
  await getDb()
    .insert(notifications)
    .values(Array.from({ length: count }, (_, i) => ({ userId: to, kind: "case.claim", caseId: caseWithComments, message: `“规模测试”：已认领（${i}）` })));
}

async function addUsers(count: number) {
  await getDb()
    .insert(users)
    .values(Array.from({ length: count }, () => ({ id: randomUUID(), username: `scale-user-${++seededUsers}`, displayName: `规模测试用户${seededUsers}`, passwordHash: "x" })));
}

/** Audit events on the one valid chain, continuing from the newest. */
async function addAuditEvents(count: number) {
  const db = getDb();
  const [last] = await db.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows: (typeof auditEvents.$inferInsert)[] = [];
  for (let i = 0; i < count; i++) {
    const fields = {
      at: new Date(),
      actorId: await userId("reviewer"),
      actorName: "审核人（reviewer）",
      action: "case.claim",
      entityType: "case",
      entityId: caseWithComments,
      before: null,
      after: { n: i },
      ip: "127.0.0.1",
      userAgent: "vitest",
      prevHash,
    };
    const hash = hashEvent(fields);
    rows.push({ ...fields, hash });
    prevHash = hash;
  }
  await db.insert(auditEvents).values(rows);
}

/** Published batches; numbers print as Chinese numerals 1–99, so they are taken from what is free. */
async function addBatches(count: number) {
  const db = getDb();
  const taken = new Set((await db.select({ number: batches.number }).from(batches)).map((b) => b.number));
  const free = Array.from({ length: 99 }, (_, i) => i + 1).filter((n) => !taken.has(n));
  if (free.length < count) throw new Error("not enough free batch numbers");
  await db.insert(batches).values(
    free.slice(0, count).map((number) => ({ number, title: `规模测试 第${number}批`, preface: [], state: "published", publishedAt: new Date() })),
  );
  seededBatches += count;
}

async function grow(factor: number) {
  await addCases(BASE.cases * factor);
  await addComments(BASE.comments * factor);
  await addNotifications(BASE.notifications * factor);
  await addUsers(BASE.users * factor);
  await addAuditEvents(BASE.audit * factor);
  await addBatches(BASE.batches * factor);
}

/** N: more than a page of everything (3N is written for the second count). */
const BASE = { cases: 120, comments: 20, notifications: 60, users: 60, audit: 120, batches: 32 };

// ---------------------------------------------------------------------------------------------
// Page requests, counted

type Loader = (args: LoaderFunctionArgs) => unknown;
type Page = {
  name: string;
  user: string | null;
  path: () => string;
  loader: Loader;
  params?: () => Record<string, string>;
  /** The list in the loader's data, and its page size (none: a page, not a list). */
  list?: { rows: (data: Record<string, unknown>) => unknown[]; pageSize: number; more: (data: Record<string, unknown>) => boolean };
  /** Statements one request may cost: session check + root loader + page loader (today's count + 2). */
  budget: number;
};

const PAGES: Page[] = [
  {
    name: "/cases",
    user: "beijing",
    path: () => "/cases",
    loader: casesLoader,
    list: { rows: (d) => d.rows as unknown[], pageSize: CASE_LIST_PAGE_SIZE, more: (d) => d.hasMore === true },
    budget: 8,
  },
  {
    name: "/cases?page=2",
    user: "beijing",
    path: () => "/cases?page=2",
    loader: casesLoader,
    list: { rows: (d) => d.rows as unknown[], pageSize: CASE_LIST_PAGE_SIZE, more: (d) => d.hasMore === true },
    budget: 8,
  },
  {
    name: "/cases?state=submitted",
    user: "beijing",
    path: () => "/cases?state=submitted&category=institutional-innovation",
    loader: casesLoader,
    list: { rows: (d) => d.rows as unknown[], pageSize: CASE_LIST_PAGE_SIZE, more: (d) => d.hasMore === true },
    budget: 8,
  },
  {
    name: "/review",
    user: "reviewer",
    path: () => "/review",
    loader: reviewLoader,
    list: { rows: (d) => d.rows as unknown[], pageSize: QUEUE_PAGE_SIZE, more: (d) => d.hasMore === true },
    budget: 9,
  },
  {
    name: "/admin/users",
    user: "admin",
    path: () => "/admin/users",
    loader: usersLoader,
    // app/routes/admin.users._index.tsx PAGE_SIZE
    list: { rows: (d) => d.users as unknown[], pageSize: 50, more: (d) => d.hasMore === true },
    budget: 8,
  },
  {
    name: "/admin/audit",
    user: "admin",
    path: () => "/admin/audit?action=case.claim",
    loader: auditLoader,
    // app/routes/admin.audit._index.tsx PAGE_SIZE
    list: { rows: (d) => d.events as unknown[], pageSize: 50, more: (d) => d.nextBeforeId !== null },
    budget: 7,
  },
  {
    name: "/inbox",
    user: "beijing",
    path: () => "/inbox",
    loader: inboxLoader,
    // app/routes/inbox.tsx PAGE_SIZE
    list: { rows: (d) => d.entries as unknown[], pageSize: 30, more: (d) => d.nextBeforeId !== null },
    budget: 8,
  },
  {
    name: "/search",
    user: "beijing",
    path: () => `/search?q=${encodeURIComponent("离岸贸易")}`,
    loader: searchLoader,
    list: { rows: (d) => (d.result as { hits: unknown[] }).hits, pageSize: SEARCH_PAGE_SIZE, more: (d) => (d.result as { pages: number }).pages > 1 },
    // 10 today: the filters' regions, categories and batches, and the capped count (issue #17).
    budget: 12,
  },
  {
    name: "/bulletins",
    user: null,
    path: () => "/bulletins",
    loader: bulletinsLoader,
    list: { rows: (d) => d.bulletins as unknown[], pageSize: BATCH_LIST_PAGE_SIZE, more: (d) => d.hasMore === true },
    budget: 3,
  },
  {
    name: "/batches",
    user: "publisher",
    path: () => "/batches",
    loader: batchesLoader,
    list: { rows: (d) => d.batches as unknown[], pageSize: BATCH_LIST_PAGE_SIZE, more: (d) => d.hasMore === true },
    budget: 9,
  },
  {
    // Not a paginated list (every thread of the case is shown), but its cost must not grow with them.
    name: "/cases/:id (review side, many comments)",
    user: "reviewer",
    path: () => `/cases/${caseWithComments}`,
    params: () => ({ caseId: caseWithComments }),
    loader: casePageLoader,
    budget: 16,
  },
];

const cookies = new Map<string, string>();

/** One page request as the server makes it: the session check, the root loader, the page's loader. */
async function request(page: Page) {
  if (page.user && !cookies.has(page.user)) cookies.set(page.user, (await startSession(await userId(page.user))).split(";")[0]);
  forgetAidCounts(); // the queue's badges as a new server process counts them: contents read
  const before = queryStats.count;
  const auth = await authenticate(page.user ? cookies.get(page.user)! : null);
  const context: AppLoadContext = { auth, clientIp: "127.0.0.1", userAgent: "vitest", cspNonce: "test" };
  const args = { request: get(page.path()), context, params: page.params?.() ?? {} };
  await rootLoader(args);
  const result = await run(() => page.loader(args) as Promise<unknown>);
  const statements = queryStats.count - before;
  expect(result.status, `${page.name}: status`).toBe(200);
  return { data: result.data as Record<string, unknown>, statements };
}

// ---------------------------------------------------------------------------------------------

describe("at volume, every page stays bounded", () => {
  const atN = new Map<string, number>();

  beforeAll(async () => {
    await grow(1);
  });

  it("every list returns at most one page, and says there is more", async () => {
    for (const page of PAGES) {
      const { data, statements } = await request(page);
      atN.set(page.name, statements);
      if (!page.list) continue;
      const rows = page.list.rows(data);
      expect(rows.length, `${page.name}: rows on the page`).toBeLessThanOrEqual(page.list.pageSize);
      expect(rows.length, `${page.name}: a full page`).toBe(page.list.pageSize);
      expect(page.list.more(data), `${page.name}: offers the next page`).toBe(true);
    }
  });

  it("costs the same number of SQL statements with three times the rows, within its budget", async () => {
    expect(atN.size).toBe(PAGES.length);
    await grow(2);
    const counts: Record<string, [number, number]> = {};
    for (const page of PAGES) {
      const { statements } = await request(page);
      counts[page.name] = [atN.get(page.name)!, statements];
    }
    console.info(`statements per page request (N rows → 3N rows): ${Object.entries(counts).map(([name, [n, m]]) => `${name} ${n}→${m}`).join("; ")}`);
    for (const page of PAGES) {
      const [n, threeN] = counts[page.name];
      expect(threeN, `${page.name}: statements with N rows (${n}) vs 3N rows (${threeN})`).toBe(n);
      expect(threeN, `${page.name}: statements within the budget of ${page.budget}`).toBeLessThanOrEqual(page.budget);
    }
    // The rows really did triple.
    expect(seededCases).toBe(BASE.cases * 3);
    expect(seededUsers).toBe(BASE.users * 3);
    expect(seededBatches).toBe(BASE.batches * 3);
  });
});
