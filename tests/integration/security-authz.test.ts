/**
 * The authorization matrix: every loader and action of every route module (enumerated from the
 * route manifest Remix builds, so a new route file cannot be forgotten), called as anonymous,
 * the owning region's submitter (beijing), another region's submitter (shanghai), reviewer,
 * publisher and admin, on cases in every workflow state and batches in every state.
 *
 * The EXPECTED answer comes from the permission and workflow tables (hasPermission, canRead,
 * canEditContent, decide, canEditBatchContent, canSeeReview/canComment), through a small
 * declaration per route saying WHICH rule guards it. A route without a declaration fails the test.
 *
 * Verdicts: anonymous on a protected route → redirect to /login; a signed-in user refused → 403
 * (404 for an id that does not exist, or where the route deliberately hides existence, 409 when
 * the workflow table refuses because of the state). Allowed → 2xx or a redirect elsewhere (a few
 * declarations post a deliberately incomplete form: there 400 counts as "past the guard").
 */
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { batchCategories, batches, caseComments, caseRegions, cases, notifications, users } from "#db/schema";
import type { SessionUser } from "~/auth/session.server";
import { batchToken } from "~/batches/batches.server";
import { queueBulletinExport } from "~/batches/export-job.server";
import { runDueJobs } from "~/jobs/worker.server";
import { openCall } from "~/calls/calls.server";
import { getCaseContent } from "~/cases/cases.server";
import type { CaseContent } from "~/cases/content";
import { valuesToEntries } from "~/cases/form/paths";
import { contentToFormValues } from "~/cases/form/values";
import { workflowInfo } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { hasPermission, type Permission } from "~/permissions/permissions";
import { canComment, canSeeReview } from "~/review/access";
import { bulkItemValue } from "~/review/queue.server";
import {
  CASE_ACTIONS,
  CASE_STATES,
  CASE_TRANSITIONS,
  canEditContent,
  canRead,
  decide as decideCase,
  getCaseTransition,
  type CaseState,
  type CaseWorkflowInfo,
} from "#workflows/case-review";
import {
  BATCH_ACTIONS,
  BATCH_STATES,
  TERMINAL_BATCH_STATES,
  canEditBatchContent,
  decide as decideBatch,
  type BatchState,
} from "#workflows/batch";
import { useTestDatabase } from "../support/database";
import { contextFor } from "../support/requests";
import {
  answerOf,
  classify,
  fillPattern,
  formRequest,
  hasChineseMessage,
  importRoute,
  routeManifest,
  type Answer,
  type ManifestRoute,
  type Observed,
  type RouteModule,
} from "../support/security";
import { BASE } from "../support/requests";
import { caseContent, caseInState, userIdOf } from "./review-fixtures";

await useTestDatabase();
const db = () => getDb();

// ---------------------------------------------------------------------------------------------
// Actors

const ACTOR_NAMES = ["anonymous", "beijing", "shanghai", "reviewer", "publisher", "admin"] as const;
type ActorName = (typeof ACTOR_NAMES)[number];
type Actor = { name: ActorName; user: SessionUser | null; context: AppLoadContext };

// ---------------------------------------------------------------------------------------------
// Fixtures: one list per kind of route parameter

type CaseFx = {
  kind: "case";
  label: string;
  id: string;
  exists: boolean;
  /** The state the fixture was made in (fresh copies are made in the same one). */
  state: CaseState | null;
  participating: string[];
  info: CaseWorkflowInfo | null;
};
type BatchFx = { kind: "batch"; label: string; number: string; exists: boolean; state: BatchState | null; caseCount: number; withCases: number };
type UserFx = { kind: "user"; label: string; id: string; exists: boolean };
type NoFx = { kind: "none"; label: string };
type CallFx = { kind: "call"; label: string; id: string; exists: boolean };
type Fixture = (CaseFx | BatchFx | UserFx | CallFx | NoFx) & { params: Record<string, string>; format?: string };

type Expected = "allow" | "login" | "forbidden" | "notfound" | "conflict";

/** A rule: what the tables say `user` gets on `fx` (null user = anonymous, only for public routes). */
type Rule = (user: SessionUser, fx: Fixture) => Expected;
type PublicRule = (user: SessionUser | null, fx: Fixture) => Expected;

type Check = {
  /** Protected routes: anonymous users are sent to /login, signed-in ones get `rule`. */
  rule?: Rule;
  /** Public routes: `publicRule` for everyone, anonymous included. */
  publicRule?: PublicRule;
  /** Fields of the post (actions). `expected` lets a builder prepare data an allowed call consumes. */
  body?: (fx: Fixture, actor: Actor, expected: Expected) => Promise<Record<string, string | string[]> | [string, string][]>;
  /** What an allowed call may answer (default: success). */
  allowAs?: Observed[];
  /** An allowed call changes the fixture: run it on a fresh copy. */
  consumes?: boolean;
  /** Use a session of its own (logout ends it). */
  ownSession?: boolean;
  /** Query string for loaders. */
  query?: string;
};
type RouteDeclaration = { loader?: Check; action?: Record<string, Check> };

// ---------------------------------------------------------------------------------------------
// Rules, from the tables

const allow = (ok: boolean, otherwise: Expected = "forbidden"): Expected => (ok ? "allow" : otherwise);
const perm = (permission: Permission): Rule => (user) => allow(hasPermission(user, permission));
const signedIn: Rule = () => "allow";
const everyone: PublicRule = () => "allow";

