import { CASE_STATES, type CaseState } from "#workflows/case-review";

/** The states the figures show (drafts are the regions' own business). */
export const FIGURE_STATES = CASE_STATES.filter((s) => s !== "draft") as Exclude<CaseState, "draft">[];
export type FigureState = (typeof FIGURE_STATES)[number];

export type RegionStateRow = { code: string; name: string; total: number } & Record<FigureState, number>;
