/**
 * The benchmark's floor for a list page (issue #14): 50 rows of the case list read with the same
 * joins and order, without permissions (no region filter, no session), for a route that renders
 * them without the app's logic. Only served when BENCH_ROUTES=1.
 */
import { asc, desc, eq } from "drizzle-orm";
import { cases, categories, regions, users } from "#db/schema";
import type { Executor } from "~/db/db.server";

export const benchRoutesEnabled = () => process.env.BENCH_ROUTES === "1";

export async function bareListRows(db: Executor) {
  return db
    .select({
      id: cases.id,
      title: cases.title,
      state: cases.state,
      categoryName: categories.name,
      leadRegionName: regions.name,
      updatedAt: cases.updatedAt,
      updatedByName: users.displayName,
    })
    .from(cases)
    .innerJoin(categories, eq(categories.code, cases.categoryCode))
    .innerJoin(regions, eq(regions.code, cases.leadRegion))
    .leftJoin(users, eq(users.id, cases.updatedBy))
    .orderBy(desc(cases.updatedAt), asc(cases.id))
    .limit(50);
}
