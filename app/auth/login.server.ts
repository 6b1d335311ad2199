import { and, desc, eq, gt, sql } from "drizzle-orm";
import { loginAttempts, users } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { getDb, type Executor } from "~/db/db.server";
import { formatDateTime } from "~/ui/format";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { startSession } from "./session.server";
import { authStrings } from "./strings";

/** Throttling: this many failures in the window lock an account (or an address) until they age out. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 20;

export function normalizeUsername(username: string) {
  return username.trim().toLowerCase();
}

/**
 * When the `limit`-th most recent failure leaves the window, or null while under the limit.
 * Failures before the account's last successful login do not count against it.
 */
async function lockedUntil(db: Executor, by: "username" | "ip", value: string, limit: number, now: Date): Promise<Date | null> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const column = by === "username" ? loginAttempts.username : loginAttempts.ip;
  const afterLastSuccess =
    by === "username"
      ? sql`${loginAttempts.at} > coalesce((select max(s.at) from login_attempts s where s.username = ${value} and s.success), '-infinity'::timestamptz)`
      : sql`true`;
  const rows = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(column, value), eq(loginAttempts.success, false), gt(loginAttempts.at, since), afterLastSuccess))
    .orderBy(desc(loginAttempts.at))
    .offset(limit - 1)
    .limit(1);
  return rows[0] ? new Date(rows[0].at.getTime() + LOGIN_WINDOW_MS) : null;
}

export type LoginResult =
  | { ok: true; userId: string; setCookie: string; mustChangePassword: boolean }
  | { ok: false; status: 400 | 429; message: string };

export async function attemptLogin(input: { username: string; password: string }, actor: AuditActor): Promise<LoginResult> {
  const db = getDb();
  const username = normalizeUsername(input.username);
  const ip = actor.ip ?? "unknown";
  const now = new Date();

  const [accountLock, addressLock] = await Promise.all([
    lockedUntil(db, "username", username, ACCOUNT_FAILURE_LIMIT, now),
    lockedUntil(db, "ip", ip, ADDRESS_FAILURE_LIMIT, now),
  ]);
  const until = [accountLock, addressLock].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  if (until) {
    // A refused attempt is audited but not counted, so a locked account unlocks on time.
    await db.transaction(async (tx) => {
      await recordAudit(tx, actor, { action: "auth.login_throttled", entityType: "user", entityId: username, after: { username } });
    });
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000));
    return { ok: false, status: 429, message: authStrings.tooManyAttempts(formatDateTime(until, "time"), minutes) };
  }

  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  // Always pay for one hash so an unknown name answers as slowly as a wrong password.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  const success = Boolean(user && user.active && passwordOk);

  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ username, ip, success, at: now });
    await recordAudit(tx, success ? { ...actor, id: user!.id, name: `${user!.displayName}（${user!.username}）` } : actor, {
      action: success ? "auth.login" : "auth.login_failed",
      entityType: "user",
      entityId: user?.id ?? username,
      after: success ? undefined : { username, reason: !user ? "unknown-user" : !user.active ? "inactive" : "wrong-password" },
    });
  });
  if (!success || !user) return { ok: false, status: 400, message: authStrings.invalidCredentials };
  return { ok: true, userId: user.id, setCookie: await startSession(user.id), mustChangePassword: user.mustChangePassword };
}
