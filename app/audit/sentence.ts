/**
 * An audit event as a sentence a ministry official can read, and its before → after as
 * field-by-field changes in Chinese labels. Pure: the names it needs (case titles, batch numbers,
 * people, regions) are looked up beforehand (describe.server.ts) and passed in as `AuditNames`.
 */
import { diffChars } from "diff";
import { BATCH_STATE_LABELS } from "#workflows/batch";
import { CASE_STATE_LABELS } from "#workflows/case-review";
import { roleLabels } from "~/permissions/strings";
import { auditActionLabel, auditEntityLabels, auditFieldLabels, auditVerbs, auditWords as w } from "./strings";

export type AuditNames = {
  /** user id → 姓名, and their username */
  users: ReadonlyMap<string, { displayName: string; username: string }>;
  /** case id → title */
  cases: ReadonlyMap<string, string>;
  /** batch id (as stored in entity_id) → batch number */
  batches: ReadonlyMap<string, number>;
  regions: ReadonlyMap<string, string>;
  categories: ReadonlyMap<string, string>;
  /** call id → title */
  calls: ReadonlyMap<string, string>;
};

export type AuditEventInput = {
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

export type AuditObject = { label: string; href: string | null };
export type ChangePart = { type: "same" | "added" | "removed"; text: string };
export type FieldChange = { field: string; label: string; before: string | null; after: string | null; parts: ChangePart[] | null };
export type AuditSentence = { actor: string; verb: string; object: AuditObject | null; suffix: string; changes: FieldChange[] };

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** "北京市填报人（beijing）" → "北京市填报人": the name stored with the event, without the username. */
export function actorDisplayName(e: Pick<AuditEventInput, "actorId" | "actorName">, names: AuditNames): string {
  const user = e.actorId ? names.users.get(e.actorId) : undefined;
  if (user) return user.displayName;
  return e.actorName.replace(/（[^（）]*）$/, "");
}

function objectOf(e: AuditEventInput, names: AuditNames): AuditObject | null {
  const after = record(e.after);
  const before = record(e.before);
  const id = e.entityId;
  switch (e.entityType) {
    case "case": {
      const title = (id && names.cases.get(id)) ?? (typeof after.title === "string" ? after.title : null);
      return { label: title ? w.caseObject(title) : w.unknownCase, href: id && names.cases.has(id) ? `/cases/${id}` : null };
    }
    case "batch": {
      const number = (id && names.batches.get(id)) ?? (typeof after.number === "number" ? after.number : null);
      return { label: number ? w.batchObject(String(number)) : w.unknownBatch, href: number ? `/batches/${number}` : null };
    }
    case "user": {
      const user = id ? names.users.get(id) : undefined;
      if (user) return { label: w.userObject(user.displayName, user.username), href: `/admin/users/${id}` };
      const username = typeof after.username === "string" ? after.username : id;
      return { label: w.userPlain(username ?? ""), href: null };
    }
    case "region":
    case "category": {
      const map = e.entityType === "region" ? names.regions : names.categories;
      const name = (id && map.get(id)) ?? (typeof after.name === "string" ? after.name : typeof before.name === "string" ? before.name : id);
      return { label: w.namedObject(auditEntityLabels[e.entityType] ?? e.entityType, String(name)), href: e.entityType === "region" ? "/admin/regions" : "/admin/categories" };
    }
    case "call": {
      const title = (id && names.calls.get(id)) ?? (typeof after.title === "string" ? after.title : null);
      return { label: title ? w.callObject(title) : w.unknownCall, href: id ? `/calls/${id}` : null };
    }
    case "reference":
      return { label: w.reference, href: null };
    default:
      return id ? { label: `${auditEntityLabels[e.entityType] ?? e.entityType} ${id}`, href: null } : null;
  }
}

/** A value as words: states, roles, regions, people and yes/no in Chinese. */
export function formatAuditValue(field: string, value: unknown, names: AuditNames, entityType: string): string {
  if (value === null || value === undefined || value === "") return w.none;
  if (Array.isArray(value)) return value.length ? value.map((v) => formatAuditValue(field, v, names, entityType)).join(w.listSeparator) : w.none;
  if (typeof value === "boolean") return field === "active" ? (value ? w.active : w.inactive) : value ? w.yes : w.no;
  if (typeof value === "object") {
    const o = record(value);
    if ("id" in o && "version" in o) return w.caseVersion(names.cases.get(String(o.id)) ?? String(o.id), String(o.version));
    return JSON.stringify(value);
  }
  const s = String(value);
  if (field === "state") {
    const labels: Record<string, string> = entityType === "batch" ? BATCH_STATE_LABELS : CASE_STATE_LABELS;
    return labels[s] ?? s;
  }
  if (field === "roles") return roleLabels[s as keyof typeof roleLabels] ?? s;
  if (field === "regions" || field === "leadRegion" || field === "regionsInvited") return names.regions.get(s) ?? s;
  if (field === "category" || field === "categories") return names.categories.get(s) ?? s;
  if (field === "claimedBy" || field === "assignee") return names.users.get(s)?.displayName ?? s;
  if (field === "version") return w.version(s);
  if (field === "reason" && s in w.loginReasons) return w.loginReasons[s as keyof typeof w.loginReasons];
  if (field === "number") return w.batchNumber(s);
  return s;
}

/** Fields that only carry bookkeeping and would read as noise. */
const HIDDEN_FIELDS = new Set(["call", "commentId", "parentId", "erratumId", "label", "prefaceParagraphs"]);

export function fieldChanges(e: AuditEventInput, names: AuditNames): FieldChange[] {
  const before = record(e.before);
  const after = record(e.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN_FIELDS.has(k));
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const hadBefore = key in before && before[key] !== null && before[key] !== undefined;
    const hasAfter = key in after && after[key] !== null && after[key] !== undefined;
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    if (!hadBefore && !hasAfter) continue;
    const b = hadBefore ? formatAuditValue(key, before[key], names, e.entityType) : null;
    const a = hasAfter ? formatAuditValue(key, after[key], names, e.entityType) : null;
    // Text edited in place reads best as a character diff (Chinese has no word breaks).
    const parts =
      b !== null && a !== null && typeof before[key] === "string" && typeof after[key] === "string" && key !== "state"
        ? diffChars(b, a).map((p) => ({ type: p.added ? ("added" as const) : p.removed ? ("removed" as const) : ("same" as const), text: p.value }))
        : null;
    changes.push({ field: key, label: auditFieldLabels[key] ?? key, before: b, after: a, parts });
  }
  return changes;
}

export function describeAuditEvent(e: AuditEventInput, names: AuditNames): AuditSentence {
  const after = record(e.after);
  const verb = auditVerbs[e.action] ?? w.fallbackVerb(auditActionLabel(e.action));
  const object = e.action.startsWith("auth.") && e.entityType === "user" && e.entityId === e.actorId ? null : objectOf(e, names);
  let suffix = "";
  if (e.entityType === "case" && typeof after.version === "number" && !e.action.startsWith("comment.")) suffix = w.versionSuffix(String(after.version));
  return { actor: actorDisplayName(e, names), verb, object, suffix, changes: fieldChanges(e, names) };
}

/** The sentence as plain text (for tests, the CSV and screen-reader summaries). */
export function auditSentenceText(s: AuditSentence): string {
  return `${s.actor} ${s.verb}${s.object ? s.object.label : ""}${s.suffix}`;
}
