import { z } from "zod";
import { parseQuery, queryInt } from "~/ui/query.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getDb } from "~/db/db.server";
import { countUnread, getNotification, listNotifications, markAllRead, markRead } from "~/notifications/notifications.server";
import { notificationStrings as t } from "~/notifications/strings";
import { requireUser } from "~/permissions/require.server";
import { FormError, Notice } from "~/ui/components";
import { formatDateTime } from "~/ui/format";
import { readFormData, textField } from "~/ui/forms";
import { pageTitle } from "~/layout/title";
import { uiStrings } from "~/ui/strings";

export const meta: MetaFunction = () => pageTitle(t.inboxTitle);

const PAGE_SIZE = 30;

const inboxQuery = z.object({ before: queryInt(1, 2_147_483_647), unread: z.enum(["0", "1"]).optional() });

/** Every signed-in user: their own notifications only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const query = parseQuery(request, inboxQuery);
  const beforeId = query.before;
  const unreadOnly = query.unread === "1";
  const db = getDb();
  const [{ entries, nextBeforeId }, unread] = await Promise.all([
    listNotifications(db, user.id, { beforeId, limit: PAGE_SIZE, unreadOnly }),
    countUnread(db, user.id),
  ]);
  return { entries, nextBeforeId, unread, unreadOnly, isFirstPage: !beforeId };
}

type ActionData = { error: string };

/**
 * Every signed-in user, on their own notifications:
 *   intent=open id → mark read and go to the case; intent=read id; intent=read-all.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const formData = await readFormData(request);
  if (!formData) return data<ActionData>({ error: t.badRequest }, { status: 400 });
  const intent = textField(formData, "intent");
  const db = getDb();
  if (intent === "read-all") {
    const n = await markAllRead(db, user.id);
    throw redirect(`/inbox?marked=${n}`);
  }
  if (intent === "read" || intent === "open") {
    const idField = textField(formData, "id");
    const id = /^\d{1,9}$/.test(idField) ? Number(idField) : null;
    const notification = id === null ? null : await getNotification(db, user.id, id);
    if (!notification) return data<ActionData>({ error: t.notFound }, { status: 404 });
    await markRead(db, user.id, [notification.id]);
    if (intent === "open") {
      if (!notification.caseId) return data<ActionData>({ error: t.caseGone }, { status: 404 });
      throw redirect(`/cases/${notification.caseId}`);
    }
    throw redirect("/inbox?marked=1");
  }
  return data<ActionData>({ error: t.badRequest }, { status: 400 });
}

export default function InboxPage() {
  const { entries, nextBeforeId, unread, unreadOnly, isFirstPage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const marked = params.get("marked");
  const filterHref = (only: boolean) => (only ? "?unread=1" : "?");
  const nextHref = () => {
    const next = new URLSearchParams(params);
    next.delete("marked");
    next.set("before", String(nextBeforeId));
    return `?${next}`;
  };
  return (
    <section className="inbox">
      <div className="page-header">
        <h1>{t.inboxTitle}</h1>
        {unread ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="button" disabled={busy}>
              {t.markAllRead}
            </button>
          </Form>
        ) : null}
      </div>
      <p className="muted" data-testid="unread-summary">
        {t.unreadSummary(unread)}
      </p>
      {marked !== null ? <Notice message={marked === "1" ? t.marked : t.allMarked(Number(marked) || 0)} /> : null}
      <FormError message={actionData?.error} />
      <p className="inbox__filters">
        {unreadOnly ? <Link to={filterHref(false)}>{t.showAll}</Link> : <Link to={filterHref(true)}>{t.onlyUnread}</Link>}
      </p>
      {entries.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <ul className="inbox__list">
          {entries.map((n) => (
            <li key={n.id} className={`inbox__item${n.readAt ? "" : " inbox__item--unread"}`} data-testid="notification">
              <div className="inbox__text">
                {n.readAt ? null : <span className="badge unread-dot">{t.unread}</span>} <span>{n.message}</span>
                <time className="muted small" dateTime={new Date(n.createdAt).toISOString()}>
                  {formatDateTime(n.createdAt)}
                </time>
              </div>
              <div className="inbox__actions">
                {n.caseId ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="open" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="button small" disabled={busy}>
                      {t.open}
                    </button>
                  </Form>
                ) : null}
                {n.readAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="link-button" disabled={busy}>
                      {t.markRead}
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label={uiStrings.pagination}>
        {!isFirstPage ? <Link to={unreadOnly ? "?unread=1" : "?"}>{t.first}</Link> : null}
        {nextBeforeId ? <Link to={nextHref()}>{t.next}</Link> : null}
      </nav>
    </section>
  );
}
