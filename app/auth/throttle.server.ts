/**
 * Login throttling that slows guessing without handing strangers a way to lock anyone out
 * (OWASP Authentication Cheat Sheet: "account lockout" → prefer growing delays keyed so that an
 * attacker's failures do not block the owner).
 *
 * Three keys, each with a free allowance and then a delay that doubles with every further failure
 * (1 s, 2 s, 4 s … capped at 15 minutes); nothing is ever locked for good:
 * - the pair account + address: the guesser's own key; the owner elsewhere is not affected;
 * - the address alone: sized for an office behind one NAT (100 failures an hour are free);
 * - the account across addresses (a botnet spreading guesses): applies only to an address that has
 *   failed itself in the last hour and from which the account has not signed in for 90 days, so an
 *   address that has not been failing — the owner's, anywhere — always gets its correct password in.
 * Refused (429) attempts are not counted, so a delay ends on time. A successful login resets the
 * pair and the account keys (never the address key: signing in to one's own account must not buy
 * more guesses against others). State lives in `login_attempts`, so several processes agree.
 */
import { and, count, desc, eq, gt, isNull, max, sql, type SQL } from "drizzle-orm";
import { loginAttempts } from "#db/schema";
import type { Executor } from "~/db/db.server";

export const MAX_DELAY_MS = 15 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const KNOWN_ADDRESS_MS = 90 * 24 * HOUR;

export type ThrottleKind = "pair" | "address" | "account";

export const THROTTLE_RULES: Record<ThrottleKind, { free: number; windowMs: number }> = {
  pair: { free: 5, windowMs: 24 * HOUR },
  address: { free: 100, windowMs: HOUR },
  account: { free: 30, windowMs: HOUR },
};

/** How long the next attempt must wait after `failures` counted failures under `free` free ones. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(1000 * 2 ** (failures - free), MAX_DELAY_MS);
}

const failed = and(eq(loginAttempts.success, false), isNull(loginAttempts.clearedAt));

function lastSuccess(where: SQL) {
  return sql`coalesce((select max(s.at) from login_attempts s where s.success and ${where}), '-infinity'::timestamptz)`;
}

async function failuresOf(db: Executor, where: SQL, resetBy: SQL | null, since: Date) {
  const [row] = await db
    .select({ n: count(), last: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(where, failed, gt(loginAttempts.at, since), resetBy ? sql`${loginAttempts.at} > ${lastSuccess(resetBy)}` : undefined));
  return { n: Number(row?.n ?? 0), last: row?.last ? new Date(row.last) : null };
}

function until(kind: ThrottleKind, f: { n: number; last: Date | null }): Date | null {
  const delay = delayAfter(f.n, THROTTLE_RULES[kind].free);
  return delay && f.last ? new Date(f.last.getTime() + delay) : null;
}

/** When this username may next be tried from this address, or null if now. */
export async function throttledUntil(db: Executor, username: string, ip: string, now: Date): Promise<Date | null> {
  const since = (kind: ThrottleKind) => new Date(now.getTime() - THROTTLE_RULES[kind].windowMs);
  const pairWhere = sql`${loginAttempts.username} = ${username} and ${loginAttempts.ip} = ${ip}`;
  const accountWhere = sql`${loginAttempts.username} = ${username}`;
  const [pair, address, account, known] = await Promise.all([
    failuresOf(db, pairWhere, sql`s.username = ${username} and s.ip = ${ip}`, since("pair")),
    failuresOf(db, eq(loginAttempts.ip, ip), null, since("address")),
    failuresOf(db, accountWhere, sql`s.username = ${username}`, since("account")),
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.username, username), eq(loginAttempts.ip, ip), eq(loginAttempts.success, true), gt(loginAttempts.at, new Date(now.getTime() - KNOWN_ADDRESS_MS)))),
  ]);
  const accountApplies = address.n > 0 && Number(known[0]?.n ?? 0) === 0;
  const times = [until("pair", pair), until("address", address), accountApplies ? until("account", account) : null];
  const latest = times.filter((d): d is Date => d !== null && d > now).sort((a, b) => b.getTime() - a.getTime())[0];
  return latest ?? null;
}

