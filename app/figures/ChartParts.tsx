import { Group } from "@visx/group";

/** The category labels left of a horizontal bar chart's bands (visx band scale). */
export function BandLabels({ labels, scale }: { labels: readonly string[]; scale: { (value: string): number | undefined; bandwidth(): number } }) {
  return (
    <>
      {labels.map((label) => (
        <text key={label} x={-8} y={(scale(label) ?? 0) + scale.bandwidth() / 2} textAnchor="end" dominantBaseline="middle" fontSize={13}>
          {label}
        </text>
      ))}
    </>
  );
}

/** A colour key: swatch and name per series, `perRow` to a line, `step` apart. */
export function Legend({ items, left, top, step, perRow = items.length }: { items: readonly { key: string; label: string; color: string }[]; left: number; top: number; step: number; perRow?: number }) {
  return (
    <Group left={left} top={top}>
      {items.map((item, i) => (
        <g key={item.key} transform={`translate(${(i % perRow) * step}, ${Math.floor(i / perRow) * 18})`}>
          <rect width={10} height={10} fill={item.color} />
          <text x={14} y={9} fontSize={11}>
            {item.label}
          </text>
        </g>
      ))}
    </Group>
  );
}