/** Roles that work the review queue: those of the transitions that take cases from it (claim, assign). */
const QUEUE_ROLES = new Set(CASE_TRANSITIONS.filter((t) => t.action === "claim" || t.action === "assign").flatMap((t) => t.roles));
const queueUser: Rule = (user) => allow(user.roles.some((r) => QUEUE_ROLES.has(r)));

/** A call inviting Beijing only: Shanghai's submitter does not see it (404, as for a missing call). */
const callPage: Rule = (user, fx) => {
  if (fx.kind !== "call" || !fx.exists) return "notfound";
  if (!hasPermission(user, "call:read:invited")) return "forbidden";
  return user.roles.some((r) => r !== "submitter") || user.regions.includes("beijing") ? "allow" : "notfound";
};


function caseOf(fx: Fixture): CaseFx {
  if (fx.kind !== "case") throw new Error(`fixture ${fx.label} is not a case`);
  return fx;
}
function batchOf(fx: Fixture): BatchFx {
  if (fx.kind !== "batch") throw new Error(`fixture ${fx.label} is not a batch`);
  return fx;
}

/** requireReadableCase: 404 for an unknown id, canRead otherwise. */
const readCase: Rule = (user, fx) => {
  const c = caseOf(fx);
  if (!c.exists || !c.info) return "notfound";
  return allow(canRead(user, c.info, c.participating));
};
const seeReview: Rule = (user, fx) => {
  const first = readCase(user, fx);
  if (first !== "allow") return first;
  const c = caseOf(fx);
  return allow(canSeeReview(user, c.info!, c.participating));
};
const editCase: Rule = (user, fx) => {
  if (!hasPermission(user, "case:edit:own-region")) return "forbidden";
  const first = readCase(user, fx);
  if (first !== "allow") return first;
  return allow(canEditContent(user, caseOf(fx).info!));
};
const comment: Rule = (user, fx) => {
  const first = readCase(user, fx);
  if (first !== "allow") return first;
  const c = caseOf(fx);
  return allow(canComment(user, c.info!, c.participating));
};
const createCase = (leadRegion: (user: SessionUser) => string): Rule => (user) =>
  allow(hasPermission(user, "case:create:own-region") && user.regions.length > 0 && user.regions.includes(leadRegion(user)));

/** A case transition posted on the case page: readable, not a system action, then `decide`. */
const caseTransition = (action: string): Rule => (user, fx) => {
  const first = readCase(user, fx);
  if (first !== "allow") return first;
  if (getCaseTransition(action as never).system) return "forbidden";
  const verdict = decideCase(user, caseOf(fx).info!, action, { reason: REASON, assignee: { id: ids.reviewer, roles: ["reviewer"] } });
  if (verdict.ok) return "allow";
  return verdict.code === "wrong-state" ? "conflict" : verdict.code === "forbidden-role" || verdict.code === "guard" ? "forbidden" : "conflict";
};

const compileBatch: Rule = (user, fx) => {
  if (!hasPermission(user, "batch:compile:any")) return "forbidden";
  return batchOf(fx).exists ? "allow" : "notfound";
};
/** Content changes of a batch: canEditBatchContent; a publisher refused only by the state gets 409. */
const editBatchContent: Rule = (user, fx) => {
  const first = compileBatch(user, fx);
  if (first !== "allow") return first;
  const b = batchOf(fx);
  if (canEditBatchContent(user, { state: b.state! })) return "allow";
  return canEditBatchContent(user, { state: "compiling" }) ? "conflict" : "forbidden";
};
const batchTransition = (action: string): Rule => (user, fx) => {
  if (!hasPermission(user, "batch:compile:any")) return "forbidden";
  if (action === "publish" && !hasPermission(user, "batch:publish:any")) return "forbidden";
  const b = batchOf(fx);
  if (!b.exists) return "notfound";
  const verdict = decideBatch(user, { state: b.state!, caseCount: b.caseCount }, action);
  if (verdict.ok) return "allow";
  return verdict.code === "forbidden-role" ? "forbidden" : "conflict";
};
const erratum: Rule = (user, fx) => {
  if (!hasPermission(user, "batch:publish:any")) return "forbidden";
  const b = batchOf(fx);
  if (!b.exists) return "notfound";
  return allow(TERMINAL_BATCH_STATES.includes(b.state!), "conflict");
};
const isPublished = (fx: Fixture) => {
  const b = batchOf(fx);
  return b.exists && TERMINAL_BATCH_STATES.includes(b.state!);
};
/** Public page of a bulletin: published ones exist, others do not (for everyone). */
const bulletinPage: PublicRule = (_user, fx) => allow(isPublished(fx), "notfound");
/** Downloads: published for everyone; proofs of unpublished batches for those who compile them. */
const bulletinDownload: PublicRule = (user, fx) =>
  allow(isPublished(fx) || (batchOf(fx).exists && hasPermission(user, "batch:compile:any")), "notfound");
const manageUser: Rule = (user, fx) => {
  if (!hasPermission(user, "user:manage:any")) return "forbidden";
  return fx.kind === "user" && fx.exists ? "allow" : "notfound";
};

// ---------------------------------------------------------------------------------------------
// Data the bodies use

const REASON = "授权矩阵测试：理由";
const ids = { beijing: "", shanghai: "", reviewer: "", publisher: "", admin: "" };
let beijingNotification = 0;

async function caseFields(c: CaseFx, overrides: Partial<CaseContent> = {}) {
  const [row] = await db().select({ version: cases.version }).from(cases).where(eq(cases.id, c.id));
  const content = row ? ((await getCaseContent(db(), c.id, row.version)) ?? caseContent()) : caseContent();
  return { version: row?.version ?? 1, entries: valuesToEntries(contentToFormValues({ ...content, ...overrides })) };
}

