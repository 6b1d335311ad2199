import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db/db.server";
import { requireUser } from "~/permissions/require.server";
import { searchCases } from "~/search/search.server";
import { searchStrings as t } from "~/search/strings";
import { FormError } from "~/ui/components";
import { formatDateTime } from "~/ui/format";
import { CASE_STATE_LABELS, isCaseState } from "#workflows/case-review";

export const meta: MetaFunction = () => [{ title: t.title }];

const PAGE_SIZE = 20;

/** Any signed-in user; results are limited to the cases they may read. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const url = new URL(request.url);
  // Control characters are no search terms (and PostgreSQL refuses a NUL byte): spaces instead.
  const q = (url.searchParams.get("q") ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, 200);
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get("page")) || 1));
  if (!q.trim()) return { q, page, hits: [], hasMore: false, message: null };
  const outcome = await searchCases(getDb(), user, q, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  return outcome.ok ? { q, page, hits: outcome.hits, hasMore: outcome.hasMore, message: null } : { q, page, hits: [], hasMore: false, message: outcome.message };
}

export default function SearchPage() {
  const { q, page, hits, hasMore, message } = useLoaderData<typeof loader>();
  const pageLink = (p: number) => `?${new URLSearchParams({ q, page: String(p) })}`;
  return (
    <section>
      <h1>{t.title}</h1>
      <Form method="get" role="search" className="filters">
        <input type="search" name="q" defaultValue={q} placeholder={t.placeholder} aria-label={t.title} maxLength={50} />
        <button type="submit" className="button primary">
          {t.submit}
        </button>
      </Form>
      <p className="muted small">{t.hint}</p>
      <FormError message={message} />
      {q.trim() && !message ? (
        <>
          <h2>{t.results(q)}</h2>
          {hits.length === 0 ? (
            <p className="empty">{t.none}</p>
          ) : (
            <ol className="search-results" data-testid="search-results">
              {hits.map((hit) => (
                <li key={hit.id}>
                  <Link to={`/cases/${hit.id}`}>{hit.title}</Link>
                  <span className="badge">{isCaseState(hit.state) ? CASE_STATE_LABELS[hit.state] : hit.state}</span>
                  <span className="muted small"> {formatDateTime(hit.updatedAt)}</span>
                  <p className="small">…{hit.snippet}…</p>
                </li>
              ))}
            </ol>
          )}
          <nav className="pager" aria-label="分页">
            {page > 1 ? <Link to={pageLink(page - 1)}>{t.previous}</Link> : null}
            {hasMore ? <Link to={pageLink(page + 1)}>{t.more}</Link> : null}
          </nav>
        </>
      ) : null}
    </section>
  );
}
