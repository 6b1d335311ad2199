import { currentLocale, type Locale } from "~/i18n/locale";

/**
 * Dates and numbers as the reader's language writes them, always in Beijing time (the deadlines
 * and the bulletin are Beijing's): Intl does the work; the time zone is fixed so server-rendered
 * and hydrated text agree whatever the machine's zone. zh-CN "2026/03/01 09:30", en "03/01/2026, 09:30".
 */
const TIME_ZONE = "Asia/Shanghai";

const options = {
  datetime: { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  date: { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" },
  time: { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

type Style = keyof typeof options;
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, style: Style) {
  const key = `${locale} ${style}`;
  let format = cache.get(key);
  if (!format) {
    // English dates day-month-year with a 24-hour clock ("en-GB"): unambiguous beside Chinese dates.
    format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, options[style]);
    cache.set(key, format);
  }
  return format;
}

export function formatDateTime(value: Date | string | number, style: Style = "datetime", locale: Locale = currentLocale()): string {
  const date = value instanceof Date ? value : new Date(value);
  return formatter(locale, style).format(date);
}

/** A count or amount with the current language's grouping ("12,345" in both, but through Intl). */
export function formatNumber(value: number, locale: Locale = currentLocale()): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Parses a `YYYY-MM-DD` form value as a Beijing calendar day; returns the instant the day starts. */
export function beijingDayStart(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}
