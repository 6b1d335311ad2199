/**
 * Fuzzed input: property-based tests (fast-check) that post generated bodies to EVERY action of
 * the route manifest — wrong types, missing/extra/repeated fields, huge strings (~200 KB), deep
 * JSON, invalid UTF-8 as raw bytes, control characters, script payloads, files where text is
 * expected, the wrong content type — for every intent each action knows, plus random intents and
 * hostile route parameters. The properties: never a 5xx (a thrown error that is not a
 * Response/data() is what the server would answer with 500), and every refusal (4xx) carries a
 * readable Chinese message.
 *
 * Then: script/HTML/Markdown payloads stored in every text field of a case (and in the batch's
 * title, preface and errata) come out inert in the HTML of the bulletin and case pages, in the
 * Markdown (escaped: rendered by a CommonMark parser they are text), in the DOCX (text runs
 * only: no injected fields, hyperlinks or markup) and in the PDF (no scripts, actions or links
 * out).
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { unzip } from "../support/zip";
import fc from "fast-check";

// Reproducible by default, so a CI run cannot fail on inputs nobody can replay: FUZZ_SEED=<n>
// explores other inputs (and every failure report names its seed).
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261126);
fc.configureGlobal({ seed: FUZZ_SEED });
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { batchCategories, batchErrata, batches, caseComments, cases, categories, notifications, regions, users } from "#db/schema";
import { openCall } from "~/calls/calls.server";
import { createBatch } from "~/batches/batch-editing.server";
import { batchToken } from "~/batches/batches.server";
import { exportBulletin } from "~/batches/exports.server";
import { BulletinDocument } from "~/bulletin/BulletinDocument";
import { CaseDocument } from "~/bulletin/CaseDocument";
import { bulletinPrintHtml, findChromium, renderBulletinPdf } from "~/bulletin/pdf.server";
import { caseContentSchema, type CaseContent } from "~/cases/content";
import { valuesToEntries } from "~/cases/form/paths";
import { contentToFormValues } from "~/cases/form/values";
import { getDb } from "~/db/db.server";
import { startSession } from "~/auth/session.server";
import { createApp } from "~/server/http.server";
import { startViteDev } from "~/server/vite-dev";
import { THIRD_BATCH_FILE } from "~/db/seed.server";
import { CASE_ACTIONS, CASE_STATES } from "#workflows/case-review";
import { useTestDatabase } from "../support/database";
import { BASE, contextFor } from "../support/requests";
import { fuzzBody, fuzzRequest, nastyValue, SCRIPT_PAYLOADS, type FuzzBody, type Part } from "../support/fuzz";
import { answerOf, hasChineseMessage, importRoute, routeManifest, type RouteModule } from "../support/security";
import { caseContent, caseInState, createDraft, ensureUser, signedIn, submittedCase, userIdOf } from "./review-fixtures";

await useTestDatabase();
const db = () => getDb();

/** Runs per action (each action gets at least 50; intents share them, with a floor per intent). */
const RUNS = Number(process.env.FUZZ_RUNS || 64);
const PER_INTENT_FLOOR = 12;
const RANDOM_INTENT_RUNS = 12;

const ACTORS = ["anonymous", "beijing", "shanghai", "reviewer", "publisher", "admin"] as const;
type ActorName = (typeof ACTORS)[number];
const contexts = {} as Record<ActorName, AppLoadContext>;

const fx = {
  submitted: "",
  draft: "",
  approved: [] as string[],
  comment: 0,
  batch: "4",
  targetUser: "",
  reviewer: "",
  notification: 0,
  call: "",
};

const thirdBatch = fs.readFileSync(THIRD_BATCH_FILE, "utf8");

beforeAll(async () => {
  for (const name of ACTORS) contexts[name] = await contextFor(name === "anonymous" ? null : name, `10.30.0.${ACTORS.indexOf(name) + 1}`);
  fx.reviewer = await userIdOf("reviewer");
  fx.submitted = await submittedCase("beijing");
  fx.draft = await createDraft("beijing");
  for (let i = 0; i < 3; i++) fx.approved.push(await caseInState("approved", { content: caseContent({ title: `已通过案例${i}` }) }));
  const [c] = await db().insert(caseComments).values({ caseId: fx.submitted, anchor: "general", body: "意见", version: 2, authorId: fx.reviewer }).returning({ id: caseComments.id });
  fx.comment = c.id;
  const publisher = await signedIn("publisher");
  fx.batch = String((await createBatch(publisher.user, publisher.actor, { title: "模糊测试批次", preface: [] })).number);
  fx.targetUser = await ensureUser("fuzz-target", "模糊测试用户", ["submitter"], ["beijing"]);
  await db().insert(regions).values({ code: "fuzz-region", name: "模糊测试地区", shortName: "模糊", sortOrder: 99 }).onConflictDoNothing();
  await db().insert(categories).values({ code: "fuzz-category", name: "模糊测试类别", sortOrder: 99 }).onConflictDoNothing();
  const [n] = await db().insert(notifications).values({ userId: fx.reviewer, kind: "case.submit", caseId: fx.submitted, message: "通知" }).returning({ id: notifications.id });
  fx.notification = n.id;
  fx.call = String(
    await openCall(publisher.user, publisher.actor, { title: "模糊测试征集", notice: "", deadline: new Date(Date.now() + 30 * 86400000), categories: [], regions: [{ code: "beijing", quota: 1 }], remindDaysBefore: 3 }),
  );
}, 120_000);

// ---------------------------------------------------------------------------------------------
// What each action is fuzzed with

type Spec = {
  /** Who posts (one per run, drawn at random): mostly those the route lets through to validation. */
  actors: ActorName[];
  params: () => Record<string, string>;
  /** Every intent the action tells apart (read from the action's code). */
  intents?: string[];
  fields: string[];
  /** Realistic values for some fields (placeholders <<…>> are filled in when the request is made). */
  values?: Record<string, fc.Arbitrary<string>>;
  /** A valid body that mutations start from (fields dropped or replaced). */
  base?: () => Part[];
  /** The query string (login's redirectTo). */
  query?: fc.Arbitrary<string>;
  /** A fresh session per run (logout ends it). */
  ownSession?: boolean;
  /** Values that pass validation, for the systematic poison test (the poisoned field aside). */
  sane?: Record<string, string>;
  /** Checks beyond "no 5xx, Chinese refusals". */
  extraCheck?: (answer: Awaited<ReturnType<typeof answerOf>>) => void;
};

