/**
 * A Hugging Face `tokenizer.json` (plus the optional `tokenizer_config.json` beside it) from a
 * model folder in LIMI_MODELS_DIR, for counting with the tokenizer of the model a training set
 * targets. Projects name the model (`hf:<name>`); the files are read by lib/tokens/models-dir.ts,
 * which never takes a path from a request. Messages name the model's file, never its content.
 */
import { Tokenizer as HfTokenizer } from "@huggingface/tokenizers";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { readModelJson } from "@/lib/tokens/models-dir";
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
  return new AppError("VALIDATION", message, { location: { field: "tokenizer", file }, cause });
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

/**
 * Loads and checks the model's tokenizer eagerly (including one trial tokenization, since some
 * component errors only surface on first use), so a bad file fails when chosen, not midway through
 * an import. Throws AppError VALIDATION naming the model's file.
 */
export async function loadHfTokenizer(name: string): Promise<Tokenizer> {
  const file = `${name}/tokenizer.json`;
  const raw = await readModelJson(name, "tokenizer.json");
  if (raw === null) throw invalid(file, `model "${name}" has no tokenizer.json in the models folder`);
  const parsed = TokenizerJsonSchema.safeParse(raw);
  if (!parsed.success)
    throw invalid(file, `${file} is not a Hugging Face tokenizer.json: ${describeIssue(parsed.error)}`);
  // The library insists these keys exist (null is fine) although hand-written files often omit them.
  const json = {
    ...parsed.data,
    added_tokens: parsed.data.added_tokens ?? [],
    normalizer: parsed.data.normalizer ?? null,
    pre_tokenizer: parsed.data.pre_tokenizer ?? null,
    post_processor: parsed.data.post_processor ?? null,
    decoder: parsed.data.decoder ?? null,
  };
  const rawConfig = await readModelJson(name, "tokenizer_config.json");
  const config = TokenizerConfigSchema.safeParse(rawConfig ?? {});
  if (!config.success)
    throw invalid(`${name}/tokenizer_config.json`, `${name}/tokenizer_config.json must be a JSON object`);

  let hf: HfTokenizer;
  try {
    hf = new HfTokenizer(json, config.data);
    hf.tokenize("Hello, world! 123");
  } catch (e) {
    // The library's messages may quote vocabulary entries; say only that it failed.
    throw invalid(file, `${file} could not be loaded by the tokenizer library`, e);
  }

  return {
    id: `${HF_PREFIX}${name}`,
    // `tokenize` skips the id lookup and attention mask that `encode` builds; both leave out the
    // post-processor's BOS/EOS (add_special_tokens: false), matching o200k's plain-content count.
    // Unlike o200k, an added token written literally in the text ("<|im_start|>") counts as one
    // token: tokenizers.js always matches added tokens, there is no option to treat them as text.
    count: (text) => (text.length === 0 ? 0 : hf.tokenize(text).length),
    encode: (text) => (text.length === 0 ? [] : hf.encode(text, { add_special_tokens: false }).ids),
  };
}
