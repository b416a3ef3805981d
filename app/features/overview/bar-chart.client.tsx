import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTranslation } from "react-i18next";
import { formatPercent } from "~/i18n/format";
import type { ChartProps } from "./charts";

const COLORS = ["#0f6e3f", "#8a9bb0"];

/** Horizontal bars of percentages, each bar labelled with its figure (never colour alone). */
export default function PercentBarChart({ rows, series, axisLabel, labelWidth = 110 }: ChartProps) {
  const { i18n } = useTranslation();
  // On a phone the labels may wrap rather than squeeze the bars out.
  const narrow = window.innerWidth < 600;
  const yWidth = narrow ? Math.min(labelWidth, 120) : labelWidth;
  const rowHeight = series.length > 1 || (narrow && labelWidth > yWidth) ? 46 : 32;
  const height = Math.max(140, rows.length * rowHeight + 60);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 48, bottom: 16, left: 8 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, 100]} unit="%" label={{ value: axisLabel, position: "insideBottom", offset: -8, fontSize: 12 }} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="label" width={yWidth} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip formatter={(value: number) => formatPercent(value, i18n.language)} />
        {series.length > 1 ? <Legend verticalAlign="top" height={28} /> : null}
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={COLORS[i % COLORS.length]} isAnimationActive={false} barSize={series.length > 1 ? 14 : 18}>
            <LabelList dataKey={s.key} position="right" formatter={(v: number) => formatPercent(v, i18n.language)} style={{ fontSize: 12, fill: "#1c2430" }} />
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
