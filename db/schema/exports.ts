import { sql } from "drizzle-orm";
import { customType, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { batches } from "./cases";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * A published batch's Markdown, DOCX and PDF, generated once by the `bulletin.export` job at
 * publication (and again after an erratum: `errata_count` says which edition a row is), stored
 * here so every server process serves the same bytes. `body` is null when the format could not
 * be made on this installation (no Chromium for the PDF): `unavailable` then says why, in Chinese.
 */
export const bulletinExports = pgTable(
  "bulletin_exports",
  {
    batchId: integer("batch_id").notNull().references(() => batches.id, { onDelete: "cascade" }),
    format: text("format").notNull(),
    errataCount: integer("errata_count").notNull(),
    body: bytea("body"),
    unavailable: text("unavailable"),
    contentType: text("content_type").notNull(),
    generatedAt: timestamp("generated_at", { withTimezone: true, mode: "date" }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.format] })],
);
