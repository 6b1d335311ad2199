/**
 * Prints the session cookies this process's lucia would send (tests/integration/security-web.test.ts
 * runs it with NODE_ENV=production and without, to see the attributes each environment gets).
 * No database is needed to build a cookie: a stand-in handle is installed.
 */
import { getLucia } from "~/auth/lucia.server";
import { installDatabase, type DatabaseHandle } from "~/db/db.server";

installDatabase({ db: {} } as unknown as DatabaseHandle);
const lucia = getLucia();
console.log(JSON.stringify({ session: lucia.createSessionCookie("abcdefghijklmnopqrstuvwxyz234567abcdefgh").serialize(), blank: lucia.createBlankSessionCookie().serialize() }));
