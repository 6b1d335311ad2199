/**
 * Dates as officials read them: Beijing time, Chinese conventions. Intl does the work; the time
 * zone is fixed so server-rendered and hydrated text agree whatever the machine's zone.
 */
const TIME_ZONE = "Asia/Shanghai";

const formats = {
  datetime: new Intl.DateTimeFormat("zh-CN", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }),
  date: new Intl.DateTimeFormat("zh-CN", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }),
  time: new Intl.DateTimeFormat("zh-CN", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
} as const;

export function formatDateTime(value: Date | string | number, style: keyof typeof formats = "datetime"): string {
  const date = value instanceof Date ? value : new Date(value);
  return formats[style].format(date);
}

/** Parses a `YYYY-MM-DD` form value as a Beijing calendar day; returns the instant the day starts. */
export function beijingDayStart(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}
