import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { parseQuery } from "~/ui/query.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { listRegions } from "~/admin/reference.server";
import { adminStrings as t } from "~/admin/strings";
import { listUsers } from "~/admin/users.server";
import { parseRowAction, runRowAction, usersQuery, type UserRowAction, type UserRowOutcome } from "~/admin/user-list.server";
import { getDb } from "~/db/db.server";
import { actorOf, requirePermission } from "~/permissions/require.server";
import { ROLES } from "~/permissions/permissions";
import { roleLabels } from "~/permissions/strings";
import { FilterSelect, FormError, Notice } from "~/ui/components";
import { ConfirmStep, ConfirmSubmit, isConfirmed } from "~/ui/ConfirmSubmit";
import { readFormData } from "~/ui/forms";
import { formatDateTime } from "~/ui/format";
import { pageTitle } from "~/layout/title";
import { uiStrings } from "~/ui/strings";

/** A filtered list says so in its title (its own entry in the history and among tabs). */
export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const filter = data?.filter;
  return pageTitle(filter && (filter.q || filter.role || filter.region) ? t.usersFilteredTitle : null, t.usersTitle);
};

const PAGE_SIZE = 50;

/** Admins: every account, searched by name or username fragment, region and role. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "user:manage:any");
  const { page: pageParam, ...filter } = parseQuery(request, usersQuery);
  const page = pageParam ?? 1;
  const db = getDb();
  const [{ users, hasMore }, regions] = await Promise.all([listUsers(db, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }, filter), listRegions(db)]);
  const regionNames = Object.fromEntries(regions.map((r) => [r.code, r.name]));
  return { users, page, hasMore, regionNames, filter, regions: regions.map((r) => ({ code: r.code, name: r.name })) };
}

type ActionData = { outcome?: UserRowOutcome; confirm?: { intent: UserRowAction; userId: string; username: string } };

/** intent = deactivate | reactivate | reset-password with userId, confirmed (dialog, or a confirmation step without JavaScript). */
export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context, "user:manage:any");
  const formData = await readFormData(request);
  const parsed = parseRowAction(formData);
  if (!formData || !parsed) return data<ActionData>({ outcome: { ok: false, status: 400, message: t.rowActionInvalid } }, { status: 400 });
  if (!isConfirmed(formData)) {
    const username = String(formData.get("username") ?? "").slice(0, 64);
    return data<ActionData>({ confirm: { ...parsed, username } });
  }
  const outcome = await runRowAction(actorOf(context, admin), parsed);
  return data<ActionData>({ outcome }, { status: outcome.ok ? 200 : outcome.status });
}

function confirmMessage(intent: UserRowAction, username: string) {
  return intent === "deactivate" ? t.deactivateConfirm(username) : intent === "reactivate" ? t.reactivateConfirm(username) : t.resetConfirm(username);
}

const actionLabel = (intent: UserRowAction) => (intent === "deactivate" ? t.deactivate : intent === "reactivate" ? t.reactivate : t.resetPassword);

function RowAction({ intent, user, busy }: { intent: UserRowAction; user: { id: string; username: string }; busy: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="username" value={user.username} />
      <ConfirmSubmit label={actionLabel(intent)} message={confirmMessage(intent, user.username)} confirmLabel={actionLabel(intent)} className="button small" disabled={busy} />
    </Form>
  );
}

export default function UsersPage() {
  const { users, page, hasMore, regionNames, filter, regions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const filtered = Boolean(filter.q || filter.region || filter.role);
  const pageHref = (n: number) => {
    const next = new URLSearchParams(params);
    if (n <= 1) next.delete("page");
    else next.set("page", String(n));
    return `?${next}`;
  };
  const outcome = result?.outcome;
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
      {outcome?.ok ? (
        <div className="notice" role="status" data-testid="user-action-result">
          <p>{outcome.message}</p>
          {outcome.temporaryPassword ? (
            <p>
              {t.temporaryPassword(outcome.username)} <code data-testid="temporary-password">{outcome.temporaryPassword}</code>
            </p>
          ) : null}
        </div>
      ) : (
        <FormError message={outcome?.message} />
      )}
      {result?.confirm ? (
        <ConfirmStep
          message={confirmMessage(result.confirm.intent, result.confirm.username)}
          confirmLabel={actionLabel(result.confirm.intent)}
          fields={{ intent: result.confirm.intent, userId: result.confirm.userId, username: result.confirm.username }}
          cancelHref={`/admin/users${params.toString() ? `?${params}` : ""}`}
        />
      ) : null}
      <Form method="get" className="filters" role="search" aria-label={t.usersSearch}>
        <div className="filter-field">
          <label htmlFor="filter-q">{t.usersQuery}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={64} />
        </div>
        <FilterSelect label={t.roles} name="role" defaultValue={filter.role} allLabel={t.usersAllRoles} options={ROLES.map((r) => ({ value: r, label: roleLabels[r] }))} />
        <FilterSelect label={t.regions} name="region" defaultValue={filter.region} allLabel={t.usersAllRegions} options={regions.map((r) => ({ value: r.code, label: r.name }))} />
        <button type="submit" className="button">
          {t.usersApply}
        </button>
        {filtered ? <Link to="/admin/users">{t.usersReset}</Link> : null}
      </Form>
      {users.length === 0 ? (
        <p className="empty">{filtered ? t.usersNoMatch : t.noUsers}</p>
      ) : (
        <table className="table" data-testid="user-list">
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
              <tr key={u.id} data-username={u.username}>
                <td data-label={t.username}>{u.username}</td>
                <td data-label={t.displayName}>{u.displayName}</td>
                <td data-label={t.roles}>{u.roles.map((r) => roleLabels[r] ?? r).join("、")}</td>
                <td data-label={t.regions}>{u.regions.map((r) => regionNames[r] ?? r).join("、")}</td>
                <td data-label={t.status}>{u.active ? t.active : <span className="badge muted">{t.inactive}</span>}</td>
                <td data-label={t.lastChanged}>{formatDateTime(u.updatedAt)}</td>
                <td data-label={t.rowActions} className="row-actions">
                  <Link to={`/admin/users/${u.id}`} aria-label={`${t.edit} ${u.username}`}>
                    {t.edit}
                  </Link>{" "}
                  <RowAction intent={u.active ? "deactivate" : "reactivate"} user={u} busy={busy} />
                  <RowAction intent="reset-password" user={u} busy={busy} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={uiStrings.pagination}>
        {page > 1 ? <Link to={pageHref(page - 1)}>{uiStrings.previousPage}</Link> : null}
        {hasMore ? <Link to={pageHref(page + 1)}>{uiStrings.nextPage}</Link> : null}
      </nav>
    </section>
  );
}
