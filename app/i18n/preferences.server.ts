import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import type { Executor } from "~/db/db.server";
import type { Locale } from "./locale";

/** Remembers a signed-in user's UI language (the header's switch), for every device they sign in on. */
export async function saveUserLocale(db: Executor, userId: string, locale: Locale) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/** Where to go back to after switching: a path of this site only (no open redirect). */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  try {
    // Resolved against a placeholder origin: "//evil", "/\\evil" change the origin and are refused;
    // what stays is percent-encoded, so it fits a Location header.
    const url = new URL(value, "http://same.invalid");
    return url.origin === "http://same.invalid" ? `${url.pathname}${url.search}` : "/";
  } catch {
    return "/";
  }
}
