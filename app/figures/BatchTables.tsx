import { STAGES, type CategoryBatchRow, type StageMedianRow } from "./batch-types";
import { batchName } from "./BatchCharts";
import { figureStrings as t } from "./strings";

/** The numbers beside the category × batch chart (stacked rows at 375 px: data-label). */
export function CategoryBatchTable({ rows, categories }: { rows: CategoryBatchRow[]; categories: { code: string; name: string }[] }) {
  return (
    <table className="table compact" data-testid="category-batch-table">
      <caption>{t.categoryBatchCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.batch}</th>
          {categories.map((c) => (
            <th scope="col" key={c.code}>
              {c.name}
            </th>
          ))}
          <th scope="col">{t.total}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.number}>
            <th scope="row">{batchName(r.number)}</th>
            {categories.map((c) => (
              <td key={c.code} data-label={c.name}>
                {r.counts[c.code] ?? 0}
              </td>
            ))}
            <td data-label={t.total}>{r.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StageMedianTable({ rows }: { rows: StageMedianRow[] }) {
  return (
    <table className="table compact" data-testid="stages-table">
      <caption>{t.stagesCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.batch}</th>
          <th scope="col">{t.stageCases}</th>
          {STAGES.map((s) => (
            <th scope="col" key={s}>
              {t.stageLabels[s]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.number}>
            <th scope="row">{batchName(r.number)}</th>
            <td data-label={t.stageCases}>{r.cases}</td>
            {STAGES.map((s) => (
              <td key={s} data-label={t.stageLabels[s]}>
                {r[s] === null ? t.noValue : r[s]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
