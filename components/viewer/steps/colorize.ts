/**
 * Code-like step content coloured by Monaco's own tokenizer (`editor.colorize`), without mounting an
 * editor per step. Monaco is loaded once after the first screen is ready; until then, and for
 * languages it has no colours for, blocks are plain text. The produced HTML holds only spans with
 * Monaco's classes and escaped text; it is sanitized again to allow exactly that.
 */
import DOMPurify from "dompurify";
import type { Monaco } from "@/components/monaco/load-monaco";

let monaco: Monaco | null = null;
let loading: Promise<Monaco | null> | null = null;
const cache = new Map<string, string>();
const MAX_CACHE = 400;
const MAX_COLORIZE_CHARS = 20_000;

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

export async function colorize(text: string, language: string): Promise<string | null> {
  if (!monaco || text.length > MAX_COLORIZE_CHARS) return null;
  const key = `${language}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const raw = await monaco.editor.colorize(text, language, { tabSize: 2 });
  const safe = DOMPurify.sanitize(raw, { ALLOWED_TAGS: ["span", "br"], ALLOWED_ATTR: ["class"] });
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(key, safe);
  return safe;
}
