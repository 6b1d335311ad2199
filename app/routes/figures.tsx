import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
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

/** One figure: its heading and CSV link, then the chart with its numbers beside it (or why there is none). */
function FigureSection(props: { title: string; chart: string; empty: string | null; note?: string; children: ReactNode }) {
  return (
    <>
      <div className="page-header">
        <h2>{props.title}</h2>
        <a className="button" href={`/figures.csv?chart=${props.chart}`} download>
          {t.csv}
        </a>
      </div>
      {props.note ? <p className="muted small">{props.note}</p> : null}
      {props.empty ? <p className="empty">{props.empty}</p> : <div className="chart-with-table">{props.children}</div>}
    </>
  );
}

export default function FiguresPage() {
  const { regionState, categoryBatch, stages } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t.title}</h1>
      <p className="muted small">{t.note}</p>
      <FigureSection title={t.regionState} chart="region-state" empty={regionState.length === 0 ? t.empty : null}>
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
                  <td key={s} data-label={CASE_STATE_LABELS[s]}>
                    {r[s]}
                  </td>
                ))}
                <td data-label={t.total}>{r.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </FigureSection>
      <FigureSection title={t.categoryBatch} chart="category-batch" empty={categoryBatch.rows.length === 0 ? t.categoryBatchEmpty : null}>
        <CategoryBatchChart rows={categoryBatch.rows} categories={categoryBatch.categories} />
        <CategoryBatchTable rows={categoryBatch.rows} categories={categoryBatch.categories} />
      </FigureSection>
      <FigureSection title={t.stages} chart="stages" note={t.stagesNote} empty={stages.length === 0 ? t.stagesEmpty : null}>
        <StageMedianChart rows={stages} />
        <StageMedianTable rows={stages} />
      </FigureSection>
    </section>
  );
}
