import { beijingDayStart } from "~/ui/format";
import { z } from "zod";
import { queryInt, queryText } from "~/ui/query.server";
import type { AuditFilter } from "./audit.server";

/** Reads the audit filter from the query string (shared by the page and the CSV download). */
export function auditFilterFromUrl(url: URL): { filter: AuditFilter; values: Record<string, string>; invalid: string[] } {
  const get = (k: string) => (url.searchParams.get(k) ?? "").trim().slice(0, 200);
  const values = { actor: get("actor"), object: get("object"), raw: get("raw"), action: get("action"), entityType: get("entityType"), entityId: get("entityId"), from: get("from"), to: get("to") };
  const invalid: string[] = [];
  // Days outside 2000–2100 are invalid too (year 0001 became year 0 in UTC, which PostgreSQL refuses: a 500).
  const day = (v: string) => {
    const d = beijingDayStart(v);
    return d && /^(20[0-9]{2}|2100)-/.test(v) ? d : null;
  };
  const from = values.from ? day(values.from) : undefined;
  const toStart = values.to ? day(values.to) : undefined;
  if (from === null) invalid.push("from");
  if (toStart === null) invalid.push("to");
  return {
    values,
    invalid,
    filter: {
      actor: values.actor || undefined,
      object: values.object || undefined,
      action: values.action || undefined,
      entityType: values.entityType || undefined,
      entityId: values.entityId || undefined,
      from: from ?? undefined,
      // The "to" day is inclusive: everything before the next day's start.
      to: toStart ? new Date(toStart.getTime() + 24 * 3600 * 1000) : undefined,
    },
  };
}

/** The audit pages' query parameters (the page and the CSV download). */
export const auditQuery = z.object({
  before: queryInt(1, Number.MAX_SAFE_INTEGER),
  actor: queryText(),
  object: queryText(),
  raw: queryText(1),
  action: queryText(),
  entityType: queryText(),
  entityId: queryText(),
  from: queryText(10),
  to: queryText(10),
});
