import { eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { users } from "#db/schema";
import { getDb, type Transaction } from "~/db/db.server";
import type { PendingEmail } from "./notifications.server";
import { notificationStrings as t } from "./strings";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/locale";
import { runWithLocale } from "~/i18n/locale.server";

/**
 * E-mail copies of in-app notifications, sent only when SMTP is configured:
 *
 *   SMTP_URL     smtp://user:pass@host:587 (or smtps://…:465); unset → no e-mail at all
 *   MAIL_FROM    sender, e.g. "最佳实践案例系统 <noreply@example.gov.cn>" (required with SMTP_URL)
 *   MAIL_DOMAIN  users have no e-mail column: a user's address is <username>@MAIL_DOMAIN;
 *                unset → no recipient has an address, nothing is sent
 *   APP_URL      public address of the app (https://cases.example.gov.cn), for links in the mail
 *
 * Mails are an outbox of background jobs (`queueEmailJobs`, job `notification.email` in
 * email-job.server.ts), queued in the transaction that writes the notifications.
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

/**
 * Sends one notification's mail (the `notification.email` job). A user without an address or no
 * longer active is skipped; a refusal of the mail server throws, so the job is retried with backoff.
 */
export async function sendEmail(email: PendingEmail, config: MailConfig | null = mailConfig()): Promise<"sent" | "skipped"> {
  if (!config) return "skipped";
  if (!config.domain) {
    warnOnce("MAIL_DOMAIN", "未设置 MAIL_DOMAIN，无法确定用户的邮箱地址，不发送邮件通知。");
    return "skipped";
  }
  const [user] = await getDb().select({ username: users.username, active: users.active }).from(users).where(eq(users.id, email.userId)).limit(1);
  const to = user?.active ? emailAddressOf(user.username, config.domain) : null;
  if (!to) return "skipped";
  try {
    // The e-mail's own words (subject, link, footer) in the recipient's language, as the message itself.
    const composed = runWithLocale(isLocale(email.locale) ? email.locale : DEFAULT_LOCALE, () => composeEmail(email, config.appUrl));
    await transportFor(config.url).sendMail({ from: config.from, to, ...composed });
    return "sent";
  } catch (error) {
    console.warn(`邮件通知发送失败（${to}），稍后重试：${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

/**
 * The outbox: one `notification.email` job per mail, queued in the transaction that writes the
 * notifications — so a rolled-back change mails nobody, a committed one is mailed by whichever
 * server process takes the job (once), retried with backoff when the mail server fails, and not
 * lost when a process stops or crashes. Without SMTP_URL nothing is queued.
 */
export async function queueEmailJobs(tx: Transaction, emails: readonly PendingEmail[]): Promise<void> {
  if (emails.length === 0 || !mailConfig()) return;
  const { enqueueJob } = await import("~/jobs/queue.server");
  for (const email of emails) await enqueueJob(tx, "notification.email", { userId: email.userId, kind: email.kind, caseId: email.caseId, message: email.message });
}

/** Runs the mail jobs that are due, in this process (tests; the worker does it on a server). */
export async function flushEmails(): Promise<void> {
  const { runDueJobs } = await import("~/jobs/worker.server");
  await runDueJobs(undefined, { names: ["notification.email"] });
}
