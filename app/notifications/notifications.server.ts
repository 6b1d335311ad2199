import { and, count, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import { cases, notifications, users } from "#db/schema";
import type { Executor, Transaction } from "~/db/db.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locale";
import { runWithLocale } from "~/i18n/locale.server";

/**
 * The in-app inbox. Notifications are written inside the transaction of the change they report
 * (a transition, a comment), so a rolled-back change notifies nobody; their e-mail copies are
 * queued as jobs in that same transaction (email.server.ts), sent once it has committed.
 */
export type NewNotification = {
  userId: string;
  kind: string;
  caseId: string | null;
  batchId?: number | null;
  /** A function is called in the recipient's UI language (the inbox stores text, and the actor's language need not be theirs). */
  message: string | (() => string);
};

/** What an e-mail needs (the payload of a `notification.email` job); `locale`: the recipient's, for the e-mail's own words. */
export type PendingEmail = { userId: string; kind: string; caseId: string | null; message: string; locale?: Locale };

/** Each recipient's chosen language (users.locale); zh-CN for those who chose none. */
async function recipientLocales(tx: Executor, userIds: readonly string[]): Promise<Map<string, Locale>> {
  const rows = userIds.length ? await tx.select({ id: users.id, locale: users.locale }).from(users).where(inArray(users.id, [...new Set(userIds)])) : [];
  return new Map(rows.map((r) => [r.id, isLocale(r.locale) ? r.locale : DEFAULT_LOCALE]));
}

export async function insertNotifications(tx: Transaction, rows: readonly NewNotification[]): Promise<PendingEmail[]> {
  if (rows.length === 0) return [];
  const locales = await recipientLocales(tx, rows.map((r) => r.userId));
  const resolved = rows.map((r) => {
    const locale = locales.get(r.userId) ?? DEFAULT_LOCALE;
    return { ...r, locale, message: typeof r.message === "function" ? runWithLocale(locale, r.message) : r.message };
  });
  await tx.insert(notifications).values(resolved.map((r) => ({ userId: r.userId, kind: r.kind, caseId: r.caseId, batchId: r.batchId ?? null, message: r.message })));
  const emails = resolved.map((r) => ({ userId: r.userId, kind: r.kind, caseId: r.caseId, message: r.message, locale: r.locale }));
  // Their e-mail copies: outbox jobs in this same transaction (nothing without SMTP_URL).
  const { queueEmailJobs } = await import("./email.server");
  await queueEmailJobs(tx, emails);
  return emails;
}

/** The header badge: one COUNT on the (user_id, read_at, created_at) index. */
export async function countUnread(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export type InboxEntry = {
  id: number;
  kind: string;
  caseId: string | null;
  caseTitle: string | null;
  message: string;
  createdAt: Date;
  readAt: Date | null;
};

/** Newest first, keyset-paginated by id; unread only when asked. One query. */
export async function listNotifications(db: Executor, userId: string, page: { beforeId?: number; limit: number; unreadOnly?: boolean }) {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      caseId: notifications.caseId,
      caseTitle: cases.title,
      message: notifications.message,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(
      and(
        eq(notifications.userId, userId),
        page.beforeId ? lt(notifications.id, page.beforeId) : undefined,
        page.unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(page.limit + 1);
  return { entries: rows.slice(0, page.limit) as InboxEntry[], nextBeforeId: rows.length > page.limit ? rows[page.limit - 1].id : null };
}

/** Marks the user's own notifications read; returns how many changed. Others' ids are ignored. */
export async function markRead(db: Executor, userId: string, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const changed = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), inArray(notifications.id, [...ids]), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return changed.length;
}

export async function markAllRead(db: Executor, userId: string): Promise<number> {
  const changed = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return changed.length;
}

export async function getNotification(db: Executor, userId: string, id: number) {
  const [row] = await db
    .select({ id: notifications.id, caseId: notifications.caseId, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .limit(1);
  return row ?? null;
}
