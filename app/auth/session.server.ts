import { eq, sql } from "drizzle-orm";
import { sessions, userRegions, userRoles, users } from "#db/schema";
import { getDb } from "~/db/db.server";
import { isRole, permissionsForRoles, type Permission, type Role } from "~/permissions/permissions";
import { getLucia, SESSION_LIFETIME_MS } from "./lucia.server";
import { isLocale, type Locale } from "~/i18n/locale";

/** The signed-in user as loaders, actions and (via the root loader) the browser see them. */
export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  regions: string[];
  permissions: Permission[];
  mustChangePassword: boolean;
  /** The language chosen with the header's switch (null: cookie / Accept-Language decide). */
  locale?: Locale | null;
};

export type AuthState = { user: SessionUser | null; sessionId: string | null; setCookie: string | null };

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return "%"; // not percent-decodable: no session id of ours (authenticate refuses it)
      }
    }
  }
  return null;
}

/**
 * A session, its user and the user's roles and regions in one statement (lucia's own validateSession
 * reads session+user, and the roles and regions took two more: three round trips on every request).
 */
async function readSession(sessionId: string) {
  const [row] = await getDb()
    .select({
      expiresAt: sessions.expiresAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      locale: users.locale,
      roles: sql<string[] | null>`(select array_agg(${userRoles.role} order by ${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id})`,
      regions: sql<string[] | null>`(select array_agg(${userRegions.regionCode} order by ${userRegions.regionCode}) from ${userRegions} where ${userRegions.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  return row ?? null;
}

/**
 * Validates the session cookie of a request. Called once per HTTP request by the server (and by
 * tests); the result travels to loaders and actions in the load context.
 *
 * Sliding expiry as lucia does it, but with one read and no write on most requests: the session is
 * extended (an UPDATE, and the cookie sent again) only once it is in the second half of its 30 days.
 */
export async function authenticate(cookieHeader: string | null): Promise<AuthState> {
  const lucia = getLucia();
  const sessionId = readCookie(cookieHeader, lucia.sessionCookieName);
  if (!sessionId) return { user: null, sessionId: null, setCookie: null };
  // Our ids are short and alphanumeric; anything else (a NUL byte would even make PostgreSQL fail) is no session.
  if (!/^[A-Za-z0-9]{1,128}$/.test(sessionId)) return { user: null, sessionId: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  const row = await readSession(sessionId);
  const now = Date.now();
  const expiresAt = row ? new Date(row.expiresAt).getTime() : 0;
  if (!row || expiresAt <= now) {
    if (row) await getDb().delete(sessions).where(eq(sessions.id, sessionId));
    return { user: null, sessionId: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  if (!row.active) {
    await lucia.invalidateUserSessions(row.userId);
    return { user: null, sessionId: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  let setCookie: string | null = null;
  if (expiresAt - now < SESSION_LIFETIME_MS / 2) {
    await getDb().update(sessions).set({ expiresAt: new Date(now + SESSION_LIFETIME_MS) }).where(eq(sessions.id, sessionId));
    setCookie = lucia.createSessionCookie(sessionId).serialize();
  }
  const roles = (row.roles ?? []).filter(isRole);
  return {
    user: {
      id: row.userId,
      username: row.username,
      displayName: row.displayName,
      mustChangePassword: row.mustChangePassword,
      locale: isLocale(row.locale) ? row.locale : null,
      roles,
      regions: row.regions ?? [],
      permissions: permissionsForRoles(roles),
    },
    sessionId,
    setCookie,
  };
}

/** Starts a new session (a new id every login) and returns its Set-Cookie header. */
export async function startSession(userId: string): Promise<string> {
  const lucia = getLucia();
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

export async function endSession(sessionId: string | null): Promise<string> {
  const lucia = getLucia();
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

/** Ends every session of a user (password change, deactivation). */
export async function endAllSessions(userId: string) {
  await getLucia().invalidateUserSessions(userId);
}
