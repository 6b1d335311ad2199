import { BarGroupHorizontal, BarStackHorizontal } from "@visx/shape";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear, scaleOrdinal } from "@visx/scale";
import { STAGES, type CategoryBatchRow, type Stage, type StageMedianRow } from "./batch-types";
import { figureStrings as t } from "./strings";
import { BandLabels, Legend } from "./ChartParts";

/** Okabe–Ito, as the region × state chart: distinguishable for the common colour-vision deficiencies. */
const COLORS = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#999999", "#F0E442"];

export const batchName = (n: number) => t.batchLabel(n);

/**
 * Cases by category per batch: a horizontal stacked bar per batch, server-rendered SVG drawn by
 * visx; role="img" with <title>/<desc>, each segment titled; the numbers in the table beside it.
 */
export function CategoryBatchChart({ rows, categories }: { rows: CategoryBatchRow[]; categories: { code: string; name: string }[] }) {
  const labelWidth = 70;
  const width = 640;
  const barHeight = 22;
  const legendRows = Math.ceil(categories.length / 3);
  const height = rows.length * (barHeight + 8) + 20 + legendRows * 18;
  const keys = categories.map((c) => c.code);
  const names = new Map(categories.map((c) => [c.code, c.name]));
  const data = rows.map((r) => ({ label: batchName(r.number), ...Object.fromEntries(keys.map((k) => [k, r.counts[k] ?? 0])) }) as { label: string } & Record<string, number>);
  const xScale = scaleLinear<number>({ domain: [0, Math.max(1, ...rows.map((r) => r.total))], range: [0, width - labelWidth - 20], nice: true });
  const yScale = scaleBand<string>({ domain: data.map((d) => d.label), range: [0, rows.length * (barHeight + 8)], padding: 0.25 });
  const color = scaleOrdinal<string, string>({ domain: keys, range: COLORS });
  const total = rows.reduce((a, r) => a + r.total, 0);
  return (
    <figure className="chart">
      <svg role="img" aria-labelledby="chart-category-batch-title chart-category-batch-desc" width="100%" viewBox={`0 0 ${width} ${height}`}>
        <title id="chart-category-batch-title">{t.categoryBatch}</title>
        <desc id="chart-category-batch-desc">{t.categoryBatchDesc(rows.length, total)}</desc>
        <Group left={labelWidth} top={10}>
          <BarStackHorizontal<(typeof data)[number], string> data={data} keys={keys} y={(d) => d.label} xScale={xScale} yScale={yScale} color={(k) => color(k)}>
            {(stacks) =>
              stacks.map((stack) =>
                stack.bars
                  .filter((bar) => bar.width > 0)
                  .map((bar) => (
                    <rect key={`${stack.index}-${bar.index}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={bar.color}>
                      <title>{`${bar.bar.data.label} · ${names.get(stack.key)}：${bar.bar.data[stack.key]}`}</title>
                    </rect>
                  )),
              )
            }
          </BarStackHorizontal>
          <BandLabels labels={data.map((d) => d.label)} scale={yScale} />
        </Group>
        <Legend
          items={categories.map((c) => ({ key: c.code, label: c.name.length > 16 ? `${c.name.slice(0, 16)}…` : c.name, color: color(c.code) }))}
          left={10}
          top={rows.length * (barHeight + 8) + 16}
          step={210}
          perRow={3}
        />
      </svg>
    </figure>
  );
}

/**
 * Median days per stage for each batch: grouped horizontal bars (one per stage) per batch, drawn
 * by visx; a stage without data draws no bar (the table says —).
 */
export function StageMedianChart({ rows }: { rows: StageMedianRow[] }) {
  const labelWidth = 70;
  const width = 640;
  const groupHeight = 54;
  const height = rows.length * groupHeight + 40;
  const data = rows.map((r) => ({ label: batchName(r.number), draft: r.draft ?? 0, review: r.review ?? 0, publish: r.publish ?? 0 }));
  const max = Math.max(1, ...rows.flatMap((r) => STAGES.map((s) => r[s] ?? 0)));
  const xScale = scaleLinear<number>({ domain: [0, max], range: [0, width - labelWidth - 60], nice: true });
  const y0Scale = scaleBand<string>({ domain: data.map((d) => d.label), range: [0, rows.length * groupHeight], padding: 0.2 });
  const y1Scale = scaleBand<Stage>({ domain: [...STAGES], range: [0, y0Scale.bandwidth()], padding: 0.1 });
  const color = scaleOrdinal<Stage, string>({ domain: [...STAGES], range: ["#56B4E9", "#E69F00", "#009E73"] });
  return (
    <figure className="chart">
      <svg role="img" aria-labelledby="chart-stages-title chart-stages-desc" width="100%" viewBox={`0 0 ${width} ${height}`}>
        <title id="chart-stages-title">{t.stages}</title>
        <desc id="chart-stages-desc">{t.stagesDesc(rows.length)}</desc>
        <Group left={labelWidth} top={10}>
          <BarGroupHorizontal<(typeof data)[number], Stage> data={data} keys={[...STAGES]} width={width - labelWidth - 60} y0={(d) => d.label} y0Scale={y0Scale} y1Scale={y1Scale} xScale={xScale} color={(k) => color(k)}>
            {(groups) =>
              groups.map((group) => (
                <Group key={group.index} top={group.y0}>
                  {group.bars
                    .filter((bar) => bar.width > 0)
                    .map((bar) => (
                      <rect key={bar.key} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={bar.color}>
                        <title>{`${data[group.index].label} · ${t.stageLabels[bar.key]}：${t.days(bar.value)}`}</title>
                      </rect>
                    ))}
                </Group>
              ))
            }
          </BarGroupHorizontal>
          <BandLabels labels={data.map((d) => d.label)} scale={y0Scale} />
        </Group>
        <Legend items={STAGES.map((s) => ({ key: s, label: t.stageLabels[s], color: color(s) }))} left={labelWidth} top={height - 18} step={150} />
      </svg>
    </figure>
  );
}