async function rootComment(caseId: string, resolved: boolean) {
  const [row] = await db().select({ id: cases.id }).from(cases).where(eq(cases.id, caseId));
  if (!row) return 1;
  const [created] = await db()
    .insert(caseComments)
    .values({ caseId, anchor: "general", body: "待处理的意见", version: 1, authorId: ids.reviewer, ...(resolved ? { resolvedAt: new Date(), resolvedBy: ids.reviewer } : {}) })
    .returning({ id: caseComments.id });
  return created.id;
}

async function batchRow(b: BatchFx) {
  if (!/^\d{1,6}$/.test(b.number)) return undefined;
  const [row] = await db().select().from(batches).where(eq(batches.number, Number(b.number)));
  return row;
}

async function batchTokenOf(b: BatchFx) {
  const row = await batchRow(b);
  return row ? batchToken(row) : "x";
}

async function batchCase(b: BatchFx, fresh: boolean) {
  const row = await batchRow(b);
  if (!row) return randomUUID();
  if (fresh) return (await addCasesToBatch(row.id, 1, "approved"))[0]!;
  const [member] = await db().select({ id: cases.id }).from(cases).where(eq(cases.batchId, row.id)).limit(1);
  return member?.id ?? randomUUID();
}

let nextBatchNumber = 40;
async function addCasesToBatch(batchId: number, n: number, state: string, category = "institutional-innovation") {
  const created: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await caseInState(state, { content: caseContent({ title: `批次案例 ${batchId}-${i}-${randomUUID().slice(0, 4)}`, category }) });
    await db().update(cases).set({ batchId, batchCategoryCode: category, batchPosition: 100 + i, ...(state === "published" ? { publishedVersion: 1 } : {}) }).where(eq(cases.id, id));
    created.push(id);
  }
  const existing = await db().select().from(batchCategories).where(and(eq(batchCategories.batchId, batchId), eq(batchCategories.categoryCode, category)));
  if (n > 0 && existing.length === 0) await db().insert(batchCategories).values({ batchId, categoryCode: category, position: 50 });
  return created;
}

async function makeBatch(state: BatchState, withCases: number): Promise<BatchFx> {
  const number = nextBatchNumber++;
  const now = new Date();
  const [row] = await db()
    .insert(batches)
    .values({ number, title: `测试批次 ${number}`, preface: [], state, createdBy: ids.publisher, createdAt: now, updatedAt: now, publishedAt: state === "published" ? now : null })
    .returning({ id: batches.id });
  const caseState = state === "published" ? "published" : "approved";
  if (withCases) {
    await addCasesToBatch(row.id, withCases, caseState);
    if (state === "compiling") await addCasesToBatch(row.id, 1, caseState, "international-cooperation");
  }
  const caseCount = withCases ? withCases + (state === "compiling" ? 1 : 0) : 0;
  return { kind: "batch", label: `${state}${withCases ? "" : " (empty)"}`, number: String(number), exists: true, state, caseCount, withCases };
}

async function makeCase(state: CaseState, participating: string[] = []): Promise<CaseFx> {
  const id = await caseInState(state, { claimedBy: ids.reviewer, content: caseContent({ regions: participating }) });
  if (state === "published") await db().update(cases).set({ publishedVersion: 1 }).where(eq(cases.id, id));
  const fx: CaseFx = { kind: "case", label: participating.length ? `${state} (+${participating.join(",")})` : state, id, exists: true, state, participating, info: null };
  return refreshCase(fx);
}

async function refreshCase(fx: CaseFx): Promise<CaseFx> {
  const [row] = await db().select().from(cases).where(eq(cases.id, fx.id));
  if (!row) return { ...fx, exists: false, info: null };
  const participating = (await db().select({ code: caseRegions.regionCode }).from(caseRegions).where(eq(caseRegions.caseId, fx.id))).map((r) => r.code);
  return { ...fx, exists: true, info: await workflowInfo(db(), row), participating };
}

async function refreshBatch(fx: BatchFx): Promise<BatchFx> {
  const row = await batchRow(fx);
  if (!row) return { ...fx, exists: false };
  const members = await db().select({ id: cases.id }).from(cases).where(eq(cases.batchId, row.id));
  return { ...fx, exists: true, state: row.state as BatchState, caseCount: members.length };
}

// ---------------------------------------------------------------------------------------------
// Bodies

const transitionBody = (action: string) => async (fx: Fixture) => ({
  intent: "transition",
  action,
  // as the confirmation dialog posts irreversible steps (unconfirmed ones only ask; see transitions.test.ts)
  confirmed: "1",
  reason: REASON,
  ...(action === "assign" ? { assignee: ids.reviewer } : {}),
  ...(fx.kind === "case" ? {} : {}),
});

const batchBody =
  (intent: string, extra: (b: BatchFx, allowed: boolean) => Promise<Record<string, string>>) =>
  async (fx: Fixture, _actor: Actor, expected: Expected) => {
    const b = batchOf(fx);
    return { intent, token: await batchTokenOf(b), ...(await extra(b, expected === "allow")) };
  };

// ---------------------------------------------------------------------------------------------
// The declarations: route id → which rule guards its loader and each intent of its action

