/**
 * The two per-batch figures (issue #16): cases by category in each batch, and the median days a
 * batch's cases spent in each stage — draft → first submission, first submission → approval
 * (review, rounds of changes included), approval → the batch's publication. Stage times come from
 * the audit trail (case.submit, case.approve) and the batch's published_at; a case imported from
 * a bulletin has no such events and counts in no stage. Medians by percentile_cont, in SQL.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "~/db/db.server";
import type { CategoryBatchRow, StageMedianRow } from "./batch-types";

export type { CategoryBatchRow, StageMedianRow };

/** Cases by category per batch, batches in order; categories in their sort order. */
export async function casesByCategoryBatch(db: Executor): Promise<{ categories: { code: string; name: string }[]; rows: CategoryBatchRow[] }> {
  const raw = rowsOf<{ number: number; code: string; name: string; sort: number; n: number }>(
    await db.execute(sql`
      select b.number, cat.code, cat.name, cat.sort_order as sort, count(*)::int as n
      from cases c
      join batches b on b.id = c.batch_id
      join categories cat on cat.code = coalesce(c.batch_category_code, c.category_code)
      group by b.number, cat.code, cat.name, cat.sort_order
      order by b.number, cat.sort_order, cat.code`),
  );
  const categories = [...new Map(raw.sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code)).map((r) => [r.code, { code: r.code, name: r.name }])).values()];
  const byBatch = new Map<number, CategoryBatchRow>();
  for (const r of raw) {
    const number = Number(r.number);
    const row = byBatch.get(number) ?? { number, total: 0, counts: {} };
    row.counts[r.code] = Number(r.n);
    row.total += Number(r.n);
    byBatch.set(number, row);
  }
  return { categories, rows: [...byBatch.values()].sort((a, b) => a.number - b.number) };
}

const days = (column: string) => sql.raw(`round((percentile_cont(0.5) within group (order by extract(epoch from ${column}) / 86400))::numeric, 1)::float8`);

/** Median days per stage for each batch's cases (null where no case of the batch has the stage). */
export async function stageMediansByBatch(db: Executor): Promise<StageMedianRow[]> {
  const raw = rowsOf<{ number: number; cases: number; draft: number | null; review: number | null; publish: number | null }>(
    await db.execute(sql`
      with staged as (
        select b.number, b.published_at, c.created_at,
          (select min(e.at) from audit_events e where e.entity_type = 'case' and e.entity_id = c.id::text and e.action = 'case.submit') as submitted_at,
          (select max(e.at) from audit_events e where e.entity_type = 'case' and e.entity_id = c.id::text and e.action = 'case.approve') as approved_at
        from cases c join batches b on b.id = c.batch_id
      )
      select number, count(*)::int as cases,
        ${days("submitted_at - created_at")} as draft,
        ${days("approved_at - submitted_at")} as review,
        ${days("published_at - approved_at")} as publish
      from staged group by number order by number`),
  );
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return raw.map((r) => ({ number: Number(r.number), cases: Number(r.cases), draft: num(r.draft), review: num(r.review), publish: num(r.publish) }));
}
