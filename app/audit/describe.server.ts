import { inArray } from "drizzle-orm";
import { batches, calls, cases, categories, regions, users } from "#db/schema";
import type { Executor } from "~/db/db.server";
import { describeAuditEvent, type AuditEventInput, type AuditNames } from "./sentence";

/**
 * Looks up, in one query per kind, the names a page of audit events mentions: people (actors,
 * users acted on, reviewers assigned), case titles, batch numbers, regions and categories.
 */
export async function loadAuditNames(db: Executor, events: readonly AuditEventInput[]): Promise<AuditNames> {
  const userIds = new Set<string>();
  const caseIds = new Set<string>();
  const batchIds = new Set<number>();
  const callIds = new Set<number>();
  for (const e of events) {
    if (e.actorId) userIds.add(e.actorId);
    if (e.entityType === "user" && e.entityId) userIds.add(e.entityId);
    if (e.entityType === "case" && e.entityId) caseIds.add(e.entityId);
    if (e.entityType === "call" && e.entityId && /^\d+$/.test(e.entityId)) callIds.add(Number(e.entityId));
    if (e.entityType === "batch" && e.entityId && /^\d+$/.test(e.entityId)) batchIds.add(Number(e.entityId));
    for (const side of [e.before, e.after]) {
      const claimed = side && typeof side === "object" ? (side as Record<string, unknown>).claimedBy : null;
      if (typeof claimed === "string") userIds.add(claimed);
    }
  }
  // Region and category names only when an event mentions one (most pages: none).
  const mentions = (keys: string[], type: string) =>
    events.some((e) => e.entityType === type || [e.before, e.after].some((side) => side && typeof side === "object" && keys.some((k) => k in (side as object))));
  const needRegions = mentions(["regions", "leadRegion", "regionsInvited"], "region");
  const needCategories = mentions(["category", "categories"], "category");
  const [userRows, caseRows, batchRows, regionRows, categoryRows, callRows] = await Promise.all([
    userIds.size ? db.select({ id: users.id, displayName: users.displayName, username: users.username }).from(users).where(inArray(users.id, [...userIds])) : [],
    caseIds.size ? db.select({ id: cases.id, title: cases.title }).from(cases).where(inArray(cases.id, [...caseIds])) : [],
    batchIds.size ? db.select({ id: batches.id, number: batches.number }).from(batches).where(inArray(batches.id, [...batchIds])) : [],
    needRegions ? db.select({ code: regions.code, name: regions.name }).from(regions) : [],
    needCategories ? db.select({ code: categories.code, name: categories.name }).from(categories) : [],
    callIds.size ? db.select({ id: calls.id, title: calls.title }).from(calls).where(inArray(calls.id, [...callIds])) : [],
  ]);
  return {
    users: new Map(userRows.map((u) => [u.id, { displayName: u.displayName, username: u.username }])),
    cases: new Map(caseRows.map((c) => [c.id, c.title])),
    batches: new Map(batchRows.map((b) => [String(b.id), b.number])),
    regions: new Map(regionRows.map((r) => [r.code, r.name])),
    categories: new Map(categoryRows.map((c) => [c.code, c.name])),
    calls: new Map(callRows.map((c) => [String(c.id), c.title])),
  };
}

/** The sentences of a page of events, names looked up once for the whole page. */
export async function describeAuditEvents(db: Executor, events: readonly AuditEventInput[]) {
  const names = await loadAuditNames(db, events);
  return events.map((e) => describeAuditEvent(e, names));
}
