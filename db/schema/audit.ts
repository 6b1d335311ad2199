import { bigint, bigserial, index, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The append-only audit trail. A trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE;
 * each row's `hash` covers its content and the previous row's hash, so `npm run audit:verify`
 * notices a row changed behind the trigger's back.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_actor_idx").on(t.actorId, t.at),
    index("audit_events_action_idx").on(t.action, t.at),
    index("audit_events_entity_idx").on(t.entityType, t.entityId, t.at),
  ],
);

/**
 * Signed checkpoints of the chain head (Ed25519, key from AUDIT_SIGNING_KEY): an outside anchor, so
 * rewriting the chain and re-hashing it — possible for a superuser who skips the trigger — no
 * longer passes `audit:verify` without the key. Append-only like the trail (trigger, migration 0007);
 * every checkpoint is also appended to AUDIT_CHECKPOINT_FILE when set, to be shipped elsewhere.
 */
export const auditCheckpoints = pgTable("audit_checkpoints", {
  id: serial("id").primaryKey(),
  eventId: bigint("event_id", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
  signedAt: timestamp("signed_at", { withTimezone: true, mode: "date" }).notNull(),
  keyId: text("key_id").notNull(),
  signature: text("signature").notNull(),
});
