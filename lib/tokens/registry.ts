/**
 * Tokenizers by spec string, as stored in settings and passed on the command line: `o200k_base`
 * or `hf:<model>` (a folder of LIMI_MODELS_DIR holding a tokenizer.json). Settings written before
 * models were named (`hf:/absolute/path`) are mapped to their model when the path lies in the
 * models folder (lib/tokens/legacy-tokenizer-specs.ts), else refused with how to move the files.
 */
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";
import { HF_PREFIX, loadHfTokenizer } from "@/lib/tokens/hf-tokenizer";
import { assertModelName, modelsDir } from "@/lib/tokens/models-dir";
import { O200K_ID, o200k } from "@/lib/tokens/o200k";
import type { Tokenizer } from "@/lib/tokens/tokenizer";

export const DEFAULT_TOKENIZER_SPEC = O200K_ID;

// Loading an HF tokenizer parses a file of up to tens of MB; do it once per process. Failures
// are not cached, so fixing the file and retrying works without a restart.
const cache = new Map<string, Tokenizer>();
const loading = new Map<string, Promise<Tokenizer>>();

const USAGE = `use "${O200K_ID}" or "hf:<model>" (a folder of the models folder holding tokenizer.json)`;

function specError(message: string): AppError {
  return new AppError("VALIDATION", message, { location: { field: "tokenizer" } });
}

/**
 * The model a legacy `hf:/path` spec points at when the path lies inside the models folder
 * (`<models>/<name>`, `<models>/<name>/tokenizer.json`), else null.
 */
export function legacyPathToModel(p: string): string | null {
  const rel = path.relative(modelsDir(), path.resolve(p));
  if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  if (parts.length === 1 || (parts.length === 2 && parts[1] === "tokenizer.json")) return parts[0];
  return null;
}

/** The canonical spec (`o200k_base` or `hf:<model>`); throws VALIDATION with the accepted forms. */
export function normalizeTokenizerSpec(spec: string): string {
  if (spec === O200K_ID) return spec;
  if (!spec.startsWith(HF_PREFIX)) throw specError(`Unknown tokenizer "${spec.slice(0, 100)}": ${USAGE}`);
  const rest = spec.slice(HF_PREFIX.length).trim();
  if (!rest) throw specError(`Tokenizer spec "${spec}" names no model: ${USAGE}`);
  if (rest.includes("/") || rest.includes("\\")) {
    const model = legacyPathToModel(rest);
    if (model) return HF_PREFIX + model;
    throw specError(
      `Tokenizer "${spec.slice(0, 200)}" is a path; tokenizers are now chosen by model name. Move the folder holding ` +
        `tokenizer.json (and tokenizer_config.json) into the models folder (LIMI_MODELS_DIR) as <name>/ and choose "hf:<name>" in Settings`,
    );
  }
  assertModelName(rest);
  return HF_PREFIX + rest;
}

/** The tokenizer of a spec, loaded once (files read asynchronously, size-capped). */
export async function loadTokenizer(spec: string = DEFAULT_TOKENIZER_SPEC): Promise<Tokenizer> {
  const key = normalizeTokenizerSpec(spec);
  if (key === O200K_ID) return o200k;
  const hit = cache.get(key);
  if (hit) return hit;
  let pending = loading.get(key);
  if (!pending) {
    pending = loadHfTokenizer(key.slice(HF_PREFIX.length));
    loading.set(key, pending);
    pending.then(
      (t) => {
        cache.set(key, t);
        loading.delete(key);
      },
      () => loading.delete(key),
    );
  }
  return pending;
}

/**
 * The tokenizer of a spec that needs no file (o200k_base), or one already loaded by
 * `loadTokenizer`. Synchronous code paths (the demo, benchmarks) use it.
 */
export function getTokenizer(spec: string = DEFAULT_TOKENIZER_SPEC): Tokenizer {
  const key = normalizeTokenizerSpec(spec);
  if (key === O200K_ID) return o200k;
  const hit = cache.get(key);
  if (!hit) throw new AppError("INTERNAL", `tokenizer ${key} is not loaded yet: call loadTokenizer first`);
  return hit;
}

/** Forget loaded HF tokenizers, e.g. after the file on disk changed. */
export function clearTokenizerCache(): void {
  cache.clear();
}
