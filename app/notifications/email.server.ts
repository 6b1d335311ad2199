import { inArray, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { users } from "#db/schema";
import { getDb, type Executor, type Transaction } from "~/db/db.server";
import type { PendingEmail } from "./notifications.server";
import { notificationStrings as t } from "./strings";

/**
 * E-mail copies of in-app notifications, sent only when SMTP is configured:
 *
 *   SMTP_URL     smtp://user:pass@host:587 (or smtps://…:465); unset → no e-mail at all
 *   MAIL_FROM    sender, e.g. "最佳实践案例系统 <noreply@example.gov.cn>" (required with SMTP_URL)
 *   MAIL_DOMAIN  users have no e-mail column: a user's address is <username>@MAIL_DOMAIN;
 *                unset → no recipient has an address, nothing is sent
 *   APP_URL      public address of the app (https://cases.example.gov.cn), for links in the mail
 *
 * Mails go out only once the transaction that wrote the notifications has committed: either the
 * caller queues them after its commit (`queueEmails`), or, from inside a transaction whose commit
 * it does not control, `queueEmailsAfterCommit(tx, …)` notes the transaction id and the background
 * job waits until the database reports that transaction committed (rolled back → nothing is sent).
 * Sending happens in the background and never fails the request: a failure is logged with
 * console.warn.
 */
export type MailConfig = { url: string; from: string; domain: string | null; appUrl: string | null };

export function mailConfig(env: Readonly<Record<string, string | undefined>> = process.env): MailConfig | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  const from = env.MAIL_FROM?.trim();
  if (!from) {
    warnOnce("MAIL_FROM", "已设置 SMTP_URL 但未设置 MAIL_FROM，不发送邮件通知。");
    return null;
  }
  const domain = env.MAIL_DOMAIN?.trim().replace(/^@/, "") || null;
  const appUrl = env.APP_URL?.trim().replace(/\/+$/, "") || null;
  return { url, from, domain, appUrl };
}

const warned = new Set<string>();
function warnOnce(key: string, message: string) {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(message);
}

let cached: { url: string; transport: Transporter } | null = null;
function transportFor(url: string): Transporter {
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = { url, transport: nodemailer.createTransport(url) };
  }
  return cached.transport;
}

export function emailAddressOf(username: string, domain: string | null): string | null {
  if (!domain) return null;
  return `${username}@${domain}`;
}

export function composeEmail(email: Pick<PendingEmail, "message" | "caseId">, appUrl: string | null) {
  const link = email.caseId && appUrl ? `${appUrl}/cases/${email.caseId}` : null;
  const lines = [email.message, "", ...(link ? [t.emailLink(link)] : []), t.emailFooter];
  return { subject: t.emailSubject(email.message), text: lines.join("\n") };
}

/** Sends one mail per notification. Resolves when done; never rejects. */
export async function sendEmails(emails: readonly PendingEmail[], config: MailConfig | null = mailConfig()): Promise<{ sent: number; failed: number }> {
  if (!config || emails.length === 0) return { sent: 0, failed: 0 };
  if (!config.domain) {
    warnOnce("MAIL_DOMAIN", "未设置 MAIL_DOMAIN，无法确定用户的邮箱地址，不发送邮件通知。");
    return { sent: 0, failed: 0 };
  }
  let sent = 0;
  let failed = 0;
  try {
    const ids = [...new Set(emails.map((e) => e.userId))];
    const rows = await getDb().select({ id: users.id, username: users.username, active: users.active }).from(users).where(inArray(users.id, ids));
    const addressOf = new Map(rows.filter((r) => r.active).map((r) => [r.id, emailAddressOf(r.username, config.domain)]));
    const transport = transportFor(config.url);
    for (const email of emails) {
      const to = addressOf.get(email.userId);
      if (!to) continue;
      try {
        await transport.sendMail({ from: config.from, to, ...composeEmail(email, config.appUrl) });
        sent++;
      } catch (error) {
        failed++;
        console.warn(`邮件通知发送失败（${to}）：${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } catch (error) {
    failed++;
    console.warn(`邮件通知发送失败：${error instanceof Error ? error.message : String(error)}`);
  }
  return { sent, failed };
}

const inFlight = new Set<Promise<unknown>>();

/**
 * Sends in the background: call it after the transaction that wrote the notifications has
 * committed. Returns at once; without SMTP_URL it does nothing.
 */
export function queueEmails(emails: readonly PendingEmail[]): void {
  if (emails.length === 0) return;
  const config = mailConfig();
  if (!config) return;
  const job = sendEmails(emails, config).finally(() => inFlight.delete(job));
  inFlight.add(job);
}

type Rows<T> = T[] | { rows: T[] };
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as Rows<T> & { rows: T[] }).rows ?? []));

/** The id of the running transaction (PostgreSQL 13+: pg_current_xact_id). */
async function currentXactId(tx: Transaction): Promise<string> {
  const [row] = rowsOf<{ xid: string }>(await tx.execute(sql`select pg_current_xact_id()::text as xid`));
  return row.xid;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the transaction's fate from outside it: true once committed, false when rolled back. */
export async function waitForCommit(db: Executor, xid: string, maxWaitMs = 10 * 60_000): Promise<boolean> {
  const started = Date.now();
  for (let delay = 20; ; delay = Math.min(delay * 2, 1000)) {
    const [row] = rowsOf<{ status: string | null }>(await db.execute(sql`select pg_xact_status(${xid}::xid8) as status`));
    if (row?.status === "committed") return true;
    if (row?.status !== "in progress") return false;
    if (Date.now() - started > maxWaitMs) {
      console.warn(`邮件通知未发送：事务 ${xid} 超过 ${Math.round(maxWaitMs / 1000)} 秒仍未结束。`);
      return false;
    }
    await sleep(delay);
  }
}

/**
 * For code running inside a transaction it does not commit itself: the mails are sent once that
 * transaction has committed, and never if it rolls back. Costs one query when SMTP is configured,
 * none otherwise.
 */
export async function queueEmailsAfterCommit(tx: Transaction, emails: readonly PendingEmail[]): Promise<void> {
  if (emails.length === 0) return;
  const config = mailConfig();
  if (!config) return;
  const xid = await currentXactId(tx);
  const job = waitForCommit(getDb(), xid)
    .then((committed) => (committed ? sendEmails(emails, config) : undefined))
    .catch((error) => console.warn(`邮件通知发送失败：${error instanceof Error ? error.message : String(error)}`))
    .finally(() => inFlight.delete(job));
  inFlight.add(job);
}

/** Waits for the mails queued so far (tests; graceful shutdown). */
export async function flushEmails(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
}
