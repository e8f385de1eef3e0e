"use client";
/** A bar chart of one or more series over categories (stacked when asked). */
import {
  Bar,
  BarChart as ReBarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { AXIS, CHART_COLORS, ChartFrame } from "@/components/charts/chart-frame";

export function BarChart({
  title,
  data,
  x,
  series,
  stacked = false,
  emptyText = "No data yet",
  testId,
}: {
  title: string;
  data: Array<Record<string, string | number | null>>;
  x: string;
  series: Array<{ key: string; label: string; color?: string }>;
  stacked?: boolean;
  emptyText?: string;
  testId?: string;
}) {
  return (
    <ChartFrame title={title} empty={data.length ? null : emptyText} testId={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <ReBarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={AXIS.stroke} strokeOpacity={0.3} />
          <XAxis dataKey={x} stroke={AXIS.stroke} tick={AXIS.tick} />
          <YAxis allowDecimals={false} stroke={AXIS.stroke} tick={AXIS.tick} />
          <Tooltip />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color ?? CHART_COLORS[i % CHART_COLORS.length]}
              stackId={stacked ? "s" : undefined}
              isAnimationActive={false}
            />
          ))}
        </ReBarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
