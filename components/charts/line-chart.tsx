"use client";
/** A line chart of one or more series over an ordered x (time); gaps where a value is null. */
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart as ReLineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { AXIS, CHART_COLORS, ChartFrame } from "@/components/charts/chart-frame";

export function LineChart({
  title,
  data,
  x,
  series,
  domain,
  reference,
  emptyText = "No data yet",
  testId,
}: {
  title: string;
  data: Array<Record<string, string | number | null>>;
  x: string;
  series: Array<{ key: string; label: string; color?: string }>;
  domain?: [number, number];
  reference?: { y: number; label: string };
  emptyText?: string;
  testId?: string;
}) {
  return (
    <ChartFrame title={title} empty={data.length ? null : emptyText} testId={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <ReLineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={AXIS.stroke} strokeOpacity={0.3} />
          <XAxis dataKey={x} stroke={AXIS.stroke} tick={AXIS.tick} />
          <YAxis domain={domain} stroke={AXIS.stroke} tick={AXIS.tick} />
          <Tooltip />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
          {reference && (
            <ReferenceLine
              y={reference.y}
              stroke="#f59e0b"
              strokeDasharray="4 4"
              label={{ value: reference.label, fontSize: 10, fill: "#f59e0b" }}
            />
          )}
          {series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color ?? CHART_COLORS[i % CHART_COLORS.length]}
              connectNulls={false}
              dot
              isAnimationActive={false}
            />
          ))}
        </ReLineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
