import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications } from "#db/schema";
import { transitionCase } from "~/cases/transitions.server";
import { getDb } from "~/db/db.server";
import { runWithLocale } from "~/i18n/locale.server";
import { saveUserLocale } from "~/i18n/preferences.server";
import { action as localeAction } from "~/routes/locale";
import { useTestDatabase } from "../support/database";
import { caseContent, createDraft, signedIn, userIdOf } from "./review-fixtures";

await useTestDatabase();

async function messagesOf(username: string, caseId: string) {
  const userId = await userIdOf(username);
  const rows = await getDb().select({ message: notifications.message }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.caseId, caseId)));
  return rows.map((r) => r.message);
}

describe("inbox messages in each recipient's language", () => {
  it("writes the English a recipient chose, and Chinese to the others, whatever the actor's language", async () => {
    await saveUserLocale(getDb(), await userIdOf("beijing"), "en");
    const caseId = await createDraft("beijing", caseContent({ title: "语言测试案例" }));
    const beijing = await signedIn("beijing");
    const reviewer = await signedIn("reviewer");
    // The submitter works in English: the reviewers (no choice made) still read Chinese.
    await runWithLocale("en", () => transitionCase(beijing.user, beijing.actor, { caseId, action: "submit" }));
    expect(await messagesOf("reviewer", caseId)).toEqual([expect.stringContaining("提交了案例“语言测试案例”")]);
    // The reviewer works in Chinese: the submitter, who chose English, reads English.
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "claim" });
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "request_changes", input: { reason: "请补充数据来源。" } });
    const forBeijing = await messagesOf("beijing", caseId);
    expect(forBeijing).toContain("部委审核人 sent the case “语言测试案例” back for changes. Reason: 请补充数据来源。");
    expect(forBeijing.some((m) => m.includes("claimed the case"))).toBe(true);
  });
});

describe("the /locale action", () => {
  const post = (body: Record<string, string>, context: unknown) =>
    localeAction({ request: new Request("http://localhost/locale", { method: "POST", body: new URLSearchParams(body) }), context, params: {} } as never);

  it("sets the cookie, remembers a signed-in user's choice and goes back to a path of this site", async () => {
    const beijing = await signedIn("beijing");
    const answer = await post({ locale: "zh-CN", redirectTo: "/cases?state=draft" }, beijing.context);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe("/cases?state=draft");
    expect(answer.headers.get("Set-Cookie")).toMatch(/^locale=zh-CN; Path=\/; Max-Age=31536000; SameSite=Lax; HttpOnly/);
    const anonymous = await post({ locale: "en", redirectTo: "//evil.example/x" }, { auth: { user: null } });
    expect(anonymous.headers.get("Location")).toBe("/");
    expect(anonymous.headers.get("Set-Cookie")).toMatch(/^locale=en;/);
    const unknown = await post({ locale: "fr", redirectTo: "/bulletins" }, { auth: { user: null } });
    expect(unknown.headers.get("Set-Cookie")).toBeNull();
  });
});
