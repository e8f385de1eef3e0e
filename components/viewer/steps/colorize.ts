/**
 * Code-like step content coloured by Monaco's own tokenizer (`editor.colorize`), without mounting an
 * editor per step. Monaco is loaded once after the first screen is ready; until then, and for
 * languages it has no colours for, blocks are plain text. Monaco tokenizes on the main thread, so
 * blocks are coloured one at a time in idle time: scrolling never waits for colours. The produced
 * HTML holds only spans with Monaco's classes and escaped text; it is sanitized again to allow
 * exactly that.
 */
import DOMPurify from "dompurify";
import type { Monaco } from "@/components/monaco/load-monaco";

let monaco: Monaco | null = null;
let loading: Promise<Monaco | null> | null = null;
const cache = new Map<string, string>();
const MAX_CACHE = 400;
const MAX_COLORIZE_CHARS = 8_000;
/** Idle time a block needs at least before it is coloured (ms). */
const MIN_IDLE_MS = 8;

interface Job {
  text: string;
  language: string;
  resolve: (html: string | null) => void;
}
const queue: Job[] = [];
let pumping = false;

const idle = (cb: (d: { timeRemaining(): number }) => void) =>
  typeof window.requestIdleCallback === "function"
    ? window.requestIdleCallback(cb, { timeout: 2000 })
    : window.setTimeout(() => cb({ timeRemaining: () => 16 }), 50);

function pump() {
  if (pumping) return;
  pumping = true;
  idle(async (deadline) => {
    while (queue.length && deadline.timeRemaining() > MIN_IDLE_MS) {
      const job = queue.shift()!;
      job.resolve(await colorizeNow(job.text, job.language));
    }
    pumping = false;
    if (queue.length) pump();
  });
}

export function colorizerReady(): boolean {
  return monaco !== null;
}

/** Loads Monaco in the background (idempotent); resolves null when it cannot load. */
export function warmColorizer(): Promise<Monaco | null> {
  loading ??= import("@/components/monaco/load-monaco")
    .then((m) => m.loadMonaco())
    .then((m) => (monaco = m))
    .catch((e: unknown) => {
      // Colours are a nicety: without Monaco the blocks stay plain text, and the editor shows its own error when opened.
      void e;
      return null;
    });
  return loading;
}

export function cachedColorized(text: string, language: string): string | undefined {
  return cache.get(`${language}\u0000${text}`);
}

/** Colours for a block, computed in idle time; null when Monaco is not loaded or the block is too long. */
export function colorize(text: string, language: string): Promise<string | null> {
  if (!monaco || text.length > MAX_COLORIZE_CHARS) return Promise.resolve(null);
  const hit = cache.get(`${language}\u0000${text}`);
  if (hit !== undefined) return Promise.resolve(hit);
  return new Promise((resolve) => {
    queue.push({ text, language, resolve });
    pump();
  });
}

/** Drops queued blocks that scrolled away (their promises resolve null). */
export function cancelColorize(text: string, language: string): void {
  const i = queue.findIndex((j) => j.text === text && j.language === language);
  if (i >= 0) queue.splice(i, 1)[0].resolve(null);
}

async function colorizeNow(text: string, language: string): Promise<string | null> {
  if (!monaco) return null;
  const key = `${language}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const raw = await monaco.editor.colorize(text, language, { tabSize: 2 });
  const safe = DOMPurify.sanitize(raw, { ALLOWED_TAGS: ["span", "br"], ALLOWED_ATTR: ["class"] });
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(key, safe);
  return safe;
}
