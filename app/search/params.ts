/**
 * The search page's query string — `q`, `page` and the filters `region`, `category`, `state`,
 * `batch` — and the shapes of filters and results shared by the search and the page. Anything the user may not filter by, or that does not exist, is ignored (the filter is
 * left open) rather than refused: a stale bookmark still searches.
 */
import { isCaseState, type CaseState } from "#workflows/case-review";
import type { Segment } from "./snippets";

export const SEARCH_QUERY_MAX_LENGTH = 200;
export const SEARCH_PAGE_SIZE = 20;
/** Results are counted up to this many; beyond it the page says "more than" and asks to narrow. */
export const SEARCH_COUNT_CAP = 1000;
export const SEARCH_MAX_PAGE = Math.ceil(SEARCH_COUNT_CAP / SEARCH_PAGE_SIZE);

export type SearchFilters = {
  /** Lead or participating region. */
  region: string | null;
  category: string | null;
  state: CaseState | null;
  /** A batch number, or "none": not (yet) in a batch. */
  batch: number | "none" | null;
};

export type SearchFilterOptions = {
  regions: { code: string; name: string }[];
  categories: { code: string; name: string }[];
  states: CaseState[];
  batches: number[];
};

export type SearchHit = {
  id: string;
  title: string;
  /** The title and a passage of the text, in the case's own characters, matches marked. */
  titleSegments: Segment[];
  snippet: Segment[];
  state: string;
  leadRegionName: string;
  participantNames: string[];
  categoryName: string;
  batchNumber: number | null;
  updatedAt: Date;
};

export type SearchResult = { hits: SearchHit[]; total: number; capped: boolean };

export type SearchParams = SearchFilters & { q: string; page: number };

export function parseSearchParams(url: URL, options: SearchFilterOptions): SearchParams {
  const get = (key: string) => url.searchParams.get(key) ?? "";
  const region = get("region");
  const category = get("category");
  const state = get("state");
  const batch = get("batch");
  const page = /^\d{1,6}$/.test(get("page")) ? Number(get("page")) : 1;
  return {
    q: get("q").slice(0, SEARCH_QUERY_MAX_LENGTH),
    page: Math.min(Math.max(page, 1), SEARCH_MAX_PAGE),
    region: options.regions.some((r) => r.code === region) ? region : null,
    category: options.categories.some((c) => c.code === category) ? category : null,
    state: isCaseState(state) && options.states.includes(state) ? state : null,
    batch: batch === "none" ? "none" : /^\d{1,4}$/.test(batch) && options.batches.includes(Number(batch)) ? Number(batch) : null,
  };
}

/** The query string of a search page (filters kept, defaults left out). */
export function searchHref(params: SearchParams, page: number): string {
  const out = new URLSearchParams({ q: params.q });
  if (params.region) out.set("region", params.region);
  if (params.category) out.set("category", params.category);
  if (params.state) out.set("state", params.state);
  if (params.batch !== null) out.set("batch", String(params.batch));
  if (page > 1) out.set("page", String(page));
  return `/search?${out}`;
}