/** Failed attempts on this account since its previous successful login (for the owner to see). */
export async function failuresSincePreviousLogin(db: Executor, username: string, successAt: Date) {
  const [row] = await db
    .select({ n: count(), last: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.username, username),
        eq(loginAttempts.success, false),
        sql`${loginAttempts.at} > coalesce((select max(s.at) from login_attempts s where s.success and s.username = ${username} and s.at < ${successAt.toISOString()}::timestamptz), '-infinity'::timestamptz)`,
      ),
    );
  const n = Number(row?.n ?? 0);
  if (!n) return null;
  const [lastRow] = await db
    .select({ ip: loginAttempts.ip, at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.success, false)))
    .orderBy(desc(loginAttempts.at))
    .limit(1);
  return { count: n, lastAt: lastRow?.at ?? new Date(row!.last!), lastIp: lastRow?.ip ?? "" };
}

export type ActiveThrottle = { kind: ThrottleKind; username: string | null; ip: string | null; failures: number; lastAt: Date; until: Date };

/** Every key that is throttled right now, latest first (for the admin page). */
export async function activeThrottles(db: Executor, now: Date): Promise<ActiveThrottle[]> {
  const result: ActiveThrottle[] = [];
  const groups: { kind: ThrottleKind; cols: ("username" | "ip")[] }[] = [
    { kind: "pair", cols: ["username", "ip"] },
    { kind: "address", cols: ["ip"] },
    { kind: "account", cols: ["username"] },
  ];
  for (const { kind, cols } of groups) {
    const since = new Date(now.getTime() - THROTTLE_RULES[kind].windowMs);
    const byUser = cols.includes("username");
    const byIp = cols.includes("ip");
    const reset =
      kind === "address"
        ? sql`true`
        : sql`${loginAttempts.at} > coalesce((select max(s.at) from login_attempts s where s.success and s.username = ${loginAttempts.username}${kind === "pair" ? sql` and s.ip = ${loginAttempts.ip}` : sql``}), '-infinity'::timestamptz)`;
    const rows = await db
      .select({
        username: byUser ? loginAttempts.username : sql<string | null>`null`,
        ip: byIp ? loginAttempts.ip : sql<string | null>`null`,
        n: count(),
        last: max(loginAttempts.at),
      })
      .from(loginAttempts)
      .where(and(failed, gt(loginAttempts.at, since), reset))
      .groupBy(...(byUser ? [loginAttempts.username] : []), ...(byIp ? [loginAttempts.ip] : []))
      .having(sql`count(*) >= ${THROTTLE_RULES[kind].free}`);
    for (const r of rows) {
      const end = until(kind, { n: Number(r.n), last: r.last ? new Date(r.last) : null });
      if (end && end > now) result.push({ kind, username: r.username, ip: r.ip, failures: Number(r.n), lastAt: new Date(r.last!), until: end });
    }
  }
  return result.sort((a, b) => b.until.getTime() - a.until.getTime());
}

/** Clears one throttle: its failures stop counting. Returns how many attempts were cleared. */
export async function clearThrottle(db: Executor, key: { kind: ThrottleKind; username?: string | null; ip?: string | null }, now: Date) {
  const where =
    key.kind === "pair"
      ? and(eq(loginAttempts.username, key.username ?? ""), eq(loginAttempts.ip, key.ip ?? ""))
      : key.kind === "address"
        ? eq(loginAttempts.ip, key.ip ?? "")
        : eq(loginAttempts.username, key.username ?? "");
  const rows = await db.update(loginAttempts).set({ clearedAt: now }).where(and(where, failed)).returning({ id: loginAttempts.id });
  return rows.length;
}
