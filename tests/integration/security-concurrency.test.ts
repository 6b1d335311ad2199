/**
 * Concurrency: many people acting on one case at the same instant, through the real route
 * modules. On PostgreSQL (TEST_DATABASE_URL) the requests run in parallel on a pool of
 * connections; on PGlite they interleave on one connection — the guarantees are the same:
 *
 * - 100 saves of one case from the same base version: exactly one is stored, the other 99 get the
 *   conflict answer (409, with both versions), and the stored content is the winner's.
 * - 50 reviewers claiming (and 50 approving) one case at once: exactly one wins, 49 are told the
 *   case moved on (409), one audit event, the claim names the winner.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { auditEvents, cases, caseVersions, userRoles, users } from "#db/schema";
import type { SessionUser } from "~/auth/session.server";
import { hashPassword } from "~/auth/password.server";
import { getCaseContent } from "~/cases/cases.server";
import type { EditorReply } from "~/cases/form/reply";
import { valuesToEntries } from "~/cases/form/paths";
import { contentToFormValues } from "~/cases/form/values";
import { getDb, getDatabaseHandle } from "~/db/db.server";
import { permissionsForRoles } from "~/permissions/permissions";
import { action as caseAction } from "~/routes/cases.$caseId._index";
import { action as editAction } from "~/routes/cases.$caseId.edit";
import { useTestDatabase } from "../support/database";
import { contextFor } from "../support/requests";
import { answerOf, formRequest } from "../support/security";
import { caseContent, createDraft, submittedCase } from "./review-fixtures";

await useTestDatabase();
const db = () => getDb();
const engine = () => getDatabaseHandle().driver;

const SAVES = 100;
const REVIEWERS = 50;
let reviewers: SessionUser[] = [];

function contextOf(user: SessionUser, i: number): AppLoadContext {
  return { auth: { user, sessionId: null, setCookie: null }, clientIp: `10.40.0.${i % 250}`, userAgent: "vitest", cspNonce: "test" };
}

beforeAll(async () => {
  // 50 reviewers, inserted in two statements
  const passwordHash = await hashPassword("concurrency-pass-1");
  const rows = Array.from({ length: REVIEWERS }, (_, i) => ({ id: randomUUID(), username: `race-reviewer-${i}`, displayName: `并发审核人${i}`, passwordHash }));
  await db().insert(users).values(rows);
  await db().insert(userRoles).values(rows.map((r) => ({ userId: r.id, role: "reviewer" })));
  reviewers = rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    roles: ["reviewer"],
    regions: [],
    permissions: permissionsForRoles(["reviewer"]),
    mustChangePassword: false,
  }));
});

describe(`concurrent writes (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it(`${SAVES} saves of one case from the same version: one is stored, ${SAVES - 1} get the conflict answer`, async () => {
    const caseId = await createDraft("beijing", caseContent({ title: "并发保存前" }));
    const [before] = await db().select().from(cases).where(eq(cases.id, caseId));
    const context = await contextFor("beijing");
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: SAVES }, (_, i) => {
        const entries = valuesToEntries(contentToFormValues(caseContent({ title: `并发保存第${i}号` })));
        const request = formRequest(`/cases/${caseId}/edit`, [...entries, ["intent", "save"], ["js", "1"], ["baseVersion", String(before.version)]]);
        return answerOf(() => editAction({ request, context, params: { caseId } })).then((answer) => ({ i, answer }));
      }),
    );
    console.info(`${SAVES} concurrent saves on ${engine()}: ${Date.now() - started} ms`);
    const won = answers.filter((a) => a.answer.status === 200);
    const conflicts = answers.filter((a) => a.answer.status === 409);
    expect(won).toHaveLength(1);
    expect(conflicts).toHaveLength(SAVES - 1);
    const winner = won[0]!;
    const reply = winner.answer.data as Extract<EditorReply, { kind: "saved" }>;
    expect(reply).toMatchObject({ kind: "saved", version: before.version + 1, unchanged: false });
    for (const c of conflicts) {
      const r = c.answer.data as Extract<EditorReply, { kind: "conflict" }>;
      expect(r.kind).toBe("conflict");
      expect(r.serverVersion).toBe(before.version + 1);
      // the loser gets the winner's text back, to compare with its own
      expect(r.theirs.title).toBe(`并发保存第${winner.i}号`);
      expect(r.values.title).toBe(`并发保存第${c.i}号`);
    }
    const [after] = await db().select().from(cases).where(eq(cases.id, caseId));
    expect(after.version).toBe(before.version + 1);
    expect(after.title).toBe(`并发保存第${winner.i}号`);
    expect((await getCaseContent(db(), caseId, after.version))?.title).toBe(`并发保存第${winner.i}号`);
    expect(await db().select().from(caseVersions).where(eq(caseVersions.caseId, caseId))).toHaveLength(2);
    expect(await db().select().from(auditEvents).where(and(eq(auditEvents.entityId, caseId), eq(auditEvents.action, "case.save")))).toHaveLength(1);
  }, 120_000);

  for (const action of ["claim", "approve"] as const) {
    it(`${REVIEWERS} reviewers fire "${action}" on one case at once: exactly one wins`, async () => {
      const caseId = await submittedCase("beijing");
      const [before] = await db().select().from(cases).where(eq(cases.id, caseId));
      const started = Date.now();
      const answers = await Promise.all(
        reviewers.map((user, i) => {
          const request = formRequest(`/cases/${caseId}`, [
            ["intent", "transition"],
            ["action", action],
            // approve cannot be undone: posted as the confirmation dialog does
            ["confirmed", "1"],
            ["expectedVersion", String(before.version)],
            ["expectedState", "submitted"],
            ["expectedClaim", "none"],
          ]);
          return answerOf(() => caseAction({ request, context: contextOf(user, i), params: { caseId } })).then((answer) => ({ user, answer }));
        }),
      );
      console.info(`${REVIEWERS} concurrent "${action}" on ${engine()}: ${Date.now() - started} ms`);
      const won = answers.filter((a) => a.answer.status === 302);
      const lost = answers.filter((a) => a.answer.status === 409);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(REVIEWERS - 1);
      for (const l of lost) {
        const data = l.answer.data as { transition: { error: string } };
        expect(data.transition.error).toMatch(/已被他人处理/);
      }
      const [after] = await db().select().from(cases).where(eq(cases.id, caseId));
      expect(after.state).toBe(action === "claim" ? "in_review" : "approved");
      expect(after.claimedBy).toBe(action === "claim" ? won[0]!.user.id : null);
      const events = await db().select().from(auditEvents).where(and(eq(auditEvents.entityId, caseId), eq(auditEvents.action, `case.${action}`)));
      expect(events).toHaveLength(1);
      expect(events[0]!.actorId).toBe(won[0]!.user.id);
    }, 120_000);
  }
});
