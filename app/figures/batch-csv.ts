import { STAGES, type CategoryBatchRow, type StageMedianRow } from "./batch-types";
import { batchName } from "./BatchCharts";
import { figureStrings as t } from "./strings";

/** The per-batch figures' numbers as CSV rows (header first), the same as their tables. */
export function categoryBatchCsvRows(data: { categories: { code: string; name: string }[]; rows: CategoryBatchRow[] }): string[][] {
  return [
    [t.batch, ...data.categories.map((c) => c.name), t.total],
    ...data.rows.map((r) => [batchName(r.number), ...data.categories.map((c) => String(r.counts[c.code] ?? 0)), String(r.total)]),
  ];
}

export function stageCsvRows(rows: StageMedianRow[]): string[][] {
  return [
    [t.batch, t.stageCases, ...STAGES.map((s) => t.stageLabels[s])],
    ...rows.map((r) => [batchName(r.number), String(r.cases), ...STAGES.map((s) => (r[s] === null ? "" : String(r[s])))]),
  ];
}