const CASE_PAGE_INTENTS: Record<string, Check> = Object.fromEntries([
  ...CASE_ACTIONS.map((a): [string, Check] => [`transition:${a}`, { rule: caseTransition(a), body: transitionBody(a), consumes: true }]),
  ["comment", { rule: comment, body: async () => ({ intent: "comment", anchor: "general", body: "矩阵测试意见" }) }],
  ["resolve-comment", { rule: comment, body: async (fx) => ({ intent: "resolve-comment", commentId: String(await rootComment(caseOf(fx).id, false)) }) }],
  ["reopen-comment", { rule: comment, body: async (fx) => ({ intent: "reopen-comment", commentId: String(await rootComment(caseOf(fx).id, true)) }) }],
]);

const BATCH_INTENTS: Record<string, Check> = {
  "save-meta": { rule: editBatchContent, body: batchBody("save-meta", async () => ({ title: "国家服务业扩大开放综合试点示范建设 测试批次", preface: "前言。" })) },
  "add-case": {
    rule: editBatchContent,
    body: batchBody("add-case", async (_b, allowed) => ({ caseId: allowed ? await caseInState("approved") : randomUUID(), categoryCode: "" })),
  },
  "remove-case": { rule: editBatchContent, body: batchBody("remove-case", async (b, allowed) => ({ caseId: await batchCase(b, allowed) })) },
  "move-case": { rule: editBatchContent, body: batchBody("move-case", async (b, allowed) => ({ caseId: await batchCase(b, allowed), direction: "up" })) },
  "move-category": {
    rule: editBatchContent,
    body: batchBody("move-category", async (b, allowed) => {
      const row = await batchRow(b);
      if (allowed && row) await addCasesToBatch(row.id, 1, "approved", "international-cooperation");
      return { categoryCode: "international-cooperation", direction: "up" };
    }),
  },
  "set-category": {
    rule: editBatchContent,
    body: batchBody("set-category", async (b, allowed) => ({ caseId: await batchCase(b, allowed), categoryCode: "industry-ecosystem" })),
  },
  ...Object.fromEntries(
    BATCH_ACTIONS.map((a): [string, Check] => [`transition:${a}`, { rule: batchTransition(a), body: batchBody("transition", async () => ({ action: a, confirmed: "1" })), consumes: true }]),
  ),
  // An erratum makes a new edition of the stored exports: run it on a copy, so the downloads checked later stay made.
  erratum: { rule: erratum, body: batchBody("erratum", async () => ({ body: "第 3 页“试点”应为“试点示范”。" })), consumes: true },
};

const INCOMPLETE: Observed[] = ["success", "invalid"];

