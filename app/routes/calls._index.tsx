import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listCalls } from "~/calls/calls.server";
import { callStrings as t } from "~/calls/strings";
import { getDb } from "~/db/db.server";
import { serverNow } from "~/clock.server";
import { hasPermission } from "~/permissions/permissions";
import { requirePermission } from "~/permissions/require.server";
import { formatDateTime } from "~/ui/format";
import { pageTitle } from "~/layout/title";

export const meta: MetaFunction = () => pageTitle(t.listTitle);

/** Every role: the calls that invite them (submitters: their regions'), newest deadline first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "call:read:invited");
  const calls = await listCalls(getDb(), user, serverNow());
  return { calls, canManage: hasPermission(user, "call:manage:any") };
}

export default function CallsPage() {
  const { calls, canManage } = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-header">
        <h1>{t.listTitle}</h1>
        {canManage ? (
          <Link className="button primary" to="/calls/new">
            {t.newCall}
          </Link>
        ) : null}
      </div>
      {calls.length === 0 ? (
        <p className="empty">{t.none}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t.title}</th>
              <th>{t.deadline}</th>
              <th>{t.state}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.id}>
                <td data-label={t.title}>
                  <Link to={`/calls/${c.id}`}>{c.title}</Link>
                </td>
                <td data-label={t.deadline}>{formatDateTime(c.deadline)}</td>
                <td data-label={t.state}>{c.stateLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
