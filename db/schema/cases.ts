import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { users } from "./auth";
import { categories, regions } from "./reference";
import { calls } from "./calls";

/**
 * A bulletin: 第N批最佳实践案例. Its workflow (compiling → frozen → published) is data in
 * workflows/batch.ts. Imported historical batches are stored as published.
 */
export const batches = pgTable(
  "batches",
  {
  id: serial("id").primaryKey(),
  number: integer("number").notNull().unique(),
  title: text("title").notNull(),
  /** Preface paragraphs, rich text as in the case content model. */
  preface: jsonb("preface").notNull().default([]),
  state: text("state").notNull(),
  publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
  createdBy: text("created_by").references(() => users.id),
  ...timestamps,
  },
  (t) => [index("batches_created_by_idx").on(t.createdBy)],
);

/** The order of categories inside one batch. */
export const batchCategories = pgTable(
  "batch_categories",
  {
    batchId: integer("batch_id").notNull().references(() => batches.id, { onDelete: "cascade" }),
    categoryCode: text("category_code").notNull().references(() => categories.code),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.categoryCode] }), index("batch_categories_category_idx").on(t.categoryCode)],
);

/**
 * A case. The content lives in immutable `case_versions`; `version` is the number of the current
 * one and doubles as the optimistic-concurrency token: every save and transition says which
 * version it started from and is refused when the case has moved on.
 * `title`, `categoryCode` and `leadRegion` are copies of the current content for lists and filters.
 */
export const cases = pgTable(
  "cases",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    categoryCode: text("category_code").notNull().references(() => categories.code),
    leadRegion: text("lead_region").notNull().references(() => regions.code),
    state: text("state").notNull(),
    version: integer("version").notNull().default(1),
    claimedBy: text("claimed_by").references(() => users.id),
    /** When the holder took the case; a submission after it means "已重新提交" (back to them). */
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "date" }),
    batchId: integer("batch_id").references(() => batches.id),
    /** Category under which the batch prints the case, and its position there. */
    batchCategoryCode: text("batch_category_code").references(() => categories.code),
    batchPosition: integer("batch_position"),
    /** The content version pinned when the batch was published. */
    publishedVersion: integer("published_version"),
    createdBy: text("created_by").references(() => users.id),
    updatedBy: text("updated_by").references(() => users.id),
    /** The call for cases (征集) this case answers, if any. */
    callId: integer("call_id").references(() => calls.id),
    ...timestamps,
  },
  (t) => [
    index("cases_call_idx").on(t.callId, t.leadRegion),
    index("cases_lead_region_state_idx").on(t.leadRegion, t.state, t.updatedAt),
    index("cases_state_updated_idx").on(t.state, t.updatedAt),
    index("cases_category_idx").on(t.categoryCode),
    index("cases_batch_idx").on(t.batchId, t.batchPosition),
    index("cases_claimed_by_idx").on(t.claimedBy),
    index("cases_created_by_idx").on(t.createdBy),
    index("cases_updated_by_idx").on(t.updatedBy),
    index("cases_batch_category_idx").on(t.batchCategoryCode),
    // Lists sort by last change; the review queue reads only open cases, oldest submission first.
    index("cases_updated_idx").on(t.updatedAt, t.id),
    index("cases_queue_idx").on(t.submittedAt, t.createdAt, t.id).where(sql`${t.state} in ('submitted', 'in_review')`),
  ],
);

/** Participating regions (the lead region is on `cases`). */
export const caseRegions = pgTable(
  "case_regions",
  {
    caseId: text("case_id").notNull().references(() => cases.id, { onDelete: "cascade" }),
    regionCode: text("region_code").notNull().references(() => regions.code),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.regionCode] }), index("case_regions_region_idx").on(t.regionCode)],
);

/** Every saved content of a case, never changed once written. */
export const caseVersions = pgTable(
  "case_versions",
  {
    id: serial("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    content: jsonb("content").notNull(),
    /** What produced it: save, autosave, submission, import. */
    kind: text("kind").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("case_versions_case_version_idx").on(t.caseId, t.version), index("case_versions_created_by_idx").on(t.createdBy)],
);
