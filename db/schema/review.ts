import { index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { batches, cases } from "./cases";

/**
 * Review comments, anchored to a part of the case (`anchor`: "general", "intro",
 * "practices.items.2", "effects.items.0", "nextSteps" …), threaded through `parentId`.
 * `version` is the case version the comment was written against. `selector` (app/review/selector.ts)
 * pins an inline comment to a passage — the W3C TextQuoteSelector idea on the content model: the
 * field, the offsets, the quoted text and a little text either side, so it can be found again
 * after edits elsewhere; a section comment on an item keeps the item's heading for the same reason.
 */
export const caseComments = pgTable(
  "case_comments",
  {
    id: serial("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id, { onDelete: "cascade" }),
    parentId: integer("parent_id"),
    anchor: text("anchor").notNull().default("general"),
    selector: jsonb("selector"),
    body: text("body").notNull(),
    version: integer("version").notNull(),
    authorId: text("author_id").notNull().references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date" }),
    resolvedBy: text("resolved_by").references(() => users.id),
  },
  (t) => [
    index("case_comments_case_idx").on(t.caseId, t.createdAt),
    index("case_comments_parent_idx").on(t.parentId),
    index("case_comments_author_idx").on(t.authorId),
    index("case_comments_resolved_by_idx").on(t.resolvedBy),
  ],
);

/** The in-app inbox. */
export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    caseId: text("case_id").references(() => cases.id, { onDelete: "cascade" }),
    batchId: integer("batch_id").references(() => batches.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt),
    index("notifications_case_idx").on(t.caseId),
    index("notifications_batch_idx").on(t.batchId),
  ],
);

/** A correction to a published bulletin: the bulletin itself never changes. */
export const batchErrata = pgTable(
  "batch_errata",
  {
    id: serial("id").primaryKey(),
    batchId: integer("batch_id").notNull().references(() => batches.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("batch_errata_batch_idx").on(t.batchId), index("batch_errata_created_by_idx").on(t.createdBy)],
);
