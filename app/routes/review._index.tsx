import { aidCounts } from "~/aids/aids.server";
import { AIDS_STRINGS } from "~/aids/strings";
import { data, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { listCategories, listRegions } from "~/admin/reference.server";
import { getDb } from "~/db/db.server";
import { actorOf, forbidden, requireUser } from "~/permissions/require.server";
import {
  BULK_ACTIONS,
  BULK_MAX,
  bulkItemValue,
  bulkTransition,
  listReviewQueue,
  parseBulkItem,
  queueFilterFromUrl,
  QUEUE_CURSOR,
  type BulkAction,
  type BulkOutcome,
} from "~/review/queue.server";
import { reviewStrings as t } from "~/review/strings";
import { FormError } from "~/ui/components";
import { pageCursor } from "~/ui/keyset.server";
import { QueueFilters } from "~/review/QueueFilters";
import { QueueCells, QueueHeaderCells } from "~/review/QueueCells";
import { ConfirmStep, ConfirmSubmit, isConfirmed } from "~/ui/ConfirmSubmit";
import { listField, readFormData, textField } from "~/ui/forms";
import { pageTitle } from "~/layout/title";
import { parseQuery, queryCode, queryCursor, queryEnum, queryFlag, queryInt } from "~/ui/query.server";
import { QUEUE_FILTER_STATES } from "~/review/queue.server";
import { z } from "zod";
import { uiStrings } from "~/ui/strings";

export const meta: MetaFunction = () => pageTitle(t.queueTitle);

/** Reviewers (who claim and decide) and admins (who assign). */
function requireQueueUser(request: Request, context: AppLoadContext) {
  const user = requireUser(request, context);
  if (!user.roles.includes("reviewer") && !user.roles.includes("admin")) forbidden(t.queueForbidden);
  return user;
}

/**
 * The queue's filter, page and keyset cursor (the filter is read by queueFilterFromUrl once it is known to be
 * well-formed). Built once at load (the cursor schema compiles a RegExp).
 */
const queueQuery = z.object({
  state: queryEnum(QUEUE_FILTER_STATES),
  region: queryCode,
  category: queryCode,
  mine: queryFlag,
  page: queryInt(1, 10_000),
  after: queryCursor(QUEUE_CURSOR),
  before: queryCursor(QUEUE_CURSOR),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireQueueUser(request, context);
  const query = parseQuery(request, queueQuery);
  const db = getDb();
  const { filter, page } = queueFilterFromUrl(new URL(request.url));
  const [{ rows, hasMore, hasPrevious, firstCursor, lastCursor }, regions, categories] = await Promise.all([
    listReviewQueue(db, user.id, filter, page, undefined, undefined, pageCursor(query)),
    listRegions(db),
    listCategories(db),
  ]);
  const counts = await aidCounts(db, rows.map((r) => r.id));
  return {
    rows: rows.map((r) => ({ ...r, checkbox: bulkItemValue(r), aidCount: counts.get(r.id) ?? 0 })),
    hasMore,
    hasPrevious,
    firstCursor,
    lastCursor,
    page,
    filter,
    regions: regions.map((r) => ({ code: r.code, name: r.name })),
    categories: categories.map((c) => ({ code: c.code, name: c.name })),
    canBulk: user.roles.includes("reviewer"),
  };
}

/** `confirm`: an unconfirmed bulk approval (no JavaScript) — the checked cases, to ask first. */
type ActionData = { error: string | null; outcomes: BulkOutcome[]; confirm?: string[] };

/** intent = claim | approve, with the checked cases; each goes through transitionCase on its own. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireQueueUser(request, context);
  const formData = await readFormData(request);
  if (!formData) return data<ActionData>({ error: t.bulkInvalid, outcomes: [] }, { status: 400 });
  const intent = textField(formData, "intent");
  if (!(BULK_ACTIONS as readonly string[]).includes(intent)) return data<ActionData>({ error: t.bulkInvalid, outcomes: [] }, { status: 400 });
  const values = listField(formData, "case");
  if (values.length === 0) return data<ActionData>({ error: t.bulkNone, outcomes: [] }, { status: 400 });
  if (values.length > BULK_MAX) return data<ActionData>({ error: t.bulkTooMany(BULK_MAX), outcomes: [] }, { status: 400 });
  const items = values.map(parseBulkItem);
  if (items.some((i) => i === null)) return data<ActionData>({ error: t.bulkInvalid, outcomes: [] }, { status: 400 });
  // Approving cannot be undone: without JavaScript the page asks first (with it, the dialog did).
  if (intent === "approve" && !isConfirmed(formData)) return data<ActionData>({ error: null, outcomes: [], confirm: values });
  const outcomes = await bulkTransition(getDb(), user, actorOf(context, user), intent as BulkAction, items);
  const failed = outcomes.filter((o) => !o.ok).length;
  // All refused → the request as a whole failed (409); otherwise it did something (200).
  return data<ActionData>({ error: null, outcomes }, { status: failed && failed === outcomes.length ? 409 : 200 });
}

export default function ReviewQueuePage() {
  const { rows, hasMore, hasPrevious, firstCursor, lastCursor, page, filter, regions, categories, canBulk } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  /** The page number is for people; the cursor (the row it continues from) is what the server uses. */
  const pageHref = (n: number, cursor: { after: string } | { before: string } | null) => {
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    if (n <= 1) next.delete("page");
    else {
      next.set("page", String(n));
      if (cursor) for (const [k, v] of Object.entries(cursor)) next.set(k, v);
    }
    return `?${next}`;
  };
  const outcomes = actionData?.outcomes ?? [];
  const okCount = outcomes.filter((o) => o.ok).length;
  return (
    <section>
      <h1>{t.queueTitle}</h1>
      <p className="muted">{t.queueIntro}</p>
      <QueueFilters filter={filter} states={["submitted", "in_review"]} regions={regions} categories={categories} />
      <FormError message={actionData?.error} />
      {actionData?.confirm ? (
        <ConfirmStep
          message={t.bulkApproveConfirm(actionData.confirm.length)}
          confirmLabel={t.bulkApprove}
          fields={[["intent", "approve"], ...actionData.confirm.map((v): [string, string] => ["case", v])]}
          cancelHref={`/review${params.toString() ? `?${params}` : ""}`}
        />
      ) : null}
      {outcomes.length ? (
        <div className={okCount === outcomes.length ? "notice" : "form-error"} role="status" data-testid="bulk-outcomes">
          <p>{t.bulkResult(okCount, outcomes.length - okCount)}</p>
          <ul>
            {outcomes.map((o) => (
              <li key={o.caseId} className={o.ok ? "bulk-ok" : "bulk-failed"}>
                {o.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {rows.length === 0 ? (
        <p className="empty">{t.queueEmpty}</p>
      ) : (
        <Form method="post">
          <table className="table review-queue">
            <thead>
              <tr>
                {canBulk ? (
                  <th>
                    <span className="visually-hidden">{uiStrings.select}</span>
                  </th>
                ) : null}
                <th>{t.queueTitleCol}</th>
                <QueueHeaderCells />
                <th>{t.queueWaiting}</th>
                <th>{t.queueHolder}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-case-id={r.id}>
                  {canBulk ? (
                    <td>
                      <input type="checkbox" name="case" value={r.checkbox} aria-label={t.queueSelect(r.title)} />
                    </td>
                  ) : null}
                  <td data-label={t.queueTitleCol}>
                    <Link to={`/cases/${r.id}`}>{r.title}</Link>
                    {r.openThreads ? <span className="badge"> {t.openCount(r.openThreads)}</span> : null}
                    {r.aidCount ? <span className="badge badge--aids" data-testid="aids-badge"> {AIDS_STRINGS.panel.findingsBadge(r.aidCount)}</span> : null}
                  </td>
                  <QueueCells row={r} />
                  <td data-label={t.queueWaiting}>{r.daysWaiting === null ? "—" : t.queueDays(r.daysWaiting)}</td>
                  <td data-label={t.queueHolder}>{r.claimedByName ?? <span className="muted">{t.queueUnclaimed}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canBulk ? (
            <div className="actions">
              <button type="submit" name="intent" value="claim" className="button" disabled={busy}>
                {t.bulkClaim}
              </button>
              {/* 通过所选 is irreversible for every checked case: a page dialog asks first (the server, without JavaScript). */}
              <ConfirmSubmit name="intent" value="approve" label={t.bulkApprove} message={t.bulkApproveConfirm(null)} confirmLabel={t.bulkApprove} className="button primary" disabled={busy} />
            </div>
          ) : null}
        </Form>
      )}
      <nav className="pager" aria-label={uiStrings.pagination}>
        {hasPrevious ? <Link to={pageHref(page - 1, firstCursor ? { before: firstCursor } : null)}>{t.prev}</Link> : null}
        {hasPrevious || hasMore ? <span className="muted">{t.page(page)}</span> : null}
        {hasMore ? <Link to={pageHref(page + 1, lastCursor ? { after: lastCursor } : null)}>{t.next}</Link> : null}
      </nav>
    </section>
  );
}
