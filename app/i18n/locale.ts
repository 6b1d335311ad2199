/**
 * The UI languages and which one the current render speaks. zh-CN is the default and the source of
 * truth; English is the second language. Shared by server and browser code, so it imports nothing
 * server-only: on the server the locale of the request lives in an AsyncLocalStorage that
 * `locale.server.ts` puts on `globalThis` (one store whatever module graph reads it — the Remix
 * build and the express server are bundled separately), in the browser in a module variable set
 * from `<html lang>` before hydration.
 */
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
/** The cookie that remembers an anonymous visitor's choice (a signed-in user's is in users.locale). */
export const LOCALE_COOKIE = "locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

type LocaleStore = { getStore(): Locale | undefined };
const STORE_KEY = Symbol.for("pilot-cases.locale-store");

let browserLocale: Locale = DEFAULT_LOCALE;

/** Browser only: the language of the page (from `<html lang>` before hydration, then the root loader's data). */
export function setBrowserLocale(locale: string | null | undefined) {
  browserLocale = isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** The language of the current request (server) or page (browser); zh-CN outside any request (jobs, CLI, tests). */
export function currentLocale(): Locale {
  const store = (globalThis as { [STORE_KEY]?: LocaleStore })[STORE_KEY];
  if (store) return store.getStore() ?? DEFAULT_LOCALE;
  return browserLocale;
}

export const LOCALE_STORE_KEY = STORE_KEY;
