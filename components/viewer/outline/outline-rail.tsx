"use client";
/**
 * The outline: every visible step as a bar, coloured by kind and as tall as its share of the tokens,
 * drawn on one canvas (5,000 bars would be 5,000 DOM nodes otherwise). The band of steps in view,
 * the focused step and search hits are marked; a click or drag jumps.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { indexAtOffset, outlineOffsets } from "@/lib/viewer/outline-layout";
import { KIND_COLOR } from "@/components/viewer/steps/kind-style";
import type { ViewRow } from "@/components/viewer/steps/view-row";

export interface OutlineRailProps {
  rows: readonly ViewRow[];
  first: number;
  last: number;
  focused: number;
  hitPositions: ReadonlySet<number>;
  onJump: (index: number) => void;
}

const WIDTH = 28;

export function OutlineRail({ rows, first, last, focused, hitPositions, onJump }: OutlineRailProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [height, setHeight] = useState(0);
  const offsets = useMemo(() => outlineOffsets(rows.map((r) => r.tokens), height), [rows, height]);

  useEffect(() => {
    const el = ref.current?.parentElement;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || height === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = WIDTH * dpr;
    canvas.height = height * dpr;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, WIDTH, height);
    for (let i = 0; i < rows.length; i++) {
      const y = offsets[i];
      const h = Math.max(0.5, offsets[i + 1] - y - (offsets[i + 1] - y > 3 ? 1 : 0));
      ctx.fillStyle = rows[i].status === "deleted" ? "#d4d4d8" : KIND_COLOR[rows[i].kind];
      ctx.fillRect(8, y, WIDTH - 12, h);
      if (hitPositions.has(i)) {
        ctx.fillStyle = "#facc15";
        ctx.fillRect(0, y, 6, Math.max(2, h));
      }
    }
    if (last >= first && rows.length) {
      ctx.fillStyle = "rgba(99,102,241,0.18)";
      ctx.fillRect(0, offsets[first], WIDTH, Math.max(2, offsets[Math.min(rows.length, last + 1)] - offsets[first]));
    }
    if (focused >= 0 && focused < rows.length) {
      ctx.strokeStyle = "#4f46e5";
      ctx.lineWidth = 2;
      ctx.strokeRect(7, offsets[focused], WIDTH - 10, Math.max(2, offsets[focused + 1] - offsets[focused]));
    }
  }, [rows, offsets, height, first, last, focused, hitPositions]);

  const jumpTo = (clientY: number) => {
    const canvas = ref.current;
    if (!canvas) return;
    const i = indexAtOffset(offsets, clientY - canvas.getBoundingClientRect().top);
    if (i >= 0) onJump(i);
  };

  return (
    <canvas
      ref={ref}
      data-testid="outline-rail"
      role="slider"
      aria-label="Outline of the steps; click to jump"
      aria-valuemin={1}
      aria-valuemax={Math.max(1, rows.length)}
      aria-valuenow={focused + 1}
      style={{ width: WIDTH, height }}
      className="cursor-pointer"
      onMouseDown={(e) => jumpTo(e.clientY)}
      onMouseMove={(e) => e.buttons === 1 && jumpTo(e.clientY)}
    />
  );
}
