"use client";
/**
 * The outline: every visible step as a bar, coloured by kind and as tall as its share of the tokens,
 * drawn on one canvas (5,000 bars would be 5,000 DOM nodes otherwise), redrawn only when the steps
 * or hits change. The band of steps in view and the focused step are two positioned boxes over it,
 * so scrolling moves boxes instead of repainting 5,000 bars a frame. A click or drag jumps.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { ListHandle } from "@/components/viewer/steps/list-handle";
import { indexAtOffset, outlineOffsets } from "@/lib/viewer/outline-layout";
import { KIND_COLOR, KIND_LABEL } from "@/components/viewer/steps/kind-style";
import type { ViewRow } from "@/components/viewer/steps/view-row";

export interface OutlineRailProps {
  rows: readonly ViewRow[];
  handle: ListHandle;
  focused: number;
  hitPositions: ReadonlySet<number>;
  onJump: (index: number) => void;
}

const WIDTH = 28;

const fmt = new Intl.NumberFormat("en");
function rowTooltip(r: ViewRow): string {
  const tool = r.entry?.toolName ? ` ${r.entry.toolName}` : "";
  return `#${r.ordinal} · ${KIND_LABEL[r.kind]}${tool}${r.isError ? " · error" : ""} · ${fmt.format(r.tokens)} tokens`;
}

/** The band of steps in view: the only part of the outline that follows scrolling. */
function ViewBand({ handle, offsets, count }: { handle: ListHandle; offsets: Float64Array; count: number }) {
  const { first, last } = useSyncExternalStore(handle.subscribe, handle.getRange, handle.getRange);
  if (last < first || !count) return null;
  return (
    <div
      aria-hidden
      data-testid="outline-band"
      className="pointer-events-none absolute left-0 w-full bg-indigo-500/20"
      style={{ top: offsets[first], height: Math.max(2, offsets[Math.min(count, last + 1)] - offsets[first]) }}
    />
  );
}

export function OutlineRail({ rows, handle, focused, hitPositions, onJump }: OutlineRailProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [height, setHeight] = useState(0);
  const offsets = useMemo(
    () =>
      outlineOffsets(
        rows.map((r) => r.tokens),
        height,
      ),
    [rows, height],
  );

  useEffect(() => {
    const el = ref.current?.parentElement?.parentElement;
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
  }, [rows, offsets, height, hitPositions]);

  const at = (clientY: number) => {
    const canvas = ref.current;
    return canvas ? indexAtOffset(offsets, clientY - canvas.getBoundingClientRect().top) : -1;
  };
  const jumpTo = (clientY: number) => {
    const i = at(clientY);
    if (i >= 0) onJump(i);
  };
  // The bar under the pointer, named in the rail's tooltip.
  const [hover, setHover] = useState(-1);
  const tip = hover >= 0 && rows[hover] ? rowTooltip(rows[hover]) : "Outline of the steps; click to jump";

  const focus =
    focused >= 0 && focused < rows.length
      ? { top: offsets[focused], height: Math.max(2, offsets[focused + 1] - offsets[focused]) }
      : null;
  return (
    <div className="relative" style={{ width: WIDTH, height }}>
      <ViewBand handle={handle} offsets={offsets} count={rows.length} />
      {focus && (
        <div
          aria-hidden
          className="pointer-events-none absolute left-[7px] right-[3px] border-2 border-indigo-600"
          style={{ top: focus.top, height: focus.height }}
        />
      )}
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
        title={tip}
        onMouseDown={(e) => jumpTo(e.clientY)}
        onMouseMove={(e) => {
          const i = at(e.clientY);
          if (i !== hover) setHover(i);
          if (e.buttons === 1) jumpTo(e.clientY);
        }}
        onMouseLeave={() => setHover(-1)}
      />
    </div>
  );
}
