/**
 * Helpers of the review workflow tests (transitions.test.ts, review*.test.ts): cases in any
 * state, demo users as session users, a valid case content to vary.
 */
import { and, count, eq } from "drizzle-orm";
import { auditEvents, cases, users } from "#db/schema";
import { createUser } from "~/admin/users.server";
import { SYSTEM_ACTOR } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { insertCase, writeNewVersion } from "~/cases/cases.server";
import type { CaseContent } from "~/cases/content";
import { transitionCase } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { actorOf } from "~/permissions/require.server";
import type { Role } from "~/permissions/permissions";
import { contextFor } from "../support/requests";

export function caseContent(overrides: Partial<CaseContent> = {}): CaseContent {
  return {
    templateId: "bulletin-v1",
    title: "深化外资企业注册登记便利化改革",
    category: "institutional-innovation",
    leadRegion: "beijing",
    regions: [],
    intro: [{ text: "北京朝阳区针对外国投资者设立企业时的困难，探索一站式服务模式。" }],
    practices: {
      items: [
        {
          heading: "实现公文书电子化流转和线上查验。",
          body: [{ type: "paragraph", text: { text: "北京朝阳区积极申请支持，率先实现公证文书电子化流转。", marks: [{ start: 0, end: 5 }] } }],
        },
        {
          heading: "优化外资企业登记服务流程。",
          body: [{ type: "paragraph", text: { text: "设立外资服务专窗，提供全程帮办服务。" } }],
        },
      ],
    },
    effects: {
      heading: "实践意义和效果",
      items: [{ heading: "实现全程网办登记。", body: [{ type: "paragraph", text: { text: "落地首户港资企业。" } }] }],
    },
    nextSteps: { heading: "下一步创新方向", kind: "paragraph", text: { text: "加强与更多国家和地区的有关部门合作。" } },
    ...overrides,
  };
}

/** The signed-in user and load context of a test user (a real session). */
export async function signedIn(username: string) {
  const context = await contextFor(username);
  return { context, user: context.auth!.user as SessionUser, actor: actorOf(context, context.auth!.user) };
}

export async function userIdOf(username: string) {
  const [row] = await getDb().select({ id: users.id }).from(users).where(eq(users.username, username));
  return row.id;
}

export async function ensureUser(username: string, displayName: string, roles: Role[], regions: string[] = []) {
  const [existing] = await getDb().select({ id: users.id }).from(users).where(eq(users.username, username));
  if (existing) return existing.id;
  return createUser(SYSTEM_ACTOR, { username, displayName, password: "demo12345", roles, regions }, { mustChangePassword: false });
}

/** A draft written by `username` (its creator: a contributor). */
export async function createDraft(username = "beijing", content: CaseContent = caseContent()) {
  const createdBy = await userIdOf(username);
  return getDb().transaction((tx) => insertCase(tx, { content, state: "draft", createdBy, kind: "save" }));
}

/** A draft, submitted through the real transition. */
export async function submittedCase(username = "beijing", content: CaseContent = caseContent()) {
  const id = await createDraft(username, content);
  const { user, actor } = await signedIn(username);
  await transitionCase(user, actor, { caseId: id, action: "submit" });
  return id;
}

/** A new content version saved by `username` (as the editor would). */
export async function saveRevision(caseId: string, username: string, content: CaseContent) {
  const userId = await userIdOf(username);
  const row = await getCaseRow(caseId);
  return getDb().transaction((tx) => writeNewVersion(tx, { caseId, baseVersion: row.version, content, userId, kind: "save" }));
}

/**
 * A case put straight into `state` (led by beijing, created by `createdBy`), for matrices that
 * need every state: in_review is claimed by `claimedBy`.
 */
export async function caseInState(state: string, options: { createdBy?: string; claimedBy?: string | null; content?: CaseContent } = {}) {
  const createdBy = options.createdBy ?? (await userIdOf("beijing"));
  const id = await getDb().transaction((tx) => insertCase(tx, { content: options.content ?? caseContent(), state, createdBy, kind: "save" }));
  await getDb()
    .update(cases)
    .set({ claimedBy: state === "in_review" ? (options.claimedBy ?? null) : null, submittedAt: state === "draft" ? null : new Date() })
    .where(eq(cases.id, id));
  return id;
}

export async function getCaseRow(caseId: string) {
  const [row] = await getDb().select().from(cases).where(eq(cases.id, caseId));
  return row;
}

export async function auditCount(caseId: string, action?: string) {
  const [row] = await getDb()
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "case"), eq(auditEvents.entityId, caseId), action ? eq(auditEvents.action, action) : undefined));
  return Number(row.n);
}
