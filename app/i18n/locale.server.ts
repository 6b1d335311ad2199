import { AsyncLocalStorage } from "node:async_hooks";
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALE_STORE_KEY, LOCALES, type Locale } from "./locale";

const globals = globalThis as { [LOCALE_STORE_KEY]?: AsyncLocalStorage<Locale> };
const store = (globals[LOCALE_STORE_KEY] ??= new AsyncLocalStorage<Locale>());

/** Runs `fn` (a whole request) with `locale` as the language every strings read picks. */
export function runWithLocale<R>(locale: Locale, fn: () => R): R {
  return store.run(locale, fn);
}

/** The locale cookie's value, if it names a language we speak. */
export function localeFromCookie(cookieHeader: string | null | undefined): Locale | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === LOCALE_COOKIE) {
      const value = decodeURIComponent(rest.join("="));
      return isLocale(value) ? value : null;
    }
  }
  return null;
}

/** Accept-Language negotiated (RFC 4647 lookup with the CLDR fallbacks, so "en-GB" → en, "zh-TW" → zh-CN). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const requested = new Negotiator({ headers: { "accept-language": header } }).languages();
  try {
    const chosen = match(requested, LOCALES as unknown as string[], DEFAULT_LOCALE);
    return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE; // a malformed tag: the default, never a 5xx
  }
}

/** The request's language: the signed-in user's choice, else the cookie, else Accept-Language, else zh-CN. */
export function resolveLocale(input: { userLocale?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.userLocale)) return input.userLocale;
  return localeFromCookie(input.cookie) ?? localeFromAcceptLanguage(input.acceptLanguage);
}

/** Set-Cookie for the anonymous visitor's choice: a year, the whole site, readable by the server only. */
export function localeCookie(locale: Locale, secure: boolean): string {
  return `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly${secure ? "; Secure" : ""}`;
}
