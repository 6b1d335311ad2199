import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db/db.server";
import { requireUser } from "~/permissions/require.server";
import { parseSearchParams, SEARCH_PAGE_SIZE, searchHref } from "~/search/params";
import { parseSearchQuery } from "~/search/query";
import { SearchResults } from "~/search/SearchResults";
import { searchCases, searchFilterOptions } from "~/search/search.server";
import { searchStrings as t } from "~/search/strings";
import { FilterSelect, FormError } from "~/ui/components";
import { CASE_STATE_LABELS, CASE_STATES } from "#workflows/case-review";
import { pageTitle } from "~/layout/title";
import { parseQuery, queryCode, queryEnum, queryInt, queryText } from "~/ui/query.server";
import { z } from "zod";

/** The search words (longer ones are cut to the maximum) and filters; filters the user may not use are ignored (parseSearchParams). */
const searchQuery = z.object({
  q: queryText(2_000),
  region: queryCode,
  category: queryCode,
  state: queryEnum(CASE_STATES),
  batch: z.string().regex(/^(none|[0-9]{1,4})$/).optional(),
  page: queryInt(1, 999_999),
});

/** Any signed-in user; results, and the states and batches offered as filters, are those they may read. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  parseQuery(request, searchQuery);
  const db = getDb();
  const options = await searchFilterOptions(db, user);
  const params = parseSearchParams(new URL(request.url), options);
  const query = params.q.trim() ? parseSearchQuery(params.q) : null;
  if (!query || !query.ok) return { params, options, message: query?.message ?? null, result: null };
  const result = await searchCases(db, user, { terms: query.terms, filters: params, page: params.page }, options);
  const pages = Math.max(1, Math.ceil(result.total / SEARCH_PAGE_SIZE));
  // A page past the last (a stale link after the results changed): the last page instead.
  if (params.page > pages) throw redirect(searchHref(params, pages));
  return { params, options, message: null, result: { ...result, pages } };
}

export default function SearchPage() {
  const { params, options, message, result } = useLoaderData<typeof loader>();
  const filtered = Boolean(params.region || params.category || params.state || params.batch !== null);
  return (
    <section className="search-page">
      <h1>{t.title}</h1>
      <Form method="get" role="search" className="filters">
        <div className="filter-field">
          <label htmlFor="search-q">{t.title}</label>
          <input id="search-q" type="search" name="q" defaultValue={params.q} placeholder={t.placeholder} maxLength={100} />
        </div>
        <FilterSelect label={t.region} name="region" defaultValue={params.region} allLabel={t.filterAll} options={options.regions.map((r) => ({ value: r.code, label: r.name }))} />
        <FilterSelect label={t.category} name="category" defaultValue={params.category} allLabel={t.filterAll} options={options.categories.map((c) => ({ value: c.code, label: c.name }))} />
        <FilterSelect label={t.state} name="state" defaultValue={params.state} allLabel={t.filterAll} options={options.states.map((s) => ({ value: s, label: CASE_STATE_LABELS[s] }))} />
        <FilterSelect
          label={t.batch}
          name="batch"
          defaultValue={params.batch}
          allLabel={t.filterAll}
          options={[...options.batches.map((n) => ({ value: n, label: t.batchLabel(n) })), { value: "none", label: t.batchNone }]}
        />
        <button type="submit" className="button primary">
          {t.submit}
        </button>
        {filtered ? <Link to={`/search?${new URLSearchParams({ q: params.q })}`}>{t.reset}</Link> : null}
      </Form>
      <p className="muted small">{t.hint}</p>
      <FormError message={message} />
      {result ? (
        <>
          <h2>{t.results(params.q.trim())}</h2>
          <SearchResults hits={result.hits} total={result.total} capped={result.capped} page={params.page} pages={result.pages} filtered={filtered} href={(p) => searchHref(params, p)} />
        </>
      ) : null}
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.params.q.trim() && t.resultsTitle(data.params.q.trim()), t.title);
