import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { authStrings } from "~/auth/strings";
import { Notice } from "~/ui/components";
import { layoutStrings as t } from "~/layout/strings";
import { requireUser } from "~/permissions/require.server";
import { roleLabels } from "~/permissions/strings";
import { getDb } from "~/db/db.server";
import { listRegions } from "~/admin/reference.server";
import { dashboardFigures } from "~/dashboard/dashboard.server";
import { CASE_STATE_LABELS, CASE_STATES } from "#workflows/case-review";
import { pageTitle } from "~/layout/title";
import { callStrings } from "~/calls/strings";
import { formatDateTime } from "~/ui/format";
import { serverNow } from "~/clock.server";
import { adminPanel, publisherPanel, reviewerPanel } from "~/dashboard/panels.server";
import { AdminPanel, PublisherPanel, ReviewerPanel } from "~/dashboard/Panels";
import { BATCH_STATE_LABELS, isBatchState } from "#workflows/batch";

const batchStateLabel = (s: string) => (isBatchState(s) ? BATCH_STATE_LABELS[s] : s);

function OpenCalls({ calls }: { calls: { id: number; title: string; deadline: string | Date }[] }) {
  if (calls.length === 0) return null;
  return (
    <div>
      <h3>
        <Link to="/calls">{callStrings.listTitle}</Link>
      </h3>
      <ul>
        {calls.map((c) => (
          <li key={c.id}>
            <Link to={`/calls/${c.id}`}>{c.title}</Link> · {callStrings.deadline} {formatDateTime(c.deadline)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => pageTitle(t.dashboardTitle);

/** Every signed-in user has a dashboard; its panels follow the user's roles. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const db = getDb();
  const now = serverNow();
  const [regions, figures, reviewer, publisher, admin] = await Promise.all([
    listRegions(db),
    dashboardFigures(db, user, now),
    user.roles.includes("reviewer") ? reviewerPanel(db, user) : null,
    user.roles.includes("publisher") ? publisherPanel(db, user, now) : null,
    user.roles.includes("admin") ? adminPanel(db, new Date()) : null,
  ]);
  const regionNames = new Map(regions.map((r) => [r.code, r.name]));
  return {
    figures,
    panels: { reviewer, publisher, admin },
    displayName: user.displayName,
    roles: user.roles,
    regions: user.regions.map((code) => regionNames.get(code) ?? code),
  };
}

export default function Dashboard() {
  const { displayName, roles, regions, figures, panels } = useLoaderData<typeof loader>();
  const regionTotal = Object.values(figures.regionStates).reduce((a, b) => a + b, 0);
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
            <OpenCalls calls={figures.openCalls} />
            {regionTotal ? (
              <ul className="figures">
                {CASE_STATES.filter((s) => figures.regionStates[s]).map((s) => (
                  <li key={s}>
                    <Link to={`/cases?state=${s}`}>
                      {CASE_STATE_LABELS[s]} <strong>{figures.regionStates[s]}</strong>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t.submitterEmpty}</p>
            )}
            <p>
              <Link to="/cases/new" className="button primary">
                {t.newCase}
              </Link>{" "}
              <Link to="/cases">{t.allRegionCases}</Link>
            </p>
          </article>
        ) : null}
        {panels.reviewer ? <ReviewerPanel data={panels.reviewer} /> : null}
        {panels.publisher ? <PublisherPanel data={panels.publisher} batchStateLabel={batchStateLabel} /> : null}
        {panels.admin ? <AdminPanel data={panels.admin} /> : null}
      </div>
    </section>
  );
}
