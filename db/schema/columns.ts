import { timestamp } from "drizzle-orm/pg-core";

/** Timestamps every mutable table carries. Stored with time zone; the UI shows Beijing time. */
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
};
