import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CASE_STATE_LABELS } from "#workflows/case-review";
import { casesByRegionState } from "~/figures/figures.server";
import { RegionStateChart } from "~/figures/RegionStateChart";
import { FIGURE_STATES } from "~/figures/states";
import { figureStrings as t } from "~/figures/strings";
import { getDb } from "~/db/db.server";
import { casesByCategoryBatch, stageMediansByBatch } from "~/figures/batch-figures.server";
import { CategoryBatchChart, StageMedianChart } from "~/figures/BatchCharts";
import { CategoryBatchTable, StageMedianTable } from "~/figures/BatchTables";
import { requirePermission } from "~/permissions/require.server";
import { pageTitle } from "~/layout/title";

export const meta: MetaFunction = () => pageTitle(t.title);

/** Reviewers, publishers and admins (readers of all cases): figures with their numbers and CSV. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "case:read:any");
  const db = getDb();
  const [regionState, categoryBatch, stages] = await Promise.all([casesByRegionState(db), casesByCategoryBatch(db), stageMediansByBatch(db)]);
  return { regionState, categoryBatch, stages };
}

export default function FiguresPage() {
  const { regionState, categoryBatch, stages } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t.title}</h1>
      <p className="muted small">{t.note}</p>
      <div className="page-header">
        <h2>{t.regionState}</h2>
        <a className="button" href="/figures.csv?chart=region-state" download>
          {t.csv}
        </a>
      </div>
      {regionState.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <div className="chart-with-table">
          <RegionStateChart rows={regionState} />
          <table className="table compact">
            <caption>{t.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.region}</th>
                {FIGURE_STATES.map((s) => (
                  <th scope="col" key={s}>
                    {CASE_STATE_LABELS[s]}
                  </th>
                ))}
                <th scope="col">{t.total}</th>
              </tr>
            </thead>
            <tbody>
              {regionState.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.name}</th>
                  {FIGURE_STATES.map((s) => (
                    <td key={s}>{r[s]}</td>
                  ))}
                  <td>{r.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="page-header">
        <h2>{t.categoryBatch}</h2>
        <a className="button" href="/figures.csv?chart=category-batch" download>
          {t.csv}
        </a>
      </div>
      {categoryBatch.rows.length === 0 ? (
        <p className="empty">{t.categoryBatchEmpty}</p>
      ) : (
        <div className="chart-with-table">
          <CategoryBatchChart rows={categoryBatch.rows} categories={categoryBatch.categories} />
          <CategoryBatchTable rows={categoryBatch.rows} categories={categoryBatch.categories} />
        </div>
      )}
      <div className="page-header">
        <h2>{t.stages}</h2>
        <a className="button" href="/figures.csv?chart=stages" download>
          {t.csv}
        </a>
      </div>
      <p className="muted small">{t.stagesNote}</p>
      {stages.length === 0 ? (
        <p className="empty">{t.stagesEmpty}</p>
      ) : (
        <div className="chart-with-table">
          <StageMedianChart rows={stages} />
          <StageMedianTable rows={stages} />
        </div>
      )}
    </section>
  );
}
