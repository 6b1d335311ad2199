import { index, pgTable, text } from "drizzle-orm/pg-core";
import { cases } from "./cases";

/**
 * Full-text search for Chinese. Chinese has no spaces, and two-character words (离岸, 医疗) are
 * too short for a trigram index, so each case's current text is indexed by its set of character
 * bigrams: a query's bigrams must all be present (`bigrams @> …`, answered by the GIN index), and
 * `position(term in body)` confirms the exact substring. Works the same on PGlite and PostgreSQL,
 * with no extension.
 */
export const caseSearch = pgTable(
  "case_search",
  {
    caseId: text("case_id")
      .primaryKey()
      .references(() => cases.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    bigrams: text("bigrams").array().notNull(),
  },
  (t) => [index("case_search_bigrams_idx").using("gin", t.bigrams)],
);
