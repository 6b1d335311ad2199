import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { users } from "./auth";
import { batches } from "./cases";
import { regions } from "./reference";

/**
 * A call for cases (征集通知): the ministry asks the pilot regions for cases by a deadline.
 * Its workflow (open → closed → compiled, extend) is data in workflows/call.ts.
 * `version` is the optimistic-concurrency token of call actions.
 */
export const calls = pgTable(
  "calls",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    notice: text("notice").notNull().default(""),
    /** Category codes asked for; empty = any. */
    categories: jsonb("categories").notNull().default([]),
    deadline: timestamp("deadline", { withTimezone: true, mode: "date" }).notNull(),
    /** The deadline first announced: a submission after it (the call having been extended) is late. */
    originalDeadline: timestamp("original_deadline", { withTimezone: true, mode: "date" }).notNull(),
    /** Days before the deadline the reminder goes out to regions that have not submitted. */
    remindDaysBefore: integer("remind_days_before").notNull().default(3),
    state: text("state").notNull(),
    batchId: integer("batch_id").references(() => batches.id),
    version: integer("version").notNull().default(1),
    createdBy: text("created_by").references(() => users.id),
    ...timestamps,
  },
  (t) => [index("calls_state_deadline_idx").on(t.state, t.deadline), index("calls_batch_idx").on(t.batchId), index("calls_created_by_idx").on(t.createdBy)],
);

/** The regions a call invites, with an optional quota (number of cases asked for). */
export const callRegions = pgTable(
  "call_regions",
  {
    callId: integer("call_id").notNull().references(() => calls.id, { onDelete: "cascade" }),
    regionCode: text("region_code").notNull().references(() => regions.code),
    quota: integer("quota"),
  },
  (t) => [primaryKey({ columns: [t.callId, t.regionCode] }), index("call_regions_region_idx").on(t.regionCode)],
);

/**
 * Reminders already sent, one row per call, region and kind: the unique key makes sending
 * idempotent (running the reminder job twice sends nothing the second time).
 */
export const callReminders = pgTable(
  "call_reminders",
  {
    id: serial("id").primaryKey(),
    callId: integer("call_id").notNull().references(() => calls.id, { onDelete: "cascade" }),
    regionCode: text("region_code").notNull().references(() => regions.code),
    kind: text("kind").notNull(),
    /** Whether anyone was there to receive it (a region without submitters gets a row, no message). */
    delivered: boolean("delivered").notNull().default(true),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [uniqueIndex("call_reminders_once_idx").on(t.callId, t.regionCode, t.kind), index("call_reminders_region_idx").on(t.regionCode)],
);
