import { eq } from "drizzle-orm";
import { loginAttempts, users } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { getDb, type Executor } from "~/db/db.server";
import { formatDateTime } from "~/ui/format";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { startSession } from "./session.server";
import { failuresSincePreviousLogin, throttledUntil } from "./throttle.server";
import { authStrings } from "./strings";

export function normalizeUsername(username: string) {
  return username.trim().toLowerCase();
}

export type LoginResult =
  | { ok: true; userId: string; setCookie: string; mustChangePassword: boolean; failedAttempts: string | null }
  | { ok: false; status: 400 | 429; message: string };

/** `now` is a parameter so the tests can walk through the delays without waiting for them. */
export async function attemptLogin(input: { username: string; password: string }, actor: AuditActor, now = new Date()): Promise<LoginResult> {
  const db = getDb();
  const username = normalizeUsername(input.username);
  const ip = actor.ip ?? "unknown";

  const until = await throttledUntil(db, username, ip, now);
  if (until) {
    // A refused attempt is audited but not counted, so a locked account unlocks on time.
    await db.transaction(async (tx) => {
      await recordAudit(tx, actor, { action: "auth.login_throttled", entityType: "user", entityId: username, after: { username } });
    });
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    return { ok: false, status: 429, message: authStrings.tooManyAttempts(formatDateTime(until, "time"), seconds) };
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
  const failures = await failuresSincePreviousLogin(db, username, now);
  return {
    ok: true,
    userId: user.id,
    setCookie: await startSession(user.id),
    mustChangePassword: user.mustChangePassword,
    failedAttempts: failures ? authStrings.failedAttemptsSinceLastLogin(failures.count, formatDateTime(failures.lastAt), failures.lastIp) : null,
  };
}
