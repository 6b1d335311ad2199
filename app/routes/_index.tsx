import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { authStrings } from "~/auth/strings";
import { Notice } from "~/ui/components";
import { layoutStrings as t } from "~/layout/strings";
import { requireUser } from "~/permissions/require.server";
import { roleLabels } from "~/permissions/strings";
import { getDb } from "~/db/db.server";
import { listRegions } from "~/admin/reference.server";

export const meta: MetaFunction = () => [{ title: t.dashboardTitle }];

/** Every signed-in user has a dashboard; its panels follow the user's roles. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const regionNames = new Map((await listRegions(getDb())).map((r) => [r.code, r.name]));
  return {
    displayName: user.displayName,
    roles: user.roles,
    regions: user.regions.map((code) => regionNames.get(code) ?? code),
  };
}

export default function Dashboard() {
  const { displayName, roles, regions } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section>
      {params.has("passwordChanged") ? <Notice message={authStrings.passwordChanged} /> : null}
      <h1>{t.welcome(displayName)}</h1>
      <p className="muted">
        {t.yourRoles}：{roles.map((r) => roleLabels[r]).join("、")}
        {regions.length ? ` · ${t.yourRegions}：${regions.join("、")}` : null}
      </p>
      <div className="panels">
        {roles.includes("submitter") ? (
          <article className="panel" data-testid="panel-submitter">
            <h2>{t.submitterPanel}</h2>
            <p className="muted">{t.submitterEmpty}</p>
          </article>
        ) : null}
        {roles.includes("reviewer") ? (
          <article className="panel" data-testid="panel-reviewer">
            <h2>{t.reviewerPanel}</h2>
            <p className="muted">{t.reviewerEmpty}</p>
          </article>
        ) : null}
        {roles.includes("publisher") ? (
          <article className="panel" data-testid="panel-publisher">
            <h2>{t.publisherPanel}</h2>
            <p className="muted">{t.publisherEmpty}</p>
          </article>
        ) : null}
        {roles.includes("admin") ? (
          <article className="panel" data-testid="panel-admin">
            <h2>{t.adminPanel}</h2>
            <p className="muted">{t.adminLinks}</p>
            <p>
              <Link to="/admin/users">用户管理</Link> · <Link to="/admin/audit">审计日志</Link>
            </p>
          </article>
        ) : null}
      </div>
    </section>
  );
}
