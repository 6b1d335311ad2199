import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/db.server";
import { isLocale } from "~/i18n/locale";
import { localeCookie } from "~/i18n/locale.server";
import { safeReturnPath, saveUserLocale } from "~/i18n/preferences.server";
import { readFormData } from "~/ui/forms";

/** Nothing to show: a GET (say, a bookmarked URL) goes home. */
export function loader() {
  return redirect("/");
}

/**
 * The header's language switch (a plain form, so it works without JavaScript): remembers the
 * choice in a cookie and, for a signed-in user, in users.locale, then goes back to the page.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  // An unreadable body (wrong Content-Type, cut off) is no choice: back home, nothing changed.
  const form = await readFormData(request);
  const locale = form?.get("locale");
  const back = safeReturnPath(form?.get("redirectTo"));
  if (!isLocale(locale)) return redirect(back, 303);
  const user = context.auth?.user;
  if (user) await saveUserLocale(getDb(), user.id, locale);
  const secure = new URL(request.url).protocol === "https:";
  return redirect(back, { status: 303, headers: { "Set-Cookie": localeCookie(locale, secure) } });
}
