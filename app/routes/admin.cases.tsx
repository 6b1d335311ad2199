import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { listCategories, listRegions } from "~/admin/reference.server";
import { getDb } from "~/db/db.server";
import { redirectWithFlash } from "~/flash/flash.server";
import { pageTitle } from "~/layout/title";
import { actorOf, requirePermission } from "~/permissions/require.server";
import { assignFromList, assignmentOptions } from "~/review/admin-cases.server";
import { ALL_CASES_STATES, listReviewQueue, queueFilterFromUrl } from "~/review/queue.server";
import { QueueFilters } from "~/review/QueueFilters";
import { QueueCells, QueueHeaderCells } from "~/review/QueueCells";
import { reviewStrings as t } from "~/review/strings";
import { FormError } from "~/ui/components";
import { readFormData } from "~/ui/forms";
import { uiStrings } from "~/ui/strings";

export const meta: MetaFunction = () => pageTitle(t.allCasesTitle);

/** Admins: every case but drafts, with the queue's filters, and a reviewer to assign on each open one. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "case:assign:any");
  const db = getDb();
  const { filter, page } = queueFilterFromUrl(new URL(request.url), "all");
  const [{ rows, hasMore }, regions, categories] = await Promise.all([listReviewQueue(db, user.id, filter, page), listRegions(db), listCategories(db)]);
  const options = await assignmentOptions(db, rows);
  return {
    rows: rows.map((r) => ({ ...r, assignees: options.get(r.id) ?? null })),
    hasMore,
    page,
    filter,
    states: ALL_CASES_STATES,
    regions: regions.map((r) => ({ code: r.code, name: r.name })),
    categories: categories.map((c) => ({ code: c.code, name: c.name })),
  };
}

/** Assign (or reassign) one case: caseId, assignee, and the version, state and holder the admin saw. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "case:assign:any");
  const outcome = await assignFromList(user, actorOf(context, user), await readFormData(request));
  if (outcome.ok) return redirectWithFlash(`/admin/cases${new URL(request.url).search}`, outcome.message);
  return data(outcome, { status: outcome.status });
}

export default function AllCasesPage() {
  const { rows, hasMore, page, filter, states, regions, categories } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const pageHref = (n: number) => {
    const next = new URLSearchParams(params);
    if (n <= 1) next.delete("page");
    else next.set("page", String(n));
    return `?${next}`;
  };
  return (
    <section>
      <h1>{t.allCasesTitle}</h1>
      <p className="muted">{t.allCasesIntro}</p>
      <QueueFilters filter={filter} states={states} regions={regions} categories={categories} />
      <FormError message={refused && !refused.ok ? refused.message : null} />
      {rows.length === 0 ? (
        <p className="empty">{t.queueEmpty}</p>
      ) : (
        <table className="table" data-testid="all-cases">
          <thead>
            <tr>
              <th>{t.queueTitleCol}</th>
              <QueueHeaderCells />
              <th>{t.queueHolder}</th>
              <th>{t.allCasesAssign}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-case-id={r.id}>
                <td data-label={t.queueTitleCol}>
                  <Link to={`/cases/${r.id}`}>{r.title}</Link>
                </td>
                <QueueCells row={r} />
                <td data-label={t.queueHolder}>{r.claimedByName ?? <span className="muted">{t.queueUnclaimed}</span>}</td>
                <td data-label={t.allCasesAssign}>
                  {r.assignees === null ? (
                    <span className="muted">{t.allCasesNoAssign}</span>
                  ) : r.assignees.length === 0 ? (
                    <span className="muted">{t.assigneeNone}</span>
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="caseId" value={r.id} />
                      <input type="hidden" name="expectedVersion" value={r.version} />
                      <input type="hidden" name="expectedState" value={r.state} />
                      <input type="hidden" name="expectedClaim" value={r.claimedBy ?? "none"} />
                      <select name="assignee" required defaultValue="" aria-label={t.allCasesAssignTo(r.title)}>
                        <option value="" disabled>
                          {t.assigneeChoose}
                        </option>
                        {r.assignees.map((a) => (
                          <option key={a.id} value={a.id}>
                            {a.displayName}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button small" disabled={busy}>
                        {r.claimedBy ? t.allCasesReassign : t.allCasesAssign}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={uiStrings.pagination}>
        {page > 1 ? <Link to={pageHref(page - 1)}>{t.prev}</Link> : null}
        {page > 1 || hasMore ? <span className="muted">{t.page(page)}</span> : null}
        {hasMore ? <Link to={pageHref(page + 1)}>{t.next}</Link> : null}
      </nav>
    </section>
  );
}
