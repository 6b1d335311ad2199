import { describe, expect, it } from "vitest";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "./index";

/**
 * Every column a join or a filter uses has an index: each foreign key column, and the columns the
 * list pages filter and sort on, lead an index (or the primary key). Read from the schema itself,
 * so a new table or foreign key cannot slip through.
 */
const tables: PgTable[] = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => v instanceof PgTable);

/** Columns list pages filter on, beyond foreign keys (table → columns). */
const FILTERED: Record<string, string[]> = {
  cases: ["state", "lead_region", "category_code", "batch_id", "claimed_by"],
  audit_events: ["at", "actor_id", "action", "entity_type"],
  login_attempts: ["username", "ip"],
  notifications: ["user_id"],
  case_comments: ["case_id"],
  user_roles: ["role"],
};

function leadingColumns(table: PgTable): Set<string> {
  const config = getTableConfig(table);
  const leading = new Set<string>();
  for (const index of config.indexes) {
    const first = index.config.columns[0] as { name?: string } | undefined;
    if (first?.name) leading.add(first.name);
  }
  for (const pk of config.primaryKeys) leading.add(pk.columns[0].name);
  for (const column of config.columns) if (column.primary || column.isUnique) leading.add(column.name);
  for (const unique of config.uniqueConstraints) leading.add(unique.columns[0].name);
  return leading;
}

describe("indexes", () => {
  it("reads every table of the schema", () => {
    expect(tables.map((t) => getTableConfig(t).name)).toEqual(expect.arrayContaining(["cases", "case_versions", "audit_events", "users", "case_search"]));
  });

  for (const table of tables) {
    const config = getTableConfig(table);
    it(`${config.name}: every foreign key and filter column leads an index`, () => {
      const leading = leadingColumns(table);
      const needed = new Set<string>(FILTERED[config.name] ?? []);
      for (const fk of config.foreignKeys) needed.add(fk.reference().columns[0].name);
      const missing = [...needed].filter((c) => !leading.has(c));
      expect(missing, `${config.name} lacks an index on ${missing.join(", ")}`).toEqual([]);
    });
  }
});
