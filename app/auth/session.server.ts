import { eq, sql } from "drizzle-orm";
import { userRegions, userRoles } from "#db/schema";
import { getDb, type Executor } from "~/db/db.server";
import { isRole, permissionsForRoles, type Permission, type Role } from "~/permissions/permissions";
import { getLucia } from "./lucia.server";
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

export async function loadRolesAndRegions(db: Executor, userId: string) {
  const [roles, regions] = await Promise.all([
    db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).orderBy(sql`1`),
    db.select({ region: userRegions.regionCode }).from(userRegions).where(eq(userRegions.userId, userId)).orderBy(sql`1`),
  ]);
  const roleList = roles.map((r) => r.role).filter(isRole);
  return { roles: roleList, regions: regions.map((r) => r.region), permissions: permissionsForRoles(roleList) };
}

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
 * Validates the session cookie of a request. Called once per HTTP request by the server (and by
 * tests); the result travels to loaders and actions in the load context.
 */
export async function authenticate(cookieHeader: string | null): Promise<AuthState> {
  const lucia = getLucia();
  const sessionId = readCookie(cookieHeader, lucia.sessionCookieName);
  if (!sessionId) return { user: null, sessionId: null, setCookie: null };
  // Our ids are short and alphanumeric; anything else (a NUL byte would even make PostgreSQL fail) is no session.
  if (!/^[A-Za-z0-9]{1,128}$/.test(sessionId)) return { user: null, sessionId: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) {
    return { user: null, sessionId: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  if (!user.active) {
    await lucia.invalidateUserSessions(user.id);
    return { user: null, sessionId: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  const extra = await loadRolesAndRegions(getDb(), user.id);
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, mustChangePassword: user.mustChangePassword, locale: isLocale(user.locale) ? user.locale : null, ...extra },
    sessionId: session.id,
    setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
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
