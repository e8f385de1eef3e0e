"use client";
/**
 * The frame every chart sits in (title, a fixed height so the page does not jump, an empty state),
 * and the palette. Charts are drawn by recharts (see ARCHITECTURE.md, Decisions); the wrappers in
 * this folder are what pages use, so review's dashboard and curation's statistics look alike.
 */
import type { ReactNode } from "react";

export const CHART_COLORS = ["#6366f1", "#10b981", "#f59e0b", "#ef4444", "#0ea5e9", "#a855f7", "#64748b", "#14b8a6"];
/** Axis and grid colours readable on light and dark backgrounds. */
export const AXIS = { stroke: "#a1a1aa", tick: { fill: "#a1a1aa", fontSize: 11 } } as const;

export function ChartFrame({
  title,
  empty,
  height = 220,
  children,
  testId,
}: {
  title: string;
  empty?: string | null;
  height?: number;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <figure
      className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
      data-testid={testId}
    >
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      <div style={{ height }} className="text-xs">
        {empty ? <div className="flex h-full items-center justify-center text-zinc-500">{empty}</div> : children}
      </div>
    </figure>
  );
}
