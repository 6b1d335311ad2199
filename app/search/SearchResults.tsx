/**
 * One page of search results: how many cases were found, each with its title and a passage of its
 * text (matches marked), its region, category, batch and state, and the pages.
 */
import { Link } from "@remix-run/react";
import { formatDateTime } from "~/ui/format";
import { CASE_STATE_LABELS, isCaseState } from "#workflows/case-review";
import { SEARCH_PAGE_SIZE, type SearchHit } from "./params";
import type { Segment } from "./snippets";
import { searchStrings as t } from "./strings";

/** A hit as the page receives it (dates arrive as strings). */
export type ResultHit = Omit<SearchHit, "title" | "updatedAt"> & { updatedAt: string | Date };

function Marked({ segments }: { segments: readonly Segment[] }) {
  return (
    <>
      {segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

function participants(names: readonly string[]) {
  if (names.length === 0) return null;
  return t.participants(names.slice(0, 3).join("、"), names.length - 3);
}

export function SearchResults(props: { hits: ResultHit[]; total: number; capped: boolean; page: number; pages: number; filtered: boolean; href: (page: number) => string }) {
  const { hits, total, capped, page, pages } = props;
  return (
    <>
      <p className="search-count" role="status" data-testid="search-count">
        {total === 0 ? (props.filtered ? t.noneFiltered : t.none) : capped ? t.countCapped(total) : t.count(total)}
        {pages > 1 ? <span className="muted"> · {t.pageOf(page, pages)}</span> : null}
      </p>
      {hits.length ? (
        <ol className="search-results" data-testid="search-results" start={(page - 1) * SEARCH_PAGE_SIZE + 1}>
          {hits.map((hit) => (
            <li key={hit.id} className="search-hit">
              <h3 className="search-hit__title">
                <Link to={`/cases/${hit.id}`}>
                  <Marked segments={hit.titleSegments} />
                </Link>
              </h3>
              <p className="search-hit__meta small">
                <span className={`badge state-${hit.state}`}>{isCaseState(hit.state) ? CASE_STATE_LABELS[hit.state] : hit.state}</span>
                <span>{t.leads(hit.leadRegionName)}</span>
                {participants(hit.participantNames) ? <span>{participants(hit.participantNames)}</span> : null}
                <span>{hit.categoryName}</span>
                {hit.batchNumber !== null ? <span>{t.batchLabel(hit.batchNumber)}</span> : null}
                <span className="muted">{t.updated(formatDateTime(hit.updatedAt))}</span>
              </p>
              <p className="search-hit__snippet" data-testid="search-snippet">
                <Marked segments={hit.snippet} />
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {pages > 1 ? (
        <nav className="pager" aria-label={t.pagination}>
          {page > 1 ? (
            <Link to={props.href(page - 1)} rel="prev">
              {t.previous}
            </Link>
          ) : null}
          {pageNumbers(page, pages).map((p, i) =>
            p === null ? (
              <span key={`gap-${i}`} aria-hidden="true">
                …
              </span>
            ) : p === page ? (
              <span key={p} aria-current="page" className="pager__current">
                {p}
              </span>
            ) : (
              <Link key={p} to={props.href(p)} aria-label={t.pageLabel(p)}>
                {p}
              </Link>
            ),
          )}
          {page < pages ? (
            <Link to={props.href(page + 1)} rel="next">
              {t.next}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

/** 1 … 4 5 [6] 7 8 … 50: the first, the last, and two either side of the current page. */
export function pageNumbers(page: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out.at(-1) !== null) out.push(null);
  }
  return out;
}
