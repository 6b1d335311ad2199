/** Rows of the per-batch figures (shared by the server queries, the charts and the CSV). */
export type CategoryBatchRow = { number: number; total: number; counts: Record<string, number> };
export type StageMedianRow = { number: number; cases: number; draft: number | null; review: number | null; publish: number | null };
export const STAGES = ["draft", "review", "publish"] as const;
export type Stage = (typeof STAGES)[number];
