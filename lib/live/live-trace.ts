/**
 * Stage timestamps of live steps, for bench/live.ts only (LIMI_LIVE_TRACE=1; otherwise every call
 * returns at once). The benchmark writes its send time into each step's text (`t=<ms>`); each stage
 * of the path (socket event in, admitted, actor, access, pool connection, session lock, rows
 * written, commit, ack; on every instance NOTIFY received and emitted) records its time since then,
 * on the shared wall clock of the machine. The app instance hands the summary to the benchmark
 * (`POST /__test/trace`), with the process's CPU time and event-loop delay over the same window.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

export const TRACE_ON = process.env.LIMI_LIVE_TRACE === "1";

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const wallNow = () => performance.timeOrigin + performance.now();

const samples = new Map<string, number[]>();
const spans = new AsyncLocalStorage<{ sentAt: number; last: number }>();
const loop = TRACE_ON ? monitorEventLoopDelay({ resolution: 5 }) : null;
loop?.enable();
let windowStart = { cpu: process.cpuUsage(), at: wallNow() };

function push(name: string, ms: number): void {
  let list = samples.get(name);
  if (!list) samples.set(name, (list = []));
  list.push(ms);
}

/** The benchmark's send time carried in a step text or preview, or 0. */
export function sentAtOf(text: unknown): number {
  if (typeof text !== "string") return 0;
  const m = /^t=(\d+(?:\.\d+)?)/.exec(text);
  return m ? Number(m[1]) : 0;
}

/** Runs `fn` as the span of one benchmark step (found in a `session:steps` payload), when tracing. */
export function traceEvent<T>(raw: unknown, fn: () => T): T {
  if (!TRACE_ON) return fn();
  const steps = (raw as { steps?: Array<{ step?: { text?: unknown } }> } | null)?.steps;
  const sentAt = sentAtOf(steps?.[0]?.step?.text);
  if (!sentAt) return fn();
  return spans.run({ sentAt, last: sentAt }, fn);
}

/** Marks a stage of the current span: time since send, and since the previous stage. */
export function traceMark(stage: string): void {
  if (!TRACE_ON) return;
  const span = spans.getStore();
  if (!span) return;
  const now = wallNow();
  push(`${stage} (since send)`, now - span.sentAt);
  push(`${stage} (stage)`, now - span.last);
  span.last = now;
}

/** Records a value (e.g. a batch size) under `name`, when tracing. */
export function traceValue(name: string, value: number): void {
  if (TRACE_ON) push(name, value);
}

/** Marks a relay stage of a step row whose preview carries the send time. */
export function traceRelay(stage: string, preview: unknown): void {
  if (!TRACE_ON) return;
  const sentAt = sentAtOf(preview);
  if (sentAt) push(`${stage} (since send)`, wallNow() - sentAt);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The stages' p50/p99 since the last call, the process's CPU share and event-loop delay; then resets. */
export function takeTrace() {
  const stages = [...samples.entries()].map(([name, list]) => {
    list.sort((a, b) => a - b);
    return {
      name,
      count: list.length,
      p50: +pct(list, 50).toFixed(2),
      p99: +pct(list, 99).toFixed(2),
      max: +(list.at(-1) ?? 0).toFixed(2),
    };
  });
  const cpu = process.cpuUsage(windowStart.cpu);
  const wall = wallNow() - windowStart.at;
  const out = {
    stages,
    cpuShare: +((cpu.user + cpu.system) / 1000 / wall).toFixed(3),
    loopDelayMs: loop
      ? {
          p50: +(loop.percentile(50) / 1e6).toFixed(2),
          p99: +(loop.percentile(99) / 1e6).toFixed(2),
          max: +(loop.max / 1e6).toFixed(2),
        }
      : null,
  };
  samples.clear();
  loop?.reset();
  windowStart = { cpu: process.cpuUsage(), at: wallNow() };
  return out;
}
