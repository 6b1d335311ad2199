import { createHash } from "node:crypto";
import { likePattern } from "~/db/like";
import { and, asc, desc, eq, gt, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import stringify from "safe-stable-stringify";
import { auditEvents, batches, cases, users } from "#db/schema";
import type { Executor, Transaction } from "~/db/db.server";

/** Who did something, and from where. `id` is null for the system (CLI, first start). */
export type AuditActor = { id: string | null; name: string; ip?: string | null; userAgent?: string | null };

export const SYSTEM_ACTOR: AuditActor = { id: null, name: "系统" };

export type AuditInput = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

export const GENESIS_HASH = "0".repeat(64);

type HashedFields = {
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
};

/**
 * SHA-256 over a canonical JSON of the event and the previous hash. Keys are sorted because
 * jsonb does not keep key order; the time is hashed in milliseconds, which timestamptz stores exactly.
 */
export function hashEvent(e: HashedFields): string {
  const canonical = stringify({
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    ip: e.ip,
    userAgent: e.userAgent,
    prevHash: e.prevHash,
  });
  return createHash("sha256").update(canonical ?? "").digest("hex");
}

/** JSON values as jsonb will give them back (drops undefined, turns Dates into strings). */
function asJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Appends one event. Call it with the transaction that makes the change, so both commit or
 * neither does. An advisory lock serialises appenders so the hash chain never forks.
 */
export async function recordAudit(tx: Transaction, actor: AuditActor, input: AuditInput) {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  const fields: HashedFields = {
    at: new Date(),
    actorId: actor.id,
    actorName: actor.name,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: asJson(input.before),
    after: asJson(input.after),
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ? actor.userAgent.slice(0, 500) : null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditEvents).values({ ...fields, hash: hashEvent(fields) });
}

/** Arbitrary constant key for pg_advisory_xact_lock: "audit" in ASCII. */
const AUDIT_LOCK_KEY = 0x6175646974;

export type ChainVerdict = { ok: true; count: number } | { ok: false; count: number; brokenId: number; reason: string };

/** Walks the whole chain in id order, in pages, and names the first event that does not fit. */
export async function verifyAuditChain(db: Executor, pageSize = 1000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const page = await db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(pageSize);
    if (page.length === 0) return { ok: true, count };
    for (const row of page) {
      if (row.prevHash !== prevHash) {
        return { ok: false, count, brokenId: row.id, reason: "prev_hash 与前一事件的哈希不符（事件被删除或插入）" };
      }
      const expected = hashEvent({ ...row, before: row.before, after: row.after });
      if (expected !== row.hash) {
        return { ok: false, count, brokenId: row.id, reason: "内容与哈希不符（事件被修改）" };
      }
      prevHash = row.hash;
      lastId = row.id;
      count++;
    }
  }
}

export type AuditFilter = {
  /** A fragment of the actor's username or name (as stored with the event, or as the user is called now). */
  actor?: string;
  /** A fragment of the title of the case or batch acted on (or "第4批"). */
  object?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
};

const CHINESE_DIGITS = "零一二三四五六七八九";

/** "4", "第4批", "第四批", "第十二批" → the number; anything else → null. */
export function batchNumberOf(text: string): number | null {
  const m = /^第?\s*([0-9]+|[零一二三四五六七八九十]+)\s*批?$/.exec(text.trim());
  if (!m) return null;
  if (/^[0-9]+$/.test(m[1])) return Number(m[1]);
  const [tens, ones] = m[1].includes("十") ? m[1].split("十") : ["", m[1]];
  if (ones.length > 1 || tens.length > 1) return null;
  const value = (m[1].includes("十") ? (tens ? CHINESE_DIGITS.indexOf(tens) : 1) * 10 : 0) + (ones ? CHINESE_DIGITS.indexOf(ones) : 0);
  return value > 0 ? value : null;
}

function filterConditions(f: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (f.actor) {
    const pattern = likePattern(f.actor);
    const matchingUsers = sql`(select ${users.id} from ${users} where ${users.username} ilike ${pattern} or ${users.displayName} ilike ${pattern})`;
    conditions.push(or(ilike(auditEvents.actorName, pattern), inArray(auditEvents.actorId, matchingUsers))!);
  }
  if (f.object) {
    const pattern = likePattern(f.object);
    const batchNumber = batchNumberOf(f.object);
    conditions.push(
      or(
        and(eq(auditEvents.entityType, "case"), inArray(auditEvents.entityId, sql`(select ${cases.id} from ${cases} where ${cases.title} ilike ${pattern})`)),
        and(
          eq(auditEvents.entityType, "batch"),
          inArray(
            auditEvents.entityId,
            sql`(select ${batches.id}::text from ${batches} where ${batches.title} ilike ${pattern} or ${batches.number} = ${batchNumber ?? -1})`,
          ),
        ),
      )!,
    );
  }
  if (f.action) conditions.push(eq(auditEvents.action, f.action));
  if (f.entityType) conditions.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) conditions.push(eq(auditEvents.entityId, f.entityId));
  if (f.from) conditions.push(gte(auditEvents.at, f.from));
  if (f.to) conditions.push(lt(auditEvents.at, f.to));
  return conditions.length ? and(...conditions) : undefined;
}

/** Newest first, keyset-paginated by id (`beforeId`), so deep pages cost the same as the first. */
export async function listAuditEvents(db: Executor, filter: AuditFilter, page: { beforeId?: number; limit: number }) {
  const where = and(filterConditions(filter), page.beforeId ? lt(auditEvents.id, page.beforeId) : undefined);
  const rows = await db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.id)).limit(page.limit + 1);
  return { events: rows.slice(0, page.limit), nextBeforeId: rows.length > page.limit ? rows[page.limit - 1].id : null };
}

/** Streams matching events oldest first, in pages, for the CSV download. */
export async function* iterateAuditEvents(db: Executor, filter: AuditFilter, pageSize = 1000) {
  let afterId = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(filterConditions(filter), gt(auditEvents.id, afterId)))
      .orderBy(asc(auditEvents.id))
      .limit(pageSize);
    if (rows.length === 0) return;
    yield* rows;
    afterId = rows[rows.length - 1].id;
  }
}