const DECLARATIONS: Record<string, RouteDeclaration> = {
  root: { loader: { publicRule: everyone } },
  "routes/_index": { loader: { rule: signedIn } },
  "routes/login": {
    loader: { publicRule: everyone },
    // a wrong password: past the guard, refused with 400/429
    action: { login: { publicRule: everyone, body: async () => ({ username: "matrix-nobody", password: "wrong-password" }), allowAs: ["invalid"] } },
  },
  // the language switch: anyone may choose (a GET just goes home)
  "routes/locale": {
    loader: { publicRule: everyone },
    action: { choose: { publicRule: everyone, body: async () => ({ locale: "en", redirectTo: "/bulletins" }) } },
  },
  "routes/logout": {
    loader: { rule: signedIn },
    // logging out always ends at the login page
    action: { logout: { publicRule: everyone, body: async () => ({}), allowAs: ["login"], ownSession: true } },
  },
  "routes/password": {
    loader: { rule: signedIn },
    action: {
      change: { rule: signedIn, body: async () => ({ currentPassword: "not-my-password", newPassword: "矩阵-new-pass-1", confirmPassword: "矩阵-new-pass-1" }), allowAs: ["invalid"] },
    },
  },
  "routes/ping": { loader: { publicRule: everyone } },
  // benchmark-only, enabled by BENCH_ROUTES=1 in the benchmark's server: absent everywhere else
  "routes/bench.rows": { loader: { publicRule: () => "notfound" } },
  // test-only, enabled by PILOT_TEST_CLOCK=1 on the e2e server: absent everywhere else
  "routes/test-clock": {
    loader: { publicRule: () => "notfound" },
    action: { set: { publicRule: () => "notfound", body: async () => ({ at: "2030-01-01T00:00:00Z" }) } },
  },
  "routes/search": { loader: { rule: signedIn, query: "?q=外资 发展&region=beijing&state=published&batch=3&page=1" } },
  "routes/inbox": {
    loader: { rule: signedIn },
    action: {
      "read-all": { rule: signedIn, body: async () => ({ intent: "read-all" }) },
      // somebody else's notification does not exist for you
      "open-beijing-notification": {
        rule: (user) => allow(user.id === ids.beijing, "notfound"),
        body: async () => ({ intent: "open", id: String(beijingNotification) }),
      },
    },
  },
  "routes/cases._index": { loader: { rule: perm("case:read:own-region") } },
  "routes/cases.new": {
    loader: { rule: createCase((u) => u.regions[0] ?? "-") },
    action: {
      "save-own-region": {
        rule: createCase((u) => u.regions[0] ?? "-"),
        body: async (_fx, actor) => [
          ...valuesToEntries(contentToFormValues(caseContent({ leadRegion: actor.user?.regions[0] ?? "beijing", title: "矩阵新建案例" }))),
          ["intent", "save"],
          ["js", "1"],
        ],
      },
      "save-for-shanghai": {
        rule: createCase(() => "shanghai"),
        body: async () => [...valuesToEntries(contentToFormValues(caseContent({ leadRegion: "shanghai", title: "替上海新建案例" }))), ["intent", "save"], ["js", "1"]],
      },
    },
  },
  "routes/cases.$caseId._index": { loader: { rule: readCase }, action: CASE_PAGE_INTENTS },
  "routes/cases.$caseId.diff": { loader: { rule: seeReview } },
  "routes/cases.$caseId.figures[.]csv": { loader: { rule: seeReview } },
  "routes/cases.$caseId.edit": {
    loader: { rule: editCase },
    action: {
      save: {
        rule: editCase,
        body: async (fx) => {
          const { version, entries } = await caseFields(caseOf(fx), { title: `矩阵保存 ${randomUUID().slice(0, 6)}` });
          return [...entries, ["intent", "save"], ["js", "1"], ["baseVersion", String(version)]];
        },
      },
    },
  },
  "routes/review._index": {
    loader: { rule: queueUser },
    action: {
      // one fresh submitted case per call: the queue action then decides per case (a refused item → 409)
      claim: {
        rule: queueUser,
        body: async () => {
          const id = await caseInState("submitted");
          return { intent: "claim", case: bulkItemValue({ id, version: 1, state: "submitted" }) };
        },
        allowAs: ["success", "conflict"],
      },
    },
  },
  "routes/batches._index": { loader: { rule: perm("batch:compile:any") } },
  "routes/batches.new": {
    loader: { rule: perm("batch:compile:any") },
    // an unpublished batch exists in the fixtures: refused with 409 after the guard
    action: { create: { rule: perm("batch:compile:any"), body: async () => ({ title: "新批次", preface: "" }), allowAs: ["success", "conflict"] } },
  },
  "routes/batches.$number": { loader: { rule: compileBatch }, action: BATCH_INTENTS },
  "routes/batches.$number_.preview": { loader: { rule: compileBatch } },
  "routes/bulletins._index": { loader: { publicRule: everyone } },
  "routes/bulletins.$number": { loader: { publicRule: bulletinPage } },
  "routes/bulletins.$number.download.$format": { loader: { publicRule: bulletinDownload } },
  // The proof view: who may download the PDF may see its pages.
  "routes/batches.$number_.proof": { loader: { publicRule: bulletinDownload } },
  "routes/batches.$number_.proof_.$page[.]png": { loader: { publicRule: bulletinDownload } },
  "routes/bulletins.document[.]css": { loader: { publicRule: everyone } },
  "routes/admin.users._index": {
    loader: { rule: perm("user:manage:any") },
    // Unconfirmed: the page asks first (200), nothing changes.
    action: { deactivate: { rule: perm("user:manage:any"), body: async () => ({ intent: "deactivate", userId: "00000000-0000-0000-0000-000000000000" }), allowAs: ["success"] } },
  },
  "routes/admin.cases": {
    loader: { rule: perm("case:assign:any") },
    action: {
      assign: {
        rule: perm("case:assign:any"),
        body: async () => ({ caseId: "00000000-0000-0000-0000-000000000000", assignee: "00000000-0000-0000-0000-000000000001", expectedVersion: "1", expectedState: "submitted", expectedClaim: "none" }),
        allowAs: ["notfound"],
      },
    },
  },
  "routes/admin.users.new": {
    loader: { rule: perm("user:manage:any") },
    action: { create: { rule: perm("user:manage:any"), body: async () => ({ username: "", displayName: "" }), allowAs: INCOMPLETE } },
  },
  "routes/admin.users.$userId": {
    loader: { rule: manageUser },
    action: {
      save: { rule: manageUser, body: async () => ({ intent: "save", displayName: "" }), allowAs: INCOMPLETE },
      "reset-password": { rule: manageUser, body: async () => ({ intent: "reset-password", password: "1" }), allowAs: INCOMPLETE },
    },
  },
  "routes/admin.regions": {
    loader: { rule: perm("reference:manage:any") },
    action: {
      create: { rule: perm("reference:manage:any"), body: async () => ({ intent: "create", code: "", name: "" }), allowAs: INCOMPLETE },
      update: { rule: perm("reference:manage:any"), body: async () => ({ intent: "update", code: "beijing", name: "" }), allowAs: INCOMPLETE },
    },
  },
  "routes/admin.categories": {
    loader: { rule: perm("reference:manage:any") },
    action: {
      create: { rule: perm("reference:manage:any"), body: async () => ({ intent: "create", code: "", name: "" }), allowAs: INCOMPLETE },
      update: { rule: perm("reference:manage:any"), body: async () => ({ intent: "update", code: "industry-ecosystem", name: "" }), allowAs: INCOMPLETE },
    },
  },
  "routes/admin.import": {
    loader: { rule: perm("bulletin:import:any") },
    action: {
      parse: { rule: perm("bulletin:import:any"), body: async () => ({ intent: "parse", text: "这不是一份公报" }), allowAs: INCOMPLETE },
      confirm: { rule: perm("bulletin:import:any"), body: async () => ({ intent: "confirm", text: "" }), allowAs: INCOMPLETE },
    },
  },
  "routes/admin.login-throttles": {
    loader: { rule: perm("user:manage:any") },
    action: { clear: { rule: perm("user:manage:any"), body: async () => ({ kind: "address", ip: "203.0.113.250" }), allowAs: ["success"] } },
  },
  "routes/admin.audit._index": { loader: { rule: perm("audit:read:any") } },
  "routes/figures": { loader: { rule: perm("case:read:any") } },
  "routes/figures[.]csv": { loader: { rule: perm("case:read:any") } },
  "routes/calls._index": { loader: { rule: perm("call:read:invited") } },
  "routes/calls.new": {
    loader: { rule: perm("call:manage:any") },
    action: { create: { rule: perm("call:manage:any"), body: async () => ({ title: "" }), allowAs: INCOMPLETE } },
  },
  "routes/calls.$callId": {
    loader: { rule: callPage },
    action: {
      "extend-invalid": { rule: (user, fx) => (callPage(user, fx) === "allow" ? allow(hasPermission(user, "call:manage:any")) : callPage(user, fx)), body: async () => ({ intent: "extend", version: "1", deadline: "明天" }), allowAs: INCOMPLETE },
      // a case that does not exist: 404 for the submitter who may attach; others may not attach at all
      "attach-missing": {
        rule: (user, fx) => (callPage(user, fx) === "allow" ? (user.roles.includes("submitter") ? "notfound" : "forbidden") : callPage(user, fx)),
        body: async () => ({ intent: "attach", caseId: randomUUID() }),
      },
    },
  },
  "routes/admin.audit[.]csv": { loader: { rule: perm("audit:read:any") } },
  "routes/admin.jobs": {
    loader: { rule: perm("job:manage:any") },
    action: { retry: { rule: perm("job:manage:any"), body: async () => ({ intent: "retry", jobId: "00000000-0000-0000-0000-000000000000" }), allowAs: ["notfound"] } },
  },
};

