import { boolean, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

/** The pilot provinces and cities. `code` is stable and is what cases and users refer to. */
export const regions = pgTable("regions", {
  code: text("code").primaryKey(),
  name: text("name").notNull().unique(),
  shortName: text("short_name").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
  active: boolean("active").notNull().default(true),
  ...timestamps,
});

/** Case categories (产业生态体系建设 …); new batches add more. */
export const categories = pgTable("categories", {
  code: text("code").primaryKey(),
  name: text("name").notNull().unique(),
  sortOrder: integer("sort_order").notNull().default(0),
  active: boolean("active").notNull().default(true),
  ...timestamps,
});
