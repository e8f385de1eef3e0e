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
export async function scrollAndTimeFrames(pxPerFrame: number): Promise<{ frames: number[]; longTasks: number[]; steps: number; domRowsMax: number }> {
  const scroller = document.querySelector<HTMLElement>('[data-testid="step-scroller"]')!;
  const longTasks: number[] = [];
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
  return { frames: frames.slice(1), longTasks, steps: frames.length, domRowsMax };
}

/** The reference: fetching the whole canonical JSON and parsing it, in the same page. */
export async function fetchAndParse(url: string): Promise<{ ms: number; bytes: number; steps: number }> {
  const t = performance.now();
  const res = await fetch(url);
  const text = await res.text();
  const data = JSON.parse(text) as { steps: unknown[] };
  return { ms: performance.now() - t, bytes: text.length, steps: data.steps.length };
}