const ids = fc.oneof(fc.constantFrom("<<SUBMITTED>>", "<<DRAFT>>", "<<APPROVED>>", "<<COMMENT>>"), fc.uuid(), nastyValue());
const anchors = fc.constantFrom("general", "intro", "practices.lead", "practices.items.0", "practices.items.1", "practices.items.99", "effects.items.0", "nextSteps", "__proto__");

const EDITOR_FIELDS = [
  "title",
  "category",
  "leadRegion",
  "regions",
  "intro.0.text",
  "intro.0.marks",
  "intro.1.text",
  "practices.lead.text",
  "practices.lead.marks",
  "practices.items.0.heading",
  "practices.items.0.body.0.type",
  "practices.items.0.body.0.lead",
  "practices.items.0.body.0.text.text",
  "practices.items.0.body.0.text.marks",
  "practices.items.0.body.0.layout",
  "practices.items.0.body.0.intro.text",
  "practices.items.0.body.0.points.0.lead",
  "practices.items.0.body.0.points.0.text.text",
  "practices.items.1.heading",
  "effects.heading",
  "effects.items.0.heading",
  "effects.items.0.body.0.text.text",
  "nextSteps.heading",
  "nextSteps.kind",
  "nextSteps.text.text",
  "nextSteps.layout",
  "nextSteps.points.0.lead",
  "nextSteps.points.0.text.text",
  "baseVersion",
  "js",
  "pasteText",
];
const EDITOR_INTENTS = [
  "save",
  "autosave",
  "submit",
  "paste",
  "overwrite:1",
  "overwrite:999999999",
  "op:add:practices.items",
  "op:remove:practices.items.0",
  "op:up:practices.items.1",
  "op:down:practices.items.0",
  "op:add:practices.items.0.body:points",
  "op:type:practices.items.0.body.0:points",
  "op:kind:nextSteps:points",
  "op:add:intro",
  "op:remove:intro.7",
  "op:add:__proto__",
];
const editorValues: Record<string, fc.Arbitrary<string>> = {
  category: fc.constantFrom("institutional-innovation", "industry-ecosystem", "fuzz-category", "nope"),
  leadRegion: fc.constantFrom("beijing", "shanghai", "fuzz-region", ""),
  regions: fc.constantFrom("shanghai", "beijing", "tianjin", "nowhere"),
  baseVersion: fc.oneof(fc.constantFrom("<<VERSION>>", "1", "0"), fc.nat().map(String)),
  js: fc.constantFrom("1", "0", ""),
  pasteText: fc.oneof(
    fc.tuple(fc.nat(thirdBatch.length), fc.integer({ min: 50, max: 6000 })).map(([at, n]) => thirdBatch.slice(at, at + n)),
    fc.constantFrom(...SCRIPT_PAYLOADS),
  ),
  "practices.items.0.body.0.type": fc.constantFrom("paragraph", "points", "table"),
  "nextSteps.kind": fc.constantFrom("paragraph", "points", "x"),
  "nextSteps.layout": fc.constantFrom("inline", "list", "grid"),
  "intro.0.marks": fc.constantFrom("[]", "[[0,2]]", "0-2", "[[5,1]]", "[[0,99999]]", '[{"start":0,"end":2}]'),
};
const editorBase = (): Part[] => valuesToEntries(contentToFormValues(caseContent({ title: "模糊测试案例" })));

