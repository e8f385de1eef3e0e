/**
 * What the benchmark measures inside the page. These functions run in Chromium (passed to
 * page.evaluate / addInitScript), so they use only browser APIs.
 */

/** Installed before the page loads: records when the viewer first says it is ready. */
export function recordReadiness(): void {
  const w = window as unknown as { __readyAt?: number };
  const check = () => {
    const el = document.querySelector('[data-testid="trajectory-viewer"][data-ready="true"]');
    if (el && w.__readyAt === undefined) w.__readyAt = performance.now();
    return el !== null;
  };
  const mo = new MutationObserver(() => check() && mo.disconnect());
  mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-ready"] });
}

/** Scrolls the step list from top to bottom, a screen per frame, and returns each frame's duration (ms). */
export async function scrollAndTimeFrames(
  pxPerFrame: number,
): Promise<{ frames: number[]; longTasks: number[]; steps: number; domRowsMax: number; slowFrames: string[] }> {
  const scroller = document.querySelector<HTMLElement>('[data-testid="step-scroller"]')!;
  const longTasks: number[] = [];
  // Long animation frames say what the slow frames spent their time on (script, style, layout).
  const slowFrames: string[] = [];
  const loaf = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Array<
      PerformanceEntry & {
        blockingDuration?: number;
        renderStart?: number;
        styleAndLayoutStart?: number;
        scripts?: Array<{ duration: number; invoker: string; sourceFunctionName: string }>;
      }
    >) {
      if (e.duration < 60) continue;
      const scripts = (e.scripts ?? [])
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 3)
        .map((x) => `${x.invoker || x.sourceFunctionName}:${Math.round(x.duration)}`);
      const layout = e.styleAndLayoutStart ? Math.round(e.startTime + e.duration - e.styleAndLayoutStart) : 0;
      const render = e.renderStart ? Math.round(e.startTime + e.duration - e.renderStart) : 0;
      slowFrames.push(
        `${Math.round(e.duration)}ms render+paint ${render} style+layout ${layout} scripts [${scripts.join(", ")}]`,
      );
    }
  });
  try {
    loaf.observe({ type: "long-animation-frame", buffered: false });
  } catch (e) {
    void e;
  }
  const po = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  po.observe({ type: "longtask", buffered: false });
  const frames: number[] = [];
  let domRowsMax = 0;
  scroller.scrollTop = 0;
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  let last = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      frames.push(now - last);
      last = now;
      domRowsMax = Math.max(domRowsMax, scroller.querySelectorAll('[data-testid="step"]').length);
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) return resolve();
      scroller.scrollTop += pxPerFrame;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  po.disconnect();
  await new Promise((r) => setTimeout(r, 100));
  loaf.disconnect();
  return { frames: frames.slice(1), longTasks, steps: frames.length, domRowsMax, slowFrames };
}

/** Frames over `limit` ms, for the report. */
export function countOver(frames: number[], limit: number): number {
  return frames.filter((f) => f > limit).length;
}

/** The reference: fetching the whole canonical JSON and parsing it, in the same page. */
export async function fetchAndParse(url: string): Promise<{ ms: number; bytes: number; steps: number }> {
  const t = performance.now();
  const res = await fetch(url);
  const text = await res.text();
  const data = JSON.parse(text) as { steps: unknown[] };
  return { ms: performance.now() - t, bytes: text.length, steps: data.steps.length };
}

/** Where the time to ready went: the document, the scripts, the step index, the first bodies. */
export function readinessBreakdown(): Record<string, number> {
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
  const res = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  const end = (pred: (r: PerformanceResourceTiming) => boolean) =>
    Math.max(0, ...res.filter(pred).map((r) => r.responseEnd));
  const first = (pred: (r: PerformanceResourceTiming) => boolean) => res.find(pred);
  const idx = first((r) => /\/steps(\?|$)/.test(r.name));
  const bodies = first((r) => r.name.includes("/bodies?"));
  return {
    document: nav.responseEnd,
    scripts: end(
      (r) => r.initiatorType === "script" && r.name.endsWith(".js") && r.startTime < (idx?.startTime ?? Infinity),
    ),
    indexStart: idx?.startTime ?? -1,
    indexEnd: idx?.responseEnd ?? -1,
    bodiesStart: bodies?.startTime ?? -1,
    bodiesEnd: bodies?.responseEnd ?? -1,
    bodiesIds: bodies ? decodeURIComponent(bodies.name).split(",").length : 0,
    bodyRequests: res.filter((r) => r.name.includes("/bodies?")).length,
    domContentLoaded: nav.domContentLoadedEventEnd,
  };
}

/**
 * After a `#step-<key>` navigation is ready: watches every frame for up to `watchMs` and returns
 * when the linked step first sat at the top of the list (within 8 px) and focused, where it was at
 * the end, and the step at the top then. Measured from the same clock as `__readyAt`.
 */
export async function deepLinkLanding({
  key,
  watchMs,
}: {
  key: string;
  watchMs: number;
}): Promise<{ landedAt: number | null; finalOffset: number | null; topKey: string | null; readyAt: number }> {
  const w = window as unknown as { __readyAt: number };
  const scroller = document.querySelector<HTMLElement>('[data-testid="step-scroller"]')!;
  const offset = () => {
    const el = document.querySelector<HTMLElement>(`[data-testid="step"][data-step-key="${key}"]`);
    if (!el) return null;
    return Math.round(el.getBoundingClientRect().top - scroller.getBoundingClientRect().top);
  };
  const landed = () => {
    const o = offset();
    const el = document.querySelector(`[data-testid="step"][data-step-key="${key}"]`);
    return o !== null && o >= 0 && o <= 8 && el?.getAttribute("data-focused") === "true";
  };
  let landedAt: number | null = landed() ? w.__readyAt : null;
  const end = performance.now() + watchMs;
  while (performance.now() < end) {
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    // Landing counts from the first frame after which it stays landed.
    if (landed()) landedAt ??= performance.now();
    else landedAt = null;
  }
  const top = [...document.querySelectorAll<HTMLElement>('[data-testid="step"]')].find(
    (el) => el.getBoundingClientRect().bottom > scroller.getBoundingClientRect().top + 1,
  );
  return { landedAt, finalOffset: offset(), topKey: top?.dataset.stepKey ?? null, readyAt: w.__readyAt };
}
