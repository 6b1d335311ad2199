import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { transitionCase } from "~/cases/transitions.server";
import { sql } from "drizzle-orm";
import { getDb, rowsOf } from "~/db/db.server";
import { composeEmail, flushEmails, mailConfig } from "~/notifications/email.server";
import { action as caseAction } from "~/routes/cases.$caseId._index";
import { useTestDatabase } from "../support/database";
import { startFakeSmtp } from "../support/fake-smtp";
import { post, run } from "../support/requests";
import { getCaseRow, signedIn, submittedCase, createDraft } from "./review-fixtures";

await useTestDatabase();

/** The text part of a received mail, decoded (base64 or quoted-printable). */
function bodyText(raw: string) {
  const [head, ...rest] = raw.split("\n\n");
  const body = rest.join("\n\n");
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
  }
  return body;
}

const ENV_KEYS = ["SMTP_URL", "MAIL_FROM", "MAIL_DOMAIN", "APP_URL"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
function setMailEnv(values: Partial<Record<(typeof ENV_KEYS)[number], string>>) {
  for (const k of ENV_KEYS) {
    if (values[k] === undefined) delete process.env[k];
    else process.env[k] = values[k];
  }
}
afterEach(() => setMailEnv({}));
afterAll(() => {
  for (const k of ENV_KEYS) if (savedEnv[k] === undefined) delete process.env[k];
  else process.env[k] = savedEnv[k];
});

describe("e-mail copies of notifications", () => {
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  beforeAll(async () => {
    smtp = await startFakeSmtp();
    return () => smtp.close();
  });

  it("reads its configuration from the environment", () => {
    expect(mailConfig({})).toBeNull();
    expect(mailConfig({ SMTP_URL: "smtp://u:p@mail.example:587", MAIL_FROM: "系统 <noreply@example.gov.cn>", MAIL_DOMAIN: "@example.gov.cn", APP_URL: "https://cases.example/" })).toEqual({
      url: "smtp://u:p@mail.example:587",
      from: "系统 <noreply@example.gov.cn>",
      domain: "example.gov.cn",
      appUrl: "https://cases.example",
    });
    const mail = composeEmail({ message: "“案例”：退回修改（请补充）", caseId: "abc" }, "https://cases.example");
    expect(mail.subject).toBe("【最佳实践案例系统】“案例”：退回修改（请补充）");
    expect(mail.text).toContain("查看案例：https://cases.example/cases/abc");
  });

  it("mails each notified user after the transition commits", async () => {
    setMailEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "最佳实践案例系统 <noreply@example.gov.cn>", MAIL_DOMAIN: "example.gov.cn", APP_URL: "http://cases.test" });
    const before0 = smtp.received.length;
    const caseId = await submittedCase();
    await flushEmails();
    // The submission told the reviewers…
    expect(smtp.received.slice(before0).map((m) => m.to)).toEqual([["reviewer@example.gov.cn"]]);
    const reviewer = await signedIn("reviewer");
    const before = smtp.received.length;
    await transitionCase(reviewer.user, reviewer.actor, { caseId, action: "request_changes", input: { reason: "请补充数据来源。" } });
    await flushEmails();
    // …and the decision tells the lead region's submitter, after the commit.
    const mails = smtp.received.slice(before);
    expect(mails.map((m) => m.to)).toEqual([["beijing@example.gov.cn"]]);
    const text = bodyText(mails[0].raw);
    expect(text).toContain("部委审核人将案例“深化外资企业注册登记便利化改革”退回修改。理由：请补充数据来源。");
    expect(text).toContain(`查看案例：http://cases.test/cases/${caseId}`);
  });

  it("sends nothing for a transition whose transaction rolls back", async () => {
    setMailEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "noreply@example.gov.cn", MAIL_DOMAIN: "example.gov.cn" });
    const caseId = await createDraft();
    const beijing = await signedIn("beijing");
    const before = smtp.received.length;
    await expect(
      getDb().transaction(async (tx) => {
        await transitionCase(beijing.user, beijing.actor, { caseId, action: "submit" }, tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await flushEmails();
    expect(smtp.received.length).toBe(before);
    expect((await getCaseRow(caseId)).state).toBe("draft");
  });

  it("inside a caller's transaction, mails wait for ITS commit", async () => {
    setMailEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "noreply@example.gov.cn", MAIL_DOMAIN: "example.gov.cn" });
    const caseId = await createDraft();
    const beijing = await signedIn("beijing");
    const before = smtp.received.length;
    let sentBeforeCommit = -1;
    await getDb().transaction(async (tx) => {
      await transitionCase(beijing.user, beijing.actor, { caseId, action: "submit" }, tx);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the caller still has work to do
      sentBeforeCommit = smtp.received.length - before;
    });
    await flushEmails();
    expect(sentBeforeCommit).toBe(0);
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([["reviewer@example.gov.cn"]]);
  });

  it("a comment mails the lead region's submitters", async () => {
    setMailEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "noreply@example.gov.cn", MAIL_DOMAIN: "example.gov.cn" });
    const caseId = await submittedCase();
    await flushEmails();
    const { context } = await signedIn("reviewer");
    const before = smtp.received.length;
    const result = await run(() => caseAction({ request: post(`/cases/${caseId}`, { intent: "comment", anchor: "intro", body: "导语请精简。" }), context, params: { caseId } }));
    expect(result.status).toBe(302);
    await flushEmails();
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([["beijing@example.gov.cn"]]);
    expect(bodyText(smtp.received.at(-1)!.raw)).toContain("部委审核人对案例“深化外资企业注册登记便利化改革”的导语发表了审核意见：“导语请精简。”");
  });

  it("a failing mail server is logged as a warning and never fails the request", async () => {
    const closed = await startFakeSmtp();
    await closed.close(); // nothing listens on this port any more
    setMailEnv({ SMTP_URL: `smtp://127.0.0.1:${closed.port}`, MAIL_FROM: "noreply@example.gov.cn", MAIL_DOMAIN: "example.gov.cn" });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const caseId = await submittedCase();
    const { context } = await signedIn("reviewer");
    const row = await getCaseRow(caseId);
    const result = await run(() =>
      caseAction({ request: post(`/cases/${caseId}`, { intent: "transition", action: "approve", confirmed: "1", expectedVersion: String(row.version), expectedState: "submitted" }), context, params: { caseId } }),
    );
    expect(result.status).toBe(302);
    await flushEmails();
    expect((await getCaseRow(caseId)).state).toBe("approved");
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^邮件通知发送失败（beijing@example\.gov\.cn）/));
  });

  it("is an outbox: a mail the server refused is retried with backoff and then sent exactly once", async () => {
    const down = await startFakeSmtp();
    await down.close();
    setMailEnv({ SMTP_URL: `smtp://127.0.0.1:${down.port}`, MAIL_FROM: "noreply@example.gov.cn", MAIL_DOMAIN: "example.gov.cn" });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await getDb().execute(sql`delete from pgboss.job where name = 'notification.email'`);
    await submittedCase();
    await flushEmails();
    const waiting = rowsOf<{ state: string; start_after: Date | string }>(
      await getDb().execute(sql`select state, start_after from pgboss.job where name = 'notification.email' and state = 'retry'`),
    );
    expect(waiting).toHaveLength(1);
    // The backoff holds it back…
    expect(new Date(waiting[0].start_after).getTime()).toBeGreaterThan(Date.now());
    // …until the mail server is back and the delay has passed (skipped here).
    setMailEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "noreply@example.gov.cn", MAIL_DOMAIN: "example.gov.cn" });
    await getDb().execute(sql`update pgboss.job set start_after = now() where name = 'notification.email' and state = 'retry'`);
    const before = smtp.received.length;
    await flushEmails();
    await flushEmails();
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([["reviewer@example.gov.cn"]]);
  });

  it("without SMTP_URL nothing is sent and nothing is logged", async () => {
    setMailEnv({});
    const warn = vi.spyOn(console, "warn");
    const before = smtp.received.length;
    await submittedCase();
    await flushEmails();
    expect(smtp.received.length).toBe(before);
    expect(warn).not.toHaveBeenCalled();
  });
});
