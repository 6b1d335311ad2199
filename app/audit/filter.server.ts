import { beijingDayStart } from "~/ui/format";
import type { AuditFilter } from "./audit.server";

/** Reads the audit filter from the query string (shared by the page and the CSV download). */
export function auditFilterFromUrl(url: URL): { filter: AuditFilter; values: Record<string, string>; invalid: string[] } {
  const get = (k: string) => (url.searchParams.get(k) ?? "").trim().slice(0, 200);
  const values = { actor: get("actor"), object: get("object"), raw: get("raw"), action: get("action"), entityType: get("entityType"), entityId: get("entityId"), from: get("from"), to: get("to") };
  const invalid: string[] = [];
  const from = values.from ? beijingDayStart(values.from) : undefined;
  const toStart = values.to ? beijingDayStart(values.to) : undefined;
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
