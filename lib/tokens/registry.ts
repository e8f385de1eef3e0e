/**
 * Tokenizers by spec string, as stored in settings and passed on the command line:
 * `o200k_base` or `hf:/path/to/tokenizer.json` (a model directory works too).
 */
import { resolve } from "node:path";
import { AppError } from "@/lib/errors/app-error";
import { HF_PREFIX, loadHfTokenizer } from "@/lib/tokens/hf-tokenizer";
import { O200K_ID, o200k } from "@/lib/tokens/o200k";
import type { Tokenizer } from "@/lib/tokens/tokenizer";

export const DEFAULT_TOKENIZER_SPEC = O200K_ID;

// Loading an HF tokenizer parses a file of up to tens of MB; do it once per process. Failures
// are not cached, so fixing the file and retrying works without a restart.
const cache = new Map<string, Tokenizer>();

/** Relative `hf:` paths resolve against the working directory; the key is the absolute path so both spellings share one instance. */
function cacheKey(spec: string): string {
  if (spec === O200K_ID) return spec;
  if (spec.startsWith(HF_PREFIX)) {
    const path = spec.slice(HF_PREFIX.length);
    if (path.trim().length === 0)
      throw new AppError("VALIDATION", `Tokenizer spec "${spec}" has no path: use hf:/path/to/tokenizer.json`, {
        location: { field: "tokenizer" },
      });
    return HF_PREFIX + resolve(path);
  }
  throw new AppError("VALIDATION", `Unknown tokenizer "${spec}": use "${O200K_ID}" or "hf:/path/to/tokenizer.json"`, {
    location: { field: "tokenizer" },
  });
}

export function getTokenizer(spec: string = DEFAULT_TOKENIZER_SPEC): Tokenizer {
  const key = cacheKey(spec);
  const hit = cache.get(key);
  if (hit) return hit;
  const tokenizer = key === O200K_ID ? o200k : loadHfTokenizer(key.slice(HF_PREFIX.length));
  cache.set(key, tokenizer);
  return tokenizer;
}

/** Forget loaded HF tokenizers, e.g. after the file on disk changed. */
export function clearTokenizerCache(): void {
  cache.clear();
}
