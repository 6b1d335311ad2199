import { index, integer, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { cases } from "./cases";

/**
 * Similarity index (app/aids/similarity.ts; docs/decisions/0001-case-similarity.md): each case's
 * MinHash signature over character trigram shingles of its current text, and its LSH band keys.
 * A query finds the cases sharing at least one band key (an index lookup), then scores only those
 * by the share of equal signature slots, in SQL.
 */
export const caseSimilarity = pgTable("case_similarity", {
  caseId: text("case_id")
    .primaryKey()
    .references(() => cases.id, { onDelete: "cascade" }),
  signature: integer("signature").array().notNull(),
});

export const caseSimilarityBands = pgTable(
  "case_similarity_bands",
  {
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    band: smallint("band").notNull(),
    key: integer("key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.band] }), index("case_similarity_bands_key_idx").on(t.band, t.key)],
);

/**
 * What the importer normalised in a case's source (a half-width "(二)" item number, …): the
 * published text is stored normalised, so the reviewer of an imported case sees the source's
 * defects from here.
 */
export const caseImportNotes = pgTable(
  "case_import_notes",
  {
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    rule: text("rule").notNull(),
    excerpt: text("excerpt").notNull(),
    message: text("message").notNull(),
    line: integer("line").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.position] })],
);
