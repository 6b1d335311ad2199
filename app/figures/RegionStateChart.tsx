import { BarStackHorizontal } from "@visx/shape";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear, scaleOrdinal } from "@visx/scale";
import { CASE_STATE_LABELS } from "#workflows/case-review";
import { FIGURE_STATES, type RegionStateRow } from "./states";
import { figureStrings as t } from "./strings";
import { BandLabels, Legend } from "./ChartParts";

/** Colours per state, distinguishable for the common colour-vision deficiencies (Okabe–Ito). */
const COLORS = ["#E69F00", "#56B4E9", "#D55E00", "#009E73", "#999999", "#CC79A7", "#0072B2"];

/**
 * Cases by region × state as a horizontal stacked bar chart, server-rendered SVG drawn by visx
 * (scales and bar geometry; no DOM needed). Accessible: role="img" with <title>/<desc>, each bar
 * segment has its own <title>; the numbers are in the table next to it.
 */
export function RegionStateChart({ rows }: { rows: RegionStateRow[] }) {
  const labelWidth = 90;
  const width = 640;
  const barHeight = 22;
  const height = rows.length * (barHeight + 8) + 40;
  const max = Math.max(1, ...rows.map((r) => r.total));
  const xScale = scaleLinear<number>({ domain: [0, max], range: [0, width - labelWidth - 20], nice: true });
  const yScale = scaleBand<string>({ domain: rows.map((r) => r.name), range: [0, height - 40], padding: 0.25 });
  const color = scaleOrdinal<string, string>({ domain: FIGURE_STATES, range: COLORS });
  const total = rows.reduce((a, r) => a + r.total, 0);
  return (
    <figure className="chart">
      <svg role="img" aria-labelledby="chart-region-state-title chart-region-state-desc" width="100%" viewBox={`0 0 ${width} ${height}`}>
        <title id="chart-region-state-title">{t.regionState}</title>
        <desc id="chart-region-state-desc">{t.regionStateDesc(rows.length, total)}</desc>
        <Group left={labelWidth} top={10}>
          <BarStackHorizontal<RegionStateRow, (typeof FIGURE_STATES)[number]>
            data={rows}
            keys={FIGURE_STATES}
            y={(r) => r.name}
            xScale={xScale}
            yScale={yScale}
            color={(key) => color(key)}
          >
            {(stacks) =>
              stacks.map((stack) =>
                stack.bars
                  .filter((bar) => bar.width > 0)
                  .map((bar) => (
                    <rect key={`${stack.index}-${bar.index}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={bar.color}>
                      <title>{`${bar.bar.data.name} · ${CASE_STATE_LABELS[stack.key]}：${bar.bar.data[stack.key]}`}</title>
                    </rect>
                  )),
              )
            }
          </BarStackHorizontal>
          <BandLabels labels={rows.map((r) => r.name)} scale={yScale} />
        </Group>
        <Legend items={FIGURE_STATES.map((s) => ({ key: s, label: CASE_STATE_LABELS[s], color: color(s) }))} left={labelWidth} top={height - 18} step={78} />
      </svg>
    </figure>
  );
}
