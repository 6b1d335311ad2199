import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { parseQuery, queryInt } from "~/ui/query.server";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listRegions } from "~/admin/reference.server";
import { adminStrings as t } from "~/admin/strings";
import { listUsers } from "~/admin/users.server";
import { getDb } from "~/db/db.server";
import { requirePermission } from "~/permissions/require.server";
import { roleLabels } from "~/permissions/strings";
import { Notice } from "~/ui/components";
import { formatDateTime } from "~/ui/format";
import { pageTitle } from "~/layout/title";
import { uiStrings } from "~/ui/strings";

export const meta: MetaFunction = () => pageTitle(t.usersTitle);

const PAGE_SIZE = 50;
const usersQuery = z.object({ page: queryInt(1, 100_000) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "user:manage:any");
  const page = parseQuery(request, usersQuery).page ?? 1;
  const db = getDb();
  const [{ users, hasMore }, regions] = await Promise.all([
    listUsers(db, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    listRegions(db),
  ]);
  const regionNames = Object.fromEntries(regions.map((r) => [r.code, r.name]));
  return { users, page, hasMore, regionNames };
}

export default function UsersPage() {
  const { users, page, hasMore, regionNames } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section>
      <div className="page-header">
        <h1>{t.usersTitle}</h1>
        <Link to="/admin/login-throttles" className="button">
          {t.throttlesLink}
        </Link>
        <Link to="/admin/users/new" className="button primary">
          {t.newUser}
        </Link>
      </div>
      {params.has("created") ? <Notice message={t.created} /> : null}
      {params.has("saved") ? <Notice message={t.saved} /> : null}
      {users.length === 0 ? (
        <p className="empty">{t.noUsers}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t.username}</th>
              <th>{t.displayName}</th>
              <th>{t.roles}</th>
              <th>{t.regions}</th>
              <th>{t.status}</th>
              <th>{t.lastChanged}</th>
              <th>
                <span className="visually-hidden">{t.rowActions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td data-label={t.username}>{u.username}</td>
                <td data-label={t.displayName}>{u.displayName}</td>
                <td data-label={t.roles}>{u.roles.map((r) => roleLabels[r] ?? r).join("、")}</td>
                <td data-label={t.regions}>{u.regions.map((r) => regionNames[r] ?? r).join("、")}</td>
                <td data-label={t.status}>{u.active ? t.active : <span className="badge muted">{t.inactive}</span>}</td>
                <td data-label={t.lastChanged}>{formatDateTime(u.updatedAt)}</td>
                <td>
                  <Link to={`/admin/users/${u.id}`} aria-label={`${t.edit} ${u.username}`}>
                    {t.edit}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={uiStrings.pagination}>
        {page > 1 ? <Link to={`?page=${page - 1}`}>{uiStrings.previousPage}</Link> : null}
        {hasMore ? <Link to={`?page=${page + 1}`}>{uiStrings.nextPage}</Link> : null}
      </nav>
    </section>
  );
}
