import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { sessions, users } from "#db/schema";
import { getDb, type Database } from "~/db/db.server";

/**
 * lucia v3 is marked deprecated upstream (lucia-auth/lucia#1787); everything that touches it stays
 * in this module so it can be replaced by a few functions over the same `sessions` table.
 *
 * Sessions last 30 days and slide: a session used in its second half is extended and the server
 * sends the cookie again. Validation itself is authenticate's one statement (session.server.ts), not
 * lucia's validateSession (which takes a second and third query for the roles and regions).
 */
const SESSION_DAYS = 30;
/** The same lifetime in ms, for authenticate's own sliding check (session.server.ts). */
export const SESSION_LIFETIME_MS = SESSION_DAYS * 24 * 3600 * 1000;

function createLucia(db: Database) {
  return new Lucia(new DrizzlePostgreSQLAdapter(db, sessions, users), {
    sessionExpiresIn: new TimeSpan(SESSION_DAYS, "d"),
    sessionCookie: {
      name: "pilot_session",
      attributes: {
        // HttpOnly and SameSite=Lax are lucia's defaults; Secure whenever we run in production.
        secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1",
        sameSite: "lax",
      },
    },
    getUserAttributes: (attributes) => ({
      username: attributes.username,
      displayName: attributes.displayName,
      active: attributes.active,
      mustChangePassword: attributes.mustChangePassword,
      locale: attributes.locale,
    }),
  });
}

type AppLucia = ReturnType<typeof createLucia>;
const cache = new WeakMap<Database, AppLucia>();

/** One lucia per database handle (tests swap the database between files). */
export function getLucia(): AppLucia {
  const db = getDb();
  let lucia = cache.get(db);
  if (!lucia) {
    lucia = createLucia(db);
    cache.set(db, lucia);
  }
  return lucia;
}

declare module "lucia" {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: {
      username: string;
      displayName: string;
      active: boolean;
      mustChangePassword: boolean;
      locale: string | null;
    };
  }
}
