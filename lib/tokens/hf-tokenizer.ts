/**
 * A Hugging Face `tokenizer.json` (plus the optional `tokenizer_config.json` beside it) loaded
 * from disk, for counting with the tokenizer of the model a training set targets. Files are only
 * ever read locally: the user points at a model directory they already have.
 */
import { readFileSync, type Stats, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Tokenizer as HfTokenizer } from "@huggingface/tokenizers";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Tokenizer } from "@/lib/tokens/tokenizer";

export const HF_PREFIX = "hf:";

/**
 * Only what the library dereferences without checking: a clear message here beats its
 * "Cannot read properties of undefined". Everything else is passed through untouched.
 */
const TokenizerJsonSchema = z.looseObject({
  model: z
    .looseObject({
      type: z.string().optional(),
      vocab: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
      merges: z.array(z.unknown()).optional(),
    })
    .refine((m) => m.type !== "BPE" || Array.isArray(m.merges), {
      message: "a BPE model needs a merges array",
      path: ["merges"],
    }),
  added_tokens: z.array(z.looseObject({ id: z.number().int().nonnegative(), content: z.string() })).nullish(),
  normalizer: z.unknown().optional(),
  pre_tokenizer: z.unknown().optional(),
  post_processor: z.unknown().optional(),
  decoder: z.unknown().optional(),
});

const TokenizerConfigSchema = z.record(z.string(), z.unknown());

function invalid(file: string, message: string, cause?: unknown): AppError {
  return new AppError("VALIDATION", message, { location: { file }, cause });
}

const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw invalid(file, `Cannot read ${what} ${file}: ${errorMessage(e)}`, e);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw invalid(file, `${what} ${file} is not valid JSON: ${errorMessage(e)}`, e);
  }
}

/** Missing (or under a path component that is a file) is undefined; anything else, e.g. EACCES, is an error naming the path. */
function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw invalid(file, `Cannot access ${file}: ${errorMessage(e)}`, e);
  }
}

/** A directory stands for the `tokenizer.json` inside it, as Hugging Face model folders are laid out. */
function resolveTokenizerFile(path: string): string {
  const abs = resolve(path);
  const stat = statOrUndefined(abs);
  if (!stat) throw invalid(abs, `Tokenizer file not found: ${abs}`);
  if (!stat.isDirectory()) return abs;
  const inside = join(abs, "tokenizer.json");
  if (!statOrUndefined(inside)?.isFile())
    throw invalid(inside, `Tokenizer file not found: ${inside} (the directory ${abs} has no tokenizer.json)`);
  return inside;
}

function readConfig(tokenizerFile: string): Record<string, unknown> {
  const file = join(dirname(tokenizerFile), "tokenizer_config.json");
  if (!statOrUndefined(file)?.isFile()) return {};
  const parsed = TokenizerConfigSchema.safeParse(readJson(file, "Tokenizer config"));
  if (!parsed.success) throw invalid(file, `Tokenizer config ${file} must be a JSON object`);
  return parsed.data;
}

/**
 * Loads and checks the tokenizer eagerly (including one trial tokenization, since some component
 * errors only surface on first use), so a bad file fails when chosen, not midway through an import.
 * Throws AppError VALIDATION naming the offending file.
 */
export function loadHfTokenizer(path: string): Tokenizer {
  const file = resolveTokenizerFile(path);
  const parsed = TokenizerJsonSchema.safeParse(readJson(file, "Tokenizer file"));
  if (!parsed.success)
    throw invalid(file, `Tokenizer file ${file} is not a Hugging Face tokenizer.json: ${describeIssue(parsed.error)}`);
  // The library insists these keys exist (null is fine) although hand-written files often omit them.
  const json = {
    ...parsed.data,
    added_tokens: parsed.data.added_tokens ?? [],
    normalizer: parsed.data.normalizer ?? null,
    pre_tokenizer: parsed.data.pre_tokenizer ?? null,
    post_processor: parsed.data.post_processor ?? null,
    decoder: parsed.data.decoder ?? null,
  };
  const config = readConfig(file);

  let hf: HfTokenizer;
  try {
    hf = new HfTokenizer(json, config);
    hf.tokenize("Hello, world! 123");
  } catch (e) {
    throw invalid(file, `Tokenizer file ${file} could not be loaded: ${errorMessage(e)}`, e);
  }

  return {
    id: `${HF_PREFIX}${file}`,
    // `tokenize` skips the id lookup and attention mask that `encode` builds; both leave out the
    // post-processor's BOS/EOS (add_special_tokens: false), matching o200k's plain-content count.
    // Unlike o200k, an added token written literally in the text ("<|im_start|>") counts as one
    // token: tokenizers.js always matches added tokens, there is no option to treat them as text.
    count: (text) => (text.length === 0 ? 0 : hf.tokenize(text).length),
    encode: (text) => (text.length === 0 ? [] : hf.encode(text, { add_special_tokens: false }).ids),
  };
}
