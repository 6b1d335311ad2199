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
  const [regions, figures] = await Promise.all([listRegions(getDb()), dashboardFigures(getDb(), user)]);
  const regionNames = new Map(regions.map((r) => [r.code, r.name]));
  return {
    figures,
    displayName: user.displayName,
    roles: user.roles,
    regions: user.regions.map((code) => regionNames.get(code) ?? code),
  };
}

export default function Dashboard() {
  const { displayName, roles, regions, figures } = useLoaderData<typeof loader>();
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
        {roles.includes("reviewer") ? (
          <article className="panel" data-testid="panel-reviewer">
            <h2>{t.reviewerPanel}</h2>
            {figures.queue && figures.queue.waiting + figures.queue.inReview > 0 ? (
              <ul className="figures">
                <li>
                  {t.waiting} <strong>{figures.queue.waiting}</strong>
                </li>
                <li>
                  {t.inReview} <strong>{figures.queue.inReview}</strong>
                </li>
                <li>
                  {t.mine} <strong>{figures.queue.mine}</strong>
                </li>
              </ul>
            ) : (
              <p className="muted">{t.reviewerEmpty}</p>
            )}
            <p>
              <Link to="/review">{t.openQueue}</Link>
            </p>
          </article>
        ) : null}
        {roles.includes("publisher") ? (
          <article className="panel" data-testid="panel-publisher">
            <h2>{t.publisherPanel}</h2>
            <OpenCalls calls={figures.openCalls} />
            {figures.approvedUnbatched ? (
              <p>
                {t.approvedUnbatched} <strong>{figures.approvedUnbatched}</strong>
              </p>
            ) : (
              <p className="muted">{t.publisherEmpty}</p>
            )}
            <p>
              <Link to="/batches">{t.openBatches}</Link>
            </p>
          </article>
        ) : null}
        {roles.includes("admin") ? (
          <article className="panel" data-testid="panel-admin">
            <h2>{t.adminPanel}</h2>
            <p className="muted">{t.adminLinks}</p>
            <p>
              <Link to="/admin/users">{t.nav.users}</Link> · <Link to="/admin/audit">{t.nav.audit}</Link>
            </p>
          </article>
        ) : null}
      </div>
    </section>
  );
}