const SPECS: Record<string, Spec> = {
  "routes/login": {
    actors: ["anonymous"],
    params: () => ({}),
    fields: ["username", "password"],
    values: { username: fc.constantFrom("beijing", "nobody", "admin"), password: fc.constantFrom("wrong", "demo1234") },
    sane: { username: "nobody", password: "wrong-password" },
    query: fc.oneof(fc.constant(""), nastyValue(["https://evil.example", "//evil.example", "/\\evil.example", "/cases", "javascript:alert(1)"]).map((v) => `?redirectTo=${encodeURIComponent(v)}`)),
  },
  "routes/logout": { actors: ["beijing", "anonymous"], params: () => ({}), fields: ["intent"], ownSession: true },
  "routes/locale": {
    actors: ["beijing", "anonymous"],
    params: () => ({}),
    fields: ["locale", "redirectTo"],
    values: { locale: fc.constantFrom("en", "zh-CN", "fr", ""), redirectTo: fc.constantFrom("/cases", "//evil.example", "https://evil.example", "/\\evil.example", "") },
  },
  "routes/password": {
    actors: ["shanghai"],
    params: () => ({}),
    fields: ["currentPassword", "newPassword", "confirmPassword"],
    values: { currentPassword: fc.constantFrom("wrong-password", "") },
    sane: { currentPassword: "wrong-password", newPassword: "new-password-1", confirmPassword: "new-password-1" },
  },
  "routes/inbox": {
    actors: ["reviewer", "beijing"],
    params: () => ({}),
    intents: ["read-all", "read", "open"],
    fields: ["id"],
    values: { id: fc.oneof(fc.constant("<<NOTIFICATION>>"), fc.nat().map(String)) },
    sane: { id: "<<NOTIFICATION>>" },
  },
  "routes/cases.new": { actors: ["beijing", "shanghai"], params: () => ({}), intents: EDITOR_INTENTS, fields: EDITOR_FIELDS, values: editorValues, base: editorBase },
  "routes/cases.$caseId.edit": {
    actors: ["beijing"],
    params: () => ({ caseId: fx.draft }),
    intents: EDITOR_INTENTS,
    fields: EDITOR_FIELDS,
    values: editorValues,
    base: () => [...editorBase(), ["baseVersion", "<<VERSION>>"]],
  },
  "routes/cases.$caseId._index": {
    actors: ["reviewer", "beijing", "admin"],
    params: () => ({ caseId: fx.submitted }),
    intents: ["transition", "comment", "resolve-comment", "reopen-comment"],
    fields: ["action", "expectedVersion", "expectedState", "expectedClaim", "reason", "assignee", "anchor", "body", "parentId", "commentId"],
    values: {
      action: fc.constantFrom(...CASE_ACTIONS, "delete", ""),
      expectedVersion: fc.oneof(fc.constantFrom("<<VERSION>>"), fc.nat().map(String)),
      expectedState: fc.constantFrom(...CASE_STATES, "deleted"),
      expectedClaim: fc.constantFrom("none", "<<REVIEWER>>"),
      assignee: fc.constantFrom("<<REVIEWER>>", "<<DRAFT>>"),
      anchor: anchors,
      parentId: fc.oneof(fc.constant("<<COMMENT>>"), fc.nat().map(String)),
      commentId: fc.oneof(fc.constant("<<COMMENT>>"), fc.nat().map(String)),
    },
    sane: { action: "request_changes", expectedVersion: "", expectedState: "", expectedClaim: "", reason: "请补充数据", assignee: "", anchor: "general", body: "意见", parentId: "", commentId: "<<COMMENT>>" },
  },
  "routes/review._index": {
    actors: ["reviewer", "admin"],
    params: () => ({}),
    intents: ["claim", "approve"],
    fields: ["case"],
    sane: { case: "<<SUBMITTED>>:<<VERSION>>:submitted" },
    values: { case: fc.oneof(fc.constantFrom("<<SUBMITTED>>:<<VERSION>>:submitted", "<<APPROVED>>:1:approved"), fc.tuple(fc.uuid(), fc.nat(), fc.constantFrom(...CASE_STATES)).map(([a, b, c]) => `${a}:${b}:${c}`)) },
  },
  "routes/batches.new": { actors: ["publisher"], params: () => ({}), fields: ["title", "preface"] },
  "routes/calls.new": {
    actors: ["publisher", "admin"],
    params: () => ({}),
    fields: ["title", "notice", "deadline", "categories", "regions", "quota-beijing", "remindDaysBefore"],
    values: {
      deadline: fc.constantFrom("2099-01-01T10:00", "2020-01-01T10:00", "2099-13-40T99:99", "明天", ""),
      regions: fc.constantFrom("beijing", "shanghai", "fuzz-region", "nowhere"),
      categories: fc.constantFrom("institutional-innovation", "fuzz-category", "nope"),
      "quota-beijing": fc.constantFrom("1", "0", "-3", "1.5", "abc", ""),
      remindDaysBefore: fc.constantFrom("3", "-1", "999", "x", ""),
    },
    sane: { title: "征集", notice: "", deadline: "2099-01-01T10:00", categories: "", regions: "beijing", "quota-beijing": "1", remindDaysBefore: "3" },
  },
  "routes/calls.$callId": {
    actors: ["publisher", "beijing", "shanghai", "admin"],
    params: () => ({ callId: fx.call }),
    intents: ["attach", "close", "extend", "compile"],
    fields: ["caseId", "version", "deadline"],
    values: {
      caseId: fc.oneof(fc.constantFrom("<<DRAFT>>", "<<SUBMITTED>>"), fc.uuid()),
      version: fc.oneof(fc.constantFrom("1", "0", "x"), fc.nat().map(String)),
      deadline: fc.constantFrom("2099-01-01T10:00", "2020-01-01T10:00", "明天", ""),
    },
    sane: { caseId: "<<DRAFT>>", version: "999", deadline: "2099-01-01T10:00" },
  },
  "routes/test-clock": { actors: ["anonymous", "admin"], params: () => ({}), fields: ["at"] },
  "routes/batches.$number": {
    actors: ["publisher"],
    params: () => ({ number: fx.batch }),
    intents: ["save-meta", "add-case", "remove-case", "move-case", "move-category", "set-category", "transition", "erratum"],
    fields: ["token", "caseId", "categoryCode", "direction", "action", "title", "preface", "body"],
    values: {
      token: fc.oneof({ weight: 3, arbitrary: fc.constant("<<TOKEN>>") }, { weight: 1, arbitrary: fc.date().map((d) => (Number.isNaN(d.getTime()) ? "x" : d.toISOString())) }),
      caseId: ids,
      categoryCode: fc.constantFrom("institutional-innovation", "industry-ecosystem", "international-cooperation", "fuzz-category", "none"),
      direction: fc.constantFrom("up", "down", "left"),
      action: fc.constantFrom("freeze", "unfreeze", "publish", "delete"),
    },
    sane: { token: "<<TOKEN>>", caseId: "<<APPROVED>>", categoryCode: "industry-ecosystem", direction: "up", action: "delete", title: "标题", preface: "前言", body: "勘误" },
  },
  "routes/admin.users.new": {
    actors: ["admin"],
    params: () => ({}),
    sane: { username: "fuzz-new", displayName: "新用户", password: "password-123", roles: "submitter", regions: "beijing", active: "on" },
    fields: ["username", "displayName", "password", "roles", "regions", "active"],
    values: { roles: fc.constantFrom("submitter", "reviewer", "publisher", "admin", "root"), regions: fc.constantFrom("beijing", "shanghai", "atlantis"), active: fc.constantFrom("on", "off") },
  },
  "routes/admin.users.$userId": {
    actors: ["admin"],
    params: () => ({ userId: fx.targetUser }),
    sane: { username: "", displayName: "目标用户", password: "password-123", roles: "submitter", regions: "beijing", active: "on" },
    intents: ["save", "reset-password"],
    fields: ["username", "displayName", "password", "roles", "regions", "active"],
    values: { roles: fc.constantFrom("submitter", "reviewer", "publisher", "admin", "root"), regions: fc.constantFrom("beijing", "shanghai", "atlantis"), active: fc.constantFrom("on", "off") },
  },
  "routes/admin.users._index": {
    actors: ["admin", "reviewer"],
    params: () => ({}),
    intents: ["deactivate", "reactivate", "reset-password"],
    fields: ["userId", "confirmed"],
    values: { userId: fc.constantFrom("00000000-0000-0000-0000-000000000000", "not-a-user", ""), confirmed: fc.constantFrom("1", "0", "") },
    sane: { userId: "00000000-0000-0000-0000-000000000000", confirmed: "1" },
  },
  "routes/admin.cases": {
    actors: ["admin", "reviewer"],
    params: () => ({}),
    fields: ["caseId", "assignee", "expectedVersion", "expectedState", "expectedClaim"],
    values: {
      caseId: fc.constantFrom("00000000-0000-0000-0000-000000000000", "not-a-case", ""),
      assignee: fc.constantFrom("00000000-0000-0000-0000-000000000001", "not-a-user", ""),
      expectedVersion: fc.constantFrom("1", "2", "-1", "1e309", ""),
      expectedState: fc.constantFrom("submitted", "in_review", "bogus", ""),
      expectedClaim: fc.constantFrom("none", "00000000-0000-0000-0000-000000000001", ""),
    },
    sane: { caseId: "00000000-0000-0000-0000-000000000000", assignee: "00000000-0000-0000-0000-000000000001", expectedVersion: "1", expectedState: "submitted", expectedClaim: "none" },
  },
  "routes/admin.jobs": {
    actors: ["admin"],
    params: () => ({}),
    intents: ["retry"],
    fields: ["jobId"],
    values: { jobId: fc.constantFrom("00000000-0000-0000-0000-000000000000", "not-a-job", "") },
    sane: { jobId: "00000000-0000-0000-0000-000000000000" },
  },
  "routes/admin.login-throttles": {
    actors: ["admin"],
    params: () => ({}),
    fields: ["kind", "username", "ip"],
    values: { kind: fc.constantFrom("pair", "address", "account", "all") },
    sane: { kind: "pair", username: "fuzz-user", ip: "203.0.113.9" },
  },
  "routes/admin.regions": {
    actors: ["admin"],
    params: () => ({}),
    intents: ["create", "update"],
    fields: ["code", "name", "shortName", "sortOrder", "active"],
    values: { code: fc.constantFrom("fuzz-region", "fuzz-region-2", "nowhere"), sortOrder: fc.integer().map(String), active: fc.constantFrom("on", "") },
    sane: { code: "fuzz-region", name: "模糊地区", shortName: "模糊", sortOrder: "5", active: "on" },
  },
  "routes/admin.categories": {
    actors: ["admin"],
    params: () => ({}),
    intents: ["create", "update"],
    fields: ["code", "name", "sortOrder", "active"],
    values: { code: fc.constantFrom("fuzz-category", "fuzz-category-2", "nothing"), sortOrder: fc.integer().map(String), active: fc.constantFrom("on", "") },
    sane: { code: "fuzz-category", name: "模糊类别", sortOrder: "5", active: "on" },
  },
  "routes/admin.import": {
    actors: ["admin"],
    params: () => ({}),
    intents: ["parse", "confirm"],
    fields: ["text", "file", "lead.0", "regions.0", "lead.1"],
    sane: { text: thirdBatch.replace(/第三批/g, "第九批"), file: "", "lead.0": "beijing", "regions.0": "shanghai", "lead.1": "tianjin" },
    values: {
      text: fc.oneof(
        fc.tuple(fc.nat(thirdBatch.length), fc.integer({ min: 100, max: 60_000 })).map(([at, n]) => thirdBatch.slice(at, at + n)),
        fc.tuple(fc.nat(thirdBatch.length), nastyValue()).map(([at, junk]) => thirdBatch.slice(0, at) + junk + thirdBatch.slice(at)),
      ),
      "lead.0": fc.constantFrom("beijing", "shanghai", "atlantis"),
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Running

async function placeholders(): Promise<Record<string, string>> {
  const [sub] = await db().select({ version: cases.version }).from(cases).where(eq(cases.id, fx.submitted));
  const [batch] = await db().select().from(batches).where(eq(batches.number, Number(fx.batch)));
  return {
    "<<SUBMITTED>>": fx.submitted,
    "<<DRAFT>>": fx.draft,
    "<<APPROVED>>": fx.approved[0]!,
    "<<COMMENT>>": String(fx.comment),
    "<<REVIEWER>>": fx.reviewer,
    "<<NOTIFICATION>>": String(fx.notification),
    "<<VERSION>>": String(sub?.version ?? 1),
    "<<TOKEN>>": batch ? batchToken(batch) : "x",
  };
}

async function draftVersion() {
  const [row] = await db().select({ version: cases.version }).from(cases).where(eq(cases.id, fx.draft));
  return String(row?.version ?? 1);
}

function fill(value: string, table: Record<string, string>) {
  return value.includes("<<") ? value.replace(/<<[A-Z]+>>/g, (m) => table[m] ?? m) : value;
}

/** Short description of a body for failure messages. */
function describeBody(body: FuzzBody) {
  return `${body.encoding}: ${JSON.stringify(body.parts.map(([k, v]) => [k.slice(0, 60), typeof v === "string" ? (v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v) : `<file ${v.filename}>`])).slice(0, 1500)}`;
}

const counts: Record<string, number> = {};
const collected: string[] = [];

type Run = { actor: ActorName; body: FuzzBody; param: string | null; query: string };

function runArbitrary(spec: Spec, intent: fc.Arbitrary<string> | null): fc.Arbitrary<Run> {
  const base = spec.base?.() ?? [];
  const baseArb: fc.Arbitrary<Part[]> = base.length
    ? fc
        .tuple(fc.subarray(base.map((_, i) => i), { minLength: Math.floor(base.length * 0.6) }), fc.array(fc.tuple(fc.nat(base.length - 1), nastyValue()), { maxLength: 4 }))
        .map(([keep, replaced]) => {
          const swap = new Map(replaced);
          return keep.map((i): Part => [base[i]![0], swap.get(i) ?? base[i]![1]]);
        })
    : fc.constant([]);
  return fc.record({
    actor: fc.constantFrom(...spec.actors),
    body: fc.tuple(baseArb, fuzzBody({ fields: spec.fields, values: spec.values, fixed: intent ? { intent } : {} })).map(([b, body]): FuzzBody => {
      // the intent first, then the (mutated) valid body, then the generated fields
      const [intentParts, rest] = [body.parts.filter(([k]) => k === "intent"), body.parts.filter(([k]) => k !== "intent")];
      return { ...body, parts: [...intentParts, ...b, ...rest] };
    }),
    param: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: nastyValue().map((v) => v.slice(0, 2000)) }),
    query: spec.query ?? fc.constant(""),
  });
}

async function probe(routeId: string, module: RouteModule, pattern: string, spec: Spec, run: Run) {
  const table = await placeholders();
  if (routeId === "routes/cases.$caseId.edit") table["<<VERSION>>"] = await draftVersion();
  const params = { ...spec.params() };
  if (run.param !== null) {
    const key = Object.keys(params)[0];
    if (key) params[key] = run.param;
  }
  const path = pattern.replace(/:([A-Za-z]+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ""));
  const body: FuzzBody = { ...run.body, parts: run.body.parts.map(([k, v]): Part => [k, typeof v === "string" ? fill(v, table) : v]) };
  const request = fuzzRequest(`${path}${run.query}`, body);
  const context = spec.ownSession && run.actor !== "anonymous" ? await contextFor(run.actor, "10.30.1.1") : run.actor === "anonymous" ? await contextFor(null, `10.31.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) : contexts[run.actor];
  counts[routeId] = (counts[routeId] ?? 0) + 1;
  let answer;
  try {
    answer = await answerOf(() => module.action!({ request, context, params }));
  } catch (error) {
    throw new Error(`${routeId} as ${run.actor} threw (a 500): ${error instanceof Error ? error.stack : String(error)}\nparams ${JSON.stringify(params).slice(0, 200)}\nbody ${describeBody(body)}`);
  }
  if (answer.status >= 500) throw new Error(`${routeId} as ${run.actor} answered ${answer.status}\nbody ${describeBody(body)}`);
  if (answer.status >= 400 && !hasChineseMessage(answer)) {
    throw new Error(`${routeId} as ${run.actor} refused with ${answer.status} without a Chinese message: ${JSON.stringify(answer.data ?? answer.body).slice(0, 300)}\nbody ${describeBody(body)}`);
  }
  spec.extraCheck?.(answer);
}

const manifest = routeManifest();
const started = Date.now();

describe("fuzzed posts to every action", () => {
  it("every action of the manifest has a fuzz specification", async () => {
    const withAction: string[] = [];
    for (const route of manifest) if ((await importRoute(route)).action) withAction.push(route.id);
    expect(withAction.sort()).toEqual(Object.keys(SPECS).sort());
  });

  for (const [routeId, spec] of Object.entries(SPECS)) {
    it(`${routeId}: no 5xx, every refusal in Chinese`, async () => {
      const route = manifest.find((r) => r.id === routeId);
      expect(route, `${routeId} is in the manifest`).toBeTruthy();
      const module = await importRoute(route!);
      const intents = spec.intents ?? [];
      const passes: { intent: fc.Arbitrary<string> | null; runs: number }[] = intents.length
        ? [
            ...intents.map((i) => ({ intent: fc.constant(i) as fc.Arbitrary<string>, runs: Math.max(PER_INTENT_FLOOR, Math.ceil(RUNS / intents.length)) })),
            { intent: nastyValue(intents), runs: RANDOM_INTENT_RUNS },
          ]
        : [{ intent: null, runs: RUNS }];
      for (const pass of passes) {
        await fc.assert(
          fc.asyncProperty(runArbitrary(spec, pass.intent), async (run) => {
            try {
              await probe(routeId, module, route!.pattern, spec, run);
            } catch (error) {
              // FUZZ_COLLECT=1: gather every failure of the run instead of stopping at the first
              if (!process.env.FUZZ_COLLECT) throw error;
              collected.push(String(error instanceof Error ? error.message : error).slice(0, 1200));
            }
          }),
          { numRuns: pass.runs, endOnFailure: true },
        );
      }
      expect(counts[routeId]).toBeGreaterThanOrEqual(50);
    }, 180_000);
  }

  it("a NUL byte or a control character in any field of any intent never reaches the database", async () => {
    // Systematic, not random: every field of every intent of every action, the rest of the body realistic.
    const failures: string[] = [];
    for (const [routeId, spec] of Object.entries(SPECS)) {
      const route = manifest.find((r) => r.id === routeId)!;
      const module = await importRoute(route);
      // the editor's intents past the first four only restructure the form: no database
      for (const intent of (spec.intents ?? [null]).slice(0, 4)) {
        for (const field of spec.fields) {
          for (const poison of ["a\u0000b", "a\u001bb\u007f"]) {
            const realistic = spec.fields
              .filter((f) => f !== field)
              .map((f): Part => [f, spec.sane?.[f] ?? (spec.values?.[f] ? fc.sample(spec.values[f]!, { numRuns: 1, seed: 7 })[0]! : "合理的值")])
              .filter(([, v]) => v !== "");
            // the case page's transitions move the case: put it back, so every poison reaches as deep as it can
            await db().update(cases).set({ state: "submitted", claimedBy: null }).where(eq(cases.id, fx.submitted));
            const parts: Part[] = [...(intent ? [["intent", intent] as Part] : []), ...(spec.base?.() ?? []).filter(([k]) => k !== field), ...realistic, [field, poison]];
            for (const actor of spec.actors.filter((a) => a !== "anonymous").slice(0, 2)) {
              try {
                await probe(routeId, module, route.pattern, spec, { actor, body: { parts, encoding: "urlencoded", junk: new Uint8Array() }, param: null, query: "" });
              } catch (error) {
                failures.push(String(error instanceof Error ? error.message : error).slice(0, 600));
              }
            }
          }
        }
      }
      for (const poison of ["\u0000", "a\u0000b"]) {
        if (!route.params.length) continue;
        try {
          await probe(routeId, module, route.pattern, spec, { actor: spec.actors[0]!, body: { parts: [], encoding: "urlencoded", junk: new Uint8Array() }, param: poison, query: "" });
        } catch (error) {
          failures.push(String(error instanceof Error ? error.message : error).slice(0, 600));
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it("every loader answers hostile route parameters and query strings without a 5xx", async () => {
    const QUERY_KEYS = ["q", "page", "state", "category", "region", "batch", "before", "from", "to", "changed", "unread", "action", "actor", "entity", "entityType", "entityId", "since", "until", "redirectTo", "saved", "done", "imported", "cases", "reset", "claimed", "mine"];
    const failures: string[] = [];
    for (const route of manifest) {
      const module = await importRoute(route);
      if (!module.loader) continue;
      const real: Record<string, string> = { caseId: fx.submitted, number: fx.batch, userId: fx.targetUser, format: "md" };
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<ActorName>("anonymous", "beijing", "reviewer", "publisher", "admin"),
          fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), nastyValue().map((v) => v.slice(0, 3000))), { maxLength: 4 }),
          fc.option(nastyValue().map((v) => v.slice(0, 500)), { freq: 3 }),
          async (actor, query, param) => {
            const params: Record<string, string> = Object.fromEntries(route.params.map((p) => [p, real[p] ?? "x"]));
            if (param !== null && route.params.length) params[route.params[0]!] = param;
            const path = route.pattern.replace(/:([A-Za-z]+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ""));
            const search = new URLSearchParams(query).toString();
            counts.loaders = (counts.loaders ?? 0) + 1;
            try {
              const answer = await answerOf(() => module.loader!({ request: new Request(`${BASE}${path}${search ? `?${search}` : ""}`), context: contexts[actor], params }));
              if (answer.status >= 500) failures.push(`${route.id} ${answer.status} for ${JSON.stringify({ params, query }).slice(0, 400)}`);
              else if (answer.status >= 400 && !hasChineseMessage(answer)) failures.push(`${route.id} ${answer.status} without a Chinese message`);
            } catch (error) {
              failures.push(`${route.id} as ${actor} threw for ${JSON.stringify({ params, query }).slice(0, 400)}: ${String(error instanceof Error ? error.message : error).slice(0, 300)}`);
            }
          },
        ),
        { numRuns: 16 },
      );
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it("sends a successful login only to a path of this site, whatever redirectTo says", async () => {
    const { action } = await importRoute(manifest.find((r) => r.id === "routes/login")!);
    await ensureUser("fuzz-login", "登录测试", ["submitter"], ["beijing"]);
    await fc.assert(
      fc.asyncProperty(nastyValue(["https://evil.example", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "\\\\evil", "/cases", "javascript:alert(1)", "http:/evil"]), async (to) => {
        const request = fuzzRequest(`/login?redirectTo=${encodeURIComponent(to)}`, { parts: [["username", "fuzz-login"], ["password", "demo12345"]], encoding: "urlencoded", junk: new Uint8Array() });
        counts["routes/login"] = (counts["routes/login"] ?? 0) + 1;
        const answer = await answerOf(() => action!({ request, context: contexts.anonymous, params: {} }));
        expect(answer.status).toBe(302);
        const location = answer.location ?? "";
        expect(location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\"), location).toBe(true);
        expect(new URL(location, BASE).origin).toBe(BASE);
      }),
      { numRuns: 30, endOnFailure: true },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Over HTTP: the whole server (host and origin checks, body limit, Remix's own CSRF check, the
// routes) on every route of the manifest, with fuzzed query strings and the headers a stranger
// controls — Referer, Origin, Host, X-Forwarded-Host (read: TRUST_PROXY=1) — never a 5xx.

/** Header values as the wire carries them: any string as its UTF-8 bytes (latin1 for node:http), without CR/LF/NUL. */
const headerValue = fc
  .oneof(
    { weight: 4, arbitrary: fc.constantFrom("not a url", "null", "", BASE, `${BASE}/x`, "http://evil.example", "https://localhost:3000", "http://localhost:3001", "http://localhost:99999", "localhost", "localhost:3000", "evil.example", "[::1]:3000", "[::1", "a..b", "http://[::1]:3000/", "javascript:alert(1)", "file:///etc/passwd", "http://localhost:3000@evil.example", "http://%00/", "//evil.example", "http://localhost:3000, http://evil.example", "localhost:3000, evil.example") },
    { weight: 3, arbitrary: nastyValue().map((v) => v.slice(0, 2_000)) },
  )
  .map((v) => Buffer.from(v, "utf8").toString("latin1").replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ""));
const HEADER_NAMES = ["referer", "origin", "host", "x-forwarded-host"] as const;

describe("fuzzed query strings and Referer / Origin / Host / X-Forwarded-Host, over HTTP, on every route", () => {
  let httpServer: http.Server;
  let port = 0;
  let closeDev: () => Promise<void> = async () => {};
  const trustProxyBefore = process.env.TRUST_PROXY;

  beforeAll(async () => {
    process.env.TRUST_PROXY = "1";
    httpServer = http.createServer();
    // The routes as the dev server compiles them (no build needed); they share this file's database (the handle lives on globalThis).
    const dev = await startViteDev(httpServer);
    closeDev = async () => {
      await dev.closeHotReload();
      await dev.close();
    };
    httpServer.on("request", createApp({ mode: "production", getBuild: dev.getBuild, clientBuildDir: "public" }));
    await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", r));
    port = (httpServer.address() as AddressInfo).port;
  }, 120_000);

  afterAll(async () => {
    if (trustProxyBefore === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = trustProxyBefore;
    await closeDev().catch(() => {});
    await new Promise((r) => httpServer?.close(r));
  });

  function send(method: string, path: string, headers: Record<string, string>, body: string) {
    return new Promise<number>((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, method, path, headers: { ...headers, ...(body ? { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)) } : {}) } }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      });
      request.on("error", reject);
      request.end(body);
    });
  }

  it("never answers with a 5xx", async () => {
    const QUERY_KEYS = ["q", "page", "state", "category", "region", "batch", "before", "from", "to", "changed", "unread", "actor", "entityType", "entityId", "redirectTo", "imported", "cases", "reset", "mine", "w", "v", "chart"];
    const sessions = { admin: "", beijing: "" };
    for (const name of Object.keys(sessions) as (keyof typeof sessions)[]) {
      const [user] = await db().select({ id: users.id }).from(users).where(eq(users.username, name)).limit(1);
      sessions[name] = (await startSession(user!.id)).split(";")[0]!;
    }
    const failures: string[] = [];
    const real: Record<string, string> = { caseId: fx.submitted, number: fx.batch, userId: fx.targetUser, format: "md", page: "1", callId: fx.call };
    for (const route of manifest) {
      if (route.id === "root") continue;
      const module = await importRoute(route);
      const path = route.pattern.replace(/:([A-Za-z]+)/g, (_, k: string) => encodeURIComponent(real[k] ?? "x"));
      await fc.assert(
        fc.asyncProperty(
          // logout would end the shared sessions: a POST there goes without one
          fc.constantFrom<"anonymous" | "admin" | "beijing">("anonymous", "admin", "beijing"),
          fc.constantFrom(...(module.action ? ["GET", "POST"] : ["GET", "HEAD"])),
          fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), nastyValue().map((v) => v.slice(0, 1_000))), { maxLength: 3 }),
          fc.record(Object.fromEntries(HEADER_NAMES.map((h) => [h, headerValue])) as Record<(typeof HEADER_NAMES)[number], fc.Arbitrary<string>>, { requiredKeys: [] }),
          async (actor, method, query, headers) => {
            const search = new URLSearchParams(query).toString();
            const cookie = actor !== "anonymous" && !(method === "POST" && route.id === "routes/logout") ? { cookie: sessions[actor] } : {};
            // node:http sends a Host of its own unless given one
            const sent = { ...cookie, ...(headers.host === undefined ? { host: `127.0.0.1:${port}` } : {}), ...headers } as Record<string, string>;
            counts.http = (counts.http ?? 0) + 1;
            const status = await send(method, `${path}${search ? `?${search}` : ""}`, sent, method === "POST" ? "intent=x" : "");
            if (status >= 500) failures.push(`${route.id}: ${status} for ${method} ${JSON.stringify({ query, headers }).slice(0, 500)}`);
          },
        ),
        { numRuns: 8 },
      );
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

describe("the fuzz run as a whole", () => {
  it("posted at least 1,000 generated bodies, at least 50 to every action", () => {
    const actions = Object.keys(SPECS).map((id) => counts[id] ?? 0);
    expect(actions.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);
    for (const [id, n] of Object.entries(counts)) if (id in SPECS) expect(n, id).toBeGreaterThanOrEqual(50);
  });
});

afterAll(() => {
  if (collected.length) console.info(`FUZZ_COLLECT: ${collected.length} failures\n${collected.join("\n---\n")}`);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.info(
    `fuzz: ${total} generated posts to ${Object.keys(counts).length} actions in ${((Date.now() - started) / 1000).toFixed(1)} s — ` +
      Object.entries(counts)
        .map(([k, n]) => `${k.replace("routes/", "")} ${n}`)
        .join(", "),
  );
});

// ---------------------------------------------------------------------------------------------
// Stored payloads stay inert in every output

const P = {
  script: "<script>alert(1)</script>",
  img: "<img src=x onerror=alert(1)>",
  link: "[点我](javascript:alert(1))",
  anchor: '<a href="javascript:alert(1)">链接</a>',
  js: "javascript:alert(1)",
  bold: "**粗体**",
  heading: "# 标题",
  field: '{ HYPERLINK "http://evil.example" }',
  xml: '</w:t><w:fldSimple w:instr="HYPERLINK http://evil.example"/><w:t>',
};
/** Every payload, for text fields without a tight length limit. */
const ALL = Object.values(P).join(" ");
/** The form refuses "**" in case text (bold is a mark, not markup): the payloads it accepts. */
const ACCEPTED = Object.values(P)
  .filter((p) => !p.includes("**"))
  .join(" ");

/**
 * A case with payloads in every text field. `formValid`: only what the form accepts (checked with
 * the content schema); otherwise "**" too, as data imported or stored before that rule holds it.
 */
function payloadContent(formValid: boolean): CaseContent {
  const all = formValid ? ACCEPTED : ALL;
  const rich = (label: string) => ({ text: `${label}：${all}` });
  const content = {
    templateId: "bulletin-v1",
    title: `${P.img}${P.script}`.slice(0, 40),
    category: "institutional-innovation",
    leadRegion: "beijing",
    regions: [],
    intro: [rich("导语"), { text: `斜体 ${P.heading} ${formValid ? "" : P.bold}`, marks: [{ start: 0, end: 2 }] }],
    practices: {
      lead: rich("总述"),
      items: [
        { heading: ACCEPTED.slice(0, 80), body: [{ type: "paragraph", lead: P.img, text: rich("做法") }] },
        {
          heading: P.anchor,
          body: [
            {
              type: "points",
              layout: "inline",
              intro: rich("引导"),
              points: [
                { lead: P.js, text: rich("一是") },
                { lead: P.script, text: rich("二是") },
              ],
            },
            { type: "points", layout: "list", points: [{ text: rich("甲") }, { lead: P.link.slice(0, 60), text: rich("乙") }] },
          ],
        },
      ],
    },
    effects: { heading: "实践效果", items: [{ heading: P.field, body: [{ type: "paragraph", text: rich("效果") }] }] },
    nextSteps: { heading: "下一步创新方向", kind: "points", layout: "list", points: [{ lead: P.xml.slice(0, 60), text: rich("下一步") }, { text: rich("再一步") }] },
  } as CaseContent;
  return formValid ? caseContentSchema.parse(content) : content;
}

/** No element, attribute or URL the payloads could have smuggled into HTML (text is escaped, so real tags are the ones with a bare "<"). */
function expectInertHtml(html: string, where: string) {
  const tags = [...html.matchAll(/<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]! }));
  expect(tags.length, where).toBeGreaterThan(0);
  const attributes = (attrs: string) =>
    [...attrs.matchAll(/([^\s=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g)].map((m) => ({ name: m[1]!.toLowerCase(), value: (m[2] ?? "").replace(/^["']|["']$/g, "") }));
  const bad = tags.filter(
    (t) =>
      ["script", "img", "svg", "iframe", "object", "embed"].includes(t.name) ||
      t.name.startsWith("w:") ||
      attributes(t.attrs).some((a) => a.name.startsWith("on") || (["href", "src", "action", "formaction"].includes(a.name) && /^\s*javascript:/i.test(a.value))),
  );
  expect(bad.map((t) => `<${t.name}${t.attrs}>`), where).toEqual([]);
  // …and the payloads are there, as text
  expect(html, where).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  expect(html, where).toMatch(/&lt;(<strong>)?img src=x onerror=alert\(1(<\/strong>)?\)&gt;/);
}


describe("script and markup stored in every text field stay inert", () => {
  let number = 0;
  let caseId = "";

  beforeAll(async () => {
    // A published batch holding one case whose every text field carries payloads; payloads in the
    // batch title, preface and an erratum too.
    payloadContent(true); // a submitter can store these through the form
    caseId = await caseInState("published", { content: payloadContent(false) });
    const publisher = await userIdOf("publisher");
    number = 90;
    const now = new Date();
    const [batch] = await db()
      .insert(batches)
      .values({
        number,
        title: `${P.script}${P.img}`,
        preface: [{ text: `前言 ${ALL}` }],
        state: "published",
        publishedAt: now,
        createdBy: publisher,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: batches.id });
    await db().insert(batchCategories).values({ batchId: batch.id, categoryCode: "institutional-innovation", position: 0 });
    await db().update(cases).set({ batchId: batch.id, batchCategoryCode: "institutional-innovation", batchPosition: 0, publishedVersion: 1 }).where(eq(cases.id, caseId));
    await db().insert(batchErrata).values({ batchId: batch.id, body: `勘误 ${ALL}`, createdBy: publisher });
  });

  async function bulletinData() {
    const { loader } = await importRoute(manifest.find((r) => r.id === "routes/bulletins.$number")!);
    const answer = await answerOf(() => loader!({ request: new Request(`${BASE}/bulletins/${number}`), context: contexts.anonymous, params: { number: String(number) } }));
    expect(answer.status).toBe(200);
    return answer.data as { model: Parameters<typeof BulletinDocument>[0]["model"]; errata: Parameters<typeof BulletinDocument>[0]["errata"] };
  }

  it("in the HTML of the bulletin page and of the case page", async () => {
    const { model, errata } = await bulletinData();
    expectInertHtml(renderToStaticMarkup(createElement(BulletinDocument, { model, errata })), "bulletin page");
    const { loader } = await importRoute(manifest.find((r) => r.id === "routes/cases.$caseId._index")!);
    const answer = await answerOf(() => loader!({ request: new Request(`${BASE}/cases/${caseId}`), context: contexts.shanghai, params: { caseId } }));
    expect(answer.status).toBe(200);
    const caseModel = (answer.data as { model: Parameters<typeof CaseDocument>[0]["model"] }).model;
    expectInertHtml(renderToStaticMarkup(createElement(CaseDocument, { model: caseModel })), "case page");
  });

  it("in the Markdown: a CommonMark renderer turns it into text, not markup, links or headings", async () => {
    const { micromark } = await import("micromark");
    const batch = (await db().select().from(batches).where(eq(batches.number, number)))[0]!;
    const file = await exportBulletin(db(), batch, "md");
    const md = Buffer.from(file.body).toString("utf8");
    const html = micromark(md, { allowDangerousHtml: true });
    expectInertHtml(html, "markdown");
    expect(html).not.toMatch(/<a\b/);
    expect(html).not.toContain("<strong>粗体</strong>");
    // the user's "# 标题" is not a heading
    expect(html).not.toMatch(/<h\d>标题<\/h\d>/);
    expect(html).toContain("**粗体**");
  });

  it("in the DOCX: text runs only — no injected field codes, hyperlinks or elements", async () => {
    const batch = (await db().select().from(batches).where(eq(batches.number, number)))[0]!;
    const file = await exportBulletin(db(), batch, "docx");
    const parts = unzip(Buffer.from(file.body));
    const xml = parts.get("word/document.xml")!.toString("utf8");
    // the only field is the 目录 (TOC) and its page references to our own bookmarks
    const instructions = [...xml.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => m[1]!.trim());
    for (const instr of instructions) expect(instr, "field instruction").toMatch(/^(TOC \\h \\o &quot;1-2&quot;|TOC \\h \\o "1-2"|PAGEREF _Toc_[A-Za-z0-9_]+ \\h)$/);
    expect(xml).not.toMatch(/<w:fldSimple/);
    // hyperlinks only to bookmarks inside the document, never out
    for (const link of xml.matchAll(/<w:hyperlink\b([^>]*)>/g)) expect(link[1], "hyperlink").toMatch(/w:anchor="_Toc_[A-Za-z0-9_]+"/);
    const rels = parts.get("word/_rels/document.xml.rels")?.toString("utf8") ?? "";
    expect(rels).not.toMatch(/TargetMode="External"/);
    expect(rels).not.toContain("evil.example");
    // the payloads are text inside <w:t>, escaped
    const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join("");
    expect(texts).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(texts).toContain("&lt;/w:t&gt;&lt;w:fldSimple");
    expect(texts).toContain("{ HYPERLINK &quot;http://evil.example&quot; }");
  });

  it("in the PDF: printed from escaped markup, with no scripts, actions or links out", async () => {
    const { model, errata } = await bulletinData();
    expectInertHtml(bulletinPrintHtml(model, errata ?? [], {}), "PDF print page");
    const executablePath = findChromium();
    if (!executablePath) {
      console.info("PDF: no Chromium on this machine — the print page was checked, the PDF itself was not rendered");
      return;
    }
    const { pdf } = await renderBulletinPdf(model, { errata: errata ?? [], executablePath });
    const raw = pdf.toString("latin1");
    expect(raw).not.toMatch(/\/JavaScript\b|\/JS\b|\/Launch\b|\/SubmitForm\b|\/ImportData\b/);
    expect(raw).not.toMatch(/\/URI\s*\(/);
    expect(raw).not.toMatch(/\/AA\s*<</);
  }, 120_000);
});