// ---------------------------------------------------------------------------------------------
// Running the matrix

const manifest = routeManifest();
const actors = {} as Record<ActorName, Actor>;
let caseFixtures: CaseFx[] = [];
let batchFixtures: BatchFx[] = [];
let userFixtures: UserFx[] = [];
let callFixtures: CallFx[] = [];

beforeAll(async () => {
  for (const name of ACTOR_NAMES) {
    const context = await contextFor(name === "anonymous" ? null : name, `10.20.0.${ACTOR_NAMES.indexOf(name) + 1}`);
    actors[name] = { name, user: context.auth.user, context };
  }
  for (const name of Object.keys(ids) as (keyof typeof ids)[]) ids[name] = await userIdOf(name);
  caseFixtures = [];
  for (const state of CASE_STATES) caseFixtures.push(await makeCase(state));
  // a Beijing draft with Shanghai participating: Shanghai may read it, not edit it
  caseFixtures.push(await makeCase("draft", ["shanghai"]));
  caseFixtures.push(await makeCase("submitted", ["shanghai"]));
  caseFixtures.push({ kind: "case", label: "missing", id: randomUUID(), exists: false, state: null, participating: [], info: null });
  caseFixtures.push({ kind: "case", label: "malformed", id: "../../etc/passwd' or '1'='1", exists: false, state: null, participating: [], info: null });
  batchFixtures = [];
  for (const state of BATCH_STATES) batchFixtures.push(await makeBatch(state, 1));
  batchFixtures.push(await makeBatch("compiling", 0));
  batchFixtures.push({ kind: "batch", label: "missing", number: "9999", exists: false, state: null, caseCount: 0, withCases: 0 });
  batchFixtures.push({ kind: "batch", label: "malformed", number: "4; drop table cases", exists: false, state: null, caseCount: 0, withCases: 0 });
  userFixtures = [
    { kind: "user", label: "shanghai", id: ids.shanghai, exists: true },
    { kind: "user", label: "missing", id: randomUUID(), exists: false },
  ];
  const publisher = actors.publisher.user!;
  const callId = await openCall(publisher, { id: publisher.id, name: "发布人" }, { title: "权限矩阵征集", notice: "", deadline: new Date(Date.now() + 30 * 24 * 3600 * 1000), categories: [], regions: [{ code: "beijing", quota: 1 }], remindDaysBefore: 3 });
  callFixtures = [
    { kind: "call", label: "beijing call", id: String(callId), exists: true },
    { kind: "call", label: "missing", id: "999999", exists: false },
    { kind: "call", label: "malformed", id: "1; drop table calls", exists: false },
  ];
  const [n] = await db().insert(notifications).values({ userId: ids.beijing, kind: "case.approve", caseId: caseFixtures[0]!.id, message: "北京的通知" }).returning({ id: notifications.id });
  beijingNotification = n.id;
  // A published batch's downloads are made by the bulletin.export job: make them now (the PDF
  // without a browser, to keep this fast; the matrix asks only for Markdown and DOCX).
  const savedChromium = process.env.CHROMIUM_PATH;
  process.env.CHROMIUM_PATH = "off";
  try {
    for (const b of await db().select({ id: batches.id }).from(batches).where(eq(batches.state, "published"))) {
      await db().transaction((tx) => queueBulletinExport(tx, b.id));
    }
    await runDueJobs();
  } finally {
    if (savedChromium === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = savedChromium;
  }
}, 120_000);

function fixturesFor(route: ManifestRoute): Fixture[] {
  const key = [...route.params].sort().join(",");
  switch (key) {
    case "":
      return [{ kind: "none", label: "-", params: {} }];
    case "caseId":
      return caseFixtures.map((c) => ({ ...c, params: { caseId: c.id } }));
    case "number":
      return batchFixtures.map((b) => ({ ...b, params: { number: b.number } }));
    case "format,number":
      return batchFixtures.flatMap((b) => ["md", "docx"].map((format) => ({ ...b, label: `${b.label} ${format}`, format, params: { number: b.number, format } })));
    case "number,page":
      return batchFixtures.map((b) => ({ ...b, params: { number: b.number, page: "1" } }));
    case "userId":
      return userFixtures.map((u) => ({ ...u, params: { userId: u.id } }));
    case "callId":
      return callFixtures.map((c) => ({ ...c, params: { callId: c.id } }));
    default:
      throw new Error(`route ${route.id} has parameters (${key}) this matrix has no fixtures for: add them`);
  }
}

async function refresh(fx: Fixture): Promise<Fixture> {
  if (fx.kind === "case" && fx.exists) return { ...(await refreshCase(fx)), params: fx.params };
  if (fx.kind === "batch" && fx.exists) return { ...(await refreshBatch(fx)), params: fx.params, format: fx.format };
  return fx;
}

/** A copy of a case/batch fixture in the same state, for a call that will change it. */
async function freshCopy(fx: Fixture): Promise<Fixture> {
  if (fx.kind === "case" && fx.exists && fx.state) {
    const c = await makeCase(fx.state, fx.participating);
    return { ...c, label: fx.label, params: { caseId: c.id } };
  }
  if (fx.kind === "batch" && fx.exists && fx.state) {
    const b = await makeBatch(fx.state, fx.withCases);
    return { ...b, label: fx.label, params: { ...fx.params, number: b.number } };
  }
  return fx;
}

type Row = {
  route: string;
  what: string;
  actor: ActorName;
  fixture: string;
  expected: Expected;
  observed: Observed;
  status: number;
  ok: boolean;
  chinese: boolean;
};

function expectedFor(check: Check, actor: Actor, fx: Fixture): Expected {
  if (check.publicRule) return check.publicRule(actor.user, fx);
  if (!check.rule) throw new Error("a check needs rule or publicRule");
  return actor.user ? check.rule(actor.user, fx) : "login";
}

function matches(expected: Expected, observed: Observed, check: Check): boolean {
  if (expected === "allow") return (check.allowAs ?? ["success"]).includes(observed);
  return expected === observed;
}

async function runCheck(route: ManifestRoute, module: RouteModule, kind: "loader" | "action", what: string, check: Check, rows: Row[]) {
  for (const baseFx of fixturesFor(route)) {
    for (const name of ACTOR_NAMES) {
      let fx = await refresh(baseFx);
      let actor = actors[name];
      let expected = expectedFor(check, actor, fx);
      if (expected === "allow" && check.consumes) {
        fx = await refresh(await freshCopy(fx));
        expected = expectedFor(check, actor, fx);
      }
      if (check.ownSession && actor.user) {
        const context = await contextFor(name, "10.20.1.1");
        actor = { ...actor, context };
      }
      const pathname = fillPattern(route.pattern, fx.params);
      let request: Request;
      if (kind === "loader") request = new Request(`${BASE}${pathname}${check.query ?? ""}`);
      else {
        const fields = await check.body!(fx, actor, expected);
        const entries: [string, string][] = Array.isArray(fields)
          ? fields
          : Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
        request = formRequest(pathname, entries);
      }
      const fn = module[kind]!;
      let answer: Answer;
      try {
        answer = await answerOf(() => fn({ request, context: actor.context, params: fx.params }));
      } catch (error) {
        throw new Error(`${route.id} ${what} as ${name} on ${fx.label}: threw ${error instanceof Error ? error.stack : String(error)}`);
      }
      const observed = classify(answer);
      const refused = observed === "forbidden" || observed === "notfound" || observed === "conflict" || observed === "invalid";
      rows.push({
        route: route.id,
        what,
        actor: name,
        fixture: fx.label,
        expected,
        observed,
        status: answer.status,
        ok: matches(expected, observed, check),
        // a refusal a person reads: a Chinese message (a plain 404 page body counts as the root boundary's)
        chinese: !refused || hasChineseMessage(answer),
      });
    }
  }
}

describe("lists show nothing a user may not read", () => {
  it("a Shanghai submitter's case list, search and inbox never show a Beijing-only case; reviewers never see drafts", async () => {
    const { loader: listLoader } = (await import("~/routes/cases._index")) as RouteModule;
    const { loader: searchLoader } = (await import("~/routes/search")) as RouteModule;
    const { loader: queueLoader } = (await import("~/routes/review._index")) as RouteModule;
    const marker = "鹦鹉螺号专属标记";
    const draft = await caseInState("draft", { content: caseContent({ title: `北京草稿${marker}` }) });
    const submitted = await caseInState("submitted", { content: caseContent({ title: `北京已提交${marker}` }) });
    const text = async (fn: RouteModule["loader"], path: string, who: ActorName) => {
      const data = (await answerOf(() => fn!({ request: new Request(`${BASE}${path}`), context: actors[who].context, params: {} }))).data as Record<string, unknown>;
      return JSON.stringify(data.rows ?? (data.result as { hits?: unknown } | null)?.hits ?? data.entries ?? data);
    };

    const shanghaiList = await text(listLoader, "/cases", "shanghai");
    expect(shanghaiList).not.toContain(draft);
    expect(shanghaiList).not.toContain(submitted);
    expect(await text(listLoader, "/cases", "beijing")).toContain(draft);

    const q = `/search?q=${encodeURIComponent(marker)}`;
    expect(await text(searchLoader, q, "shanghai")).not.toContain(marker);
    const reviewerHits = await text(searchLoader, q, "reviewer");
    expect(reviewerHits).toContain(submitted);
    expect(reviewerHits).not.toContain(draft);
    const beijingHits = await text(searchLoader, q, "beijing");
    expect(beijingHits).toContain(draft);
    expect(beijingHits).toContain(submitted);

    const queue = await text(queueLoader, "/review", "reviewer");
    expect(queue).toContain(submitted);
    expect(queue).not.toContain(draft);

    // A notification of Beijing's is not in Shanghai's inbox.
    const { loader: inboxLoader } = (await import("~/routes/inbox")) as RouteModule;
    expect(await text(inboxLoader, "/inbox", "shanghai")).not.toContain("北京的通知");
    expect(await text(inboxLoader, "/inbox", "beijing")).toContain("北京的通知");
  });

  it("a refused transition or comment changes nothing", async () => {
    const { action } = (await import("~/routes/cases.$caseId._index")) as RouteModule;
    const id = await caseInState("submitted");
    const before = await db().select().from(cases).where(eq(cases.id, id));
    for (const who of ["shanghai", "publisher"] as const) {
      for (const fields of [{ intent: "transition", action: "approve" }, { intent: "comment", anchor: "general", body: "越权评论" }]) {
        const answer = await answerOf(() => action!({ request: formRequest(`/cases/${id}`, Object.entries(fields)), context: actors[who].context, params: { caseId: id } }));
        expect(answer.status, `${who} ${fields.intent}`).toBe(403);
      }
    }
    expect(await db().select().from(cases).where(eq(cases.id, id))).toEqual(before);
    expect(await db().select().from(caseComments).where(and(eq(caseComments.caseId, id), isNull(caseComments.parentId)))).toHaveLength(0);
  });

  it("a user who must change the password reaches nothing but the password page", async () => {
    await db().update(users).set({ mustChangePassword: true }).where(eq(users.id, ids.shanghai));
    try {
      const context = await contextFor("shanghai", "10.20.2.1");
      const paths: [string, Record<string, string>][] = [
        ["routes/_index", {}],
        ["routes/cases._index", {}],
        ["routes/cases.new", {}],
        ["routes/search", {}],
        ["routes/inbox", {}],
        ["routes/cases.$caseId._index", { caseId: caseFixtures[0]!.id }],
      ];
      for (const [id, params] of paths) {
        const route = manifest.find((r) => r.id === id)!;
        const module = await importRoute(route);
        const answer = await answerOf(() => module.loader!({ request: new Request(`${BASE}${fillPattern(route.pattern, params)}`), context, params }));
        expect(answer.location, id).toBe("/password");
      }
    } finally {
      await db().update(users).set({ mustChangePassword: false }).where(eq(users.id, ids.shanghai));
    }
  });
});

describe("the authorization matrix", () => {
  it("has a declaration for every route module's loader and action, and none for routes that do not exist", async () => {
    const missing: string[] = [];
    for (const route of manifest) {
      const module = await importRoute(route);
      const declaration = DECLARATIONS[route.id];
      if (module.loader && !declaration?.loader) missing.push(`${route.id} loader`);
      if (module.action && !declaration?.action) missing.push(`${route.id} action`);
      if (!module.loader && declaration?.loader) missing.push(`${route.id}: declared loader, none exported`);
      if (!module.action && declaration?.action) missing.push(`${route.id}: declared action, none exported`);
    }
    const stale = Object.keys(DECLARATIONS).filter((id) => !manifest.some((r) => r.id === id));
    expect(missing, "routes without a declared rule").toEqual([]);
    expect(stale, "declarations of routes that no longer exist").toEqual([]);
    expect(manifest.length).toBeGreaterThanOrEqual(29);
  });

  it("every caller gets what the permission and workflow tables say, and nothing more", async () => {
    const started = Date.now();
    const rows: Row[] = [];
    for (const route of manifest) {
      const module = await importRoute(route);
      const declaration = DECLARATIONS[route.id]!;
      if (module.loader && declaration.loader) await runCheck(route, module, "loader", "GET", declaration.loader, rows);
      if (module.action && declaration.action) {
        for (const [intent, check] of Object.entries(declaration.action)) await runCheck(route, module, "action", `POST ${intent}`, check, rows);
      }
    }
    const unexpectedAllows = rows.filter((r) => r.expected !== "allow" && r.observed === "success");
    const mismatches = rows.filter((r) => !r.ok);
    const silent = rows.filter((r) => !r.chinese);
    const count = (e: Expected) => rows.filter((r) => r.expected === e).length;
    console.info(
      `authorization matrix: ${rows.length} calls over ${manifest.length} route modules × ${ACTOR_NAMES.length} actors ` +
        `(${count("allow")} allowed, ${count("login")} sent to login, ${count("forbidden")} forbidden, ${count("notfound")} not found, ${count("conflict")} refused by state) ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s; unexpected allows: ${unexpectedAllows.length}, mismatches: ${mismatches.length}`,
    );
    const show = (list: Row[]) => list.slice(0, 40).map((r) => `${r.route} ${r.what} as ${r.actor} on ${r.fixture}: expected ${r.expected}, got ${r.observed} (${r.status})`);
    expect(show(unexpectedAllows), "unexpected allows").toEqual([]);
    expect(show(mismatches), "answers that differ from the tables").toEqual([]);
    expect(show(silent), "refusals without a Chinese message").toEqual([]);
    // The matrix really covers every state and every kind of answer.
    expect(new Set(rows.filter((r) => r.route === "routes/cases.$caseId._index").map((r) => r.fixture)).size).toBeGreaterThanOrEqual(CASE_STATES.length + 2);
    for (const e of ["allow", "login", "forbidden", "notfound", "conflict"] as Expected[]) expect(count(e), e).toBeGreaterThan(0);
  }, 600_000);
});
