import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FilterSelect } from "~/ui/components";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listCategories } from "~/admin/reference.server";
import { formStrings as t } from "~/cases/form-strings";
import { CASE_LIST_CURSOR, CASE_LIST_MAX_PAGE, listRegionCases, parseCaseListFilters } from "~/cases/list.server";
import { pageCursor } from "~/ui/keyset.server";
import { getDb } from "~/db/db.server";
import { hasPermission } from "~/permissions/permissions";
import { requirePermission } from "~/permissions/require.server";
import { formatDateTime } from "~/ui/format";
import { CASE_STATE_LABELS, CASE_STATES, isCaseState } from "#workflows/case-review";
import { pageTitle } from "~/layout/title";
import { parseQuery, queryCode, queryCursor, queryEnum, queryInt } from "~/ui/query.server";
import { z } from "zod";
import { uiStrings } from "~/ui/strings";

export const meta: MetaFunction = () => pageTitle(t.listTitle);

/**
 * `?state=&category=&page=&after=|before=`: a category of the right form that does not exist is ignored
 * (parseCaseListFilters); the cursors are keyset positions. Built once at load (the cursor schema compiles a RegExp).
 */
const caseListQuery = z.object({
  state: queryEnum(CASE_STATES),
  category: queryCode,
  page: queryInt(1, CASE_LIST_MAX_PAGE),
  after: queryCursor(CASE_LIST_CURSOR),
  before: queryCursor(CASE_LIST_CURSOR),
});

/** Submitters: the cases of their own regions (lead or participating). */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "case:read:own-region");
  const query = parseQuery(request, caseListQuery);
  const db = getDb();
  const categories = await listCategories(db);
  const filters = parseCaseListFilters(new URL(request.url), categories.map((c) => c.code));
  const { rows, hasMore, hasPrevious, firstCursor, lastCursor } = await listRegionCases(db, user, filters, pageCursor(query));
  return {
    rows,
    hasMore,
    hasPrevious,
    firstCursor,
    lastCursor,
    filters,
    categories: categories.map((c) => ({ code: c.code, name: c.name })),
    canCreate: hasPermission(user, "case:create:own-region") && user.regions.length > 0,
  };
}

export default function CaseListPage() {
  const { rows, hasMore, hasPrevious, firstCursor, lastCursor, filters, categories, canCreate } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.state || filters.category);
  /** The page number is for people; the cursor (the row it continues from) is what the server uses. */
  const pageLink = (page: number, cursor: { after: string } | { before: string } | null) => {
    const params = new URLSearchParams();
    if (filters.state) params.set("state", filters.state);
    if (filters.category) params.set("category", filters.category);
    if (page > 1) params.set("page", String(page));
    if (page > 1 && cursor) for (const [k, v] of Object.entries(cursor)) params.set(k, v);
    const q = params.toString();
    return q ? `?${q}` : "/cases";
  };
  return (
    <section className="case-list">
      <div className="page-header">
        <h1>{t.listTitle}</h1>
        {canCreate ? (
          <Link to="/cases/new" className="button primary">
            {t.newCase}
          </Link>
        ) : null}
      </div>
      <p className="muted">{t.listIntro}</p>
      <Form method="get" className="filters" aria-label={uiStrings.filters}>
        <FilterSelect
          label={t.filterState}
          name="state"
          defaultValue={filters.state}
          allLabel={t.filterAll}
          options={CASE_STATES.map((s) => ({ value: s, label: CASE_STATE_LABELS[s] }))}
        />
        <FilterSelect
          label={t.filterCategory}
          name="category"
          defaultValue={filters.category}
          allLabel={t.filterAll}
          options={categories.map((c) => ({ value: c.code, label: c.name }))}
        />
        <button type="submit" className="button">
          {t.filterApply}
        </button>
        {filtered ? <Link to="/cases">{t.filterReset}</Link> : null}
      </Form>
      {rows.length === 0 ? (
        <p className="empty" data-testid="case-list-empty">
          {filtered ? t.listEmptyFiltered : t.listEmpty}
        </p>
      ) : (
        <table className="table" data-testid="case-list">
          <thead>
            <tr>
              <th scope="col">{t.colTitle}</th>
              <th scope="col">{t.colState}</th>
              <th scope="col">{t.colCategory}</th>
              <th scope="col">{t.colLeadRegion}</th>
              <th scope="col">{t.colRole}</th>
              <th scope="col">{t.colUpdated}</th>
              <th scope="col">{t.colUpdatedBy}</th>
              <th scope="col">
                <span className="visually-hidden">{uiStrings.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td data-label={t.colTitle}>
                  <Link to={`/cases/${r.id}`}>{r.title || t.untitled}</Link>
                </td>
                <td data-label={t.colState}>
                  <span className={`badge state-${r.state}`}>{isCaseState(r.state) ? CASE_STATE_LABELS[r.state] : r.state}</span>
                </td>
                <td data-label={t.colCategory}>{r.categoryName}</td>
                <td data-label={t.colLeadRegion}>{r.leadRegionName}</td>
                <td data-label={t.colRole}>{r.lead ? t.roleLead : t.roleParticipant}</td>
                <td data-label={t.colUpdated}>{formatDateTime(r.updatedAt)}</td>
                <td data-label={t.colUpdatedBy}>{r.updatedByName ?? "—"}</td>
                <td>
                  {r.canEdit ? (
                    <Link to={`/cases/${r.id}/edit`} aria-label={`${t.edit}：${r.title || t.untitled}`}>
                      {t.edit}
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={uiStrings.pagination}>
        {hasPrevious ? <Link to={pageLink(filters.page - 1, firstCursor ? { before: firstCursor } : null)}>{t.previousPage}</Link> : null}
        {hasPrevious || hasMore ? <span className="muted">{t.pageOf(filters.page)}</span> : null}
        {hasMore ? <Link to={pageLink(filters.page + 1, lastCursor ? { after: lastCursor } : null)}>{t.nextPage}</Link> : null}
      </nav>
    </section>
  );
}
