/**
 * A chat template plus the tokenizer that counts what it renders. Built from the contents of a
 * Hugging Face tokenizer folder (`tokenizer.json`, `tokenizer_config.json` with `chat_template`)
 * that the models-folder module has already read and bounded, or from a shipped template with the
 * folder's tokenizer. Nothing here touches the file system; every error names the file.
 */
import { Template } from "@huggingface/jinja";
import { Tokenizer as HfTokenizer } from "@huggingface/tokenizers";
import { AppError } from "@/lib/errors/app-error";
import { BUILTIN_TEMPLATES, isBuiltinTemplate } from "@/lib/export/training-view/builtin-templates";
import { CountCache } from "@/lib/export/training-view/count-cache";

export interface TokenizerFiles {
  /** Contents of `tokenizer.json`. */
  tokenizerJson: string;
  /** Contents of `tokenizer_config.json`, when the folder has one. */
  tokenizerConfig?: string;
}

export interface ChatTemplate {
  /** Stored next to counts made with it, e.g. `folder:glm-4.5` or `builtin:chatml+folder:qwen`. */
  readonly id: string;
  render(messages: readonly unknown[], tools: readonly unknown[] | undefined, addGenerationPrompt: boolean): string;
  /**
   * Tokens of `text` as the trainer tokenizes rendered text: special tokens matched, nothing added.
   * Remembered per text (see CountCache), so keep one ChatTemplate per project and template.
   */
  count(text: string): number;
}

const TOKENIZER_FILE = "tokenizer.json";
const CONFIG_FILE = "tokenizer_config.json";

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const invalid = (file: string, text: string, cause?: unknown) =>
  new AppError("VALIDATION", text, { location: { file }, cause });

function parseObject(text: string, file: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw invalid(file, `${file} is not valid JSON: ${message(e)}`, e);
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) throw invalid(file, `${file} must be a JSON object`);
  return v as Record<string, unknown>;
}

/** `chat_template` is a string, or (newer tokenizers) a list of `{name, template}`; "default" wins. */
function templateSource(config: Record<string, unknown>): string | undefined {
  const t = config.chat_template;
  if (typeof t === "string") return t;
  if (Array.isArray(t)) {
    const named = t.filter(
      (x): x is { name: string; template: string } =>
        !!x && typeof x === "object" && typeof x.name === "string" && typeof x.template === "string",
    );
    return (named.find((x) => x.name === "default") ?? named[0])?.template;
  }
  return undefined;
}

/** Special tokens as template variables (`bos_token`, `eos_token`, …): strings, or AddedToken objects. */
function specialTokens(config: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) {
    if (!k.endsWith("_token")) continue;
    if (typeof v === "string") out[k] = v;
    else if (v && typeof v === "object" && typeof (v as { content?: unknown }).content === "string")
      out[k] = (v as { content: string }).content;
  }
  return out;
}

export function compileTemplate(source: string, file: string): Template {
  try {
    return new Template(source);
  } catch (e) {
    throw invalid(file, `the chat template in ${file} does not parse: ${message(e)}`, e);
  }
}

function loadTokenizer(files: TokenizerFiles, config: Record<string, unknown>): HfTokenizer {
  const json = parseObject(files.tokenizerJson, TOKENIZER_FILE);
  const model = json.model as { vocab?: unknown } | undefined;
  if (!model || typeof model !== "object" || !model.vocab)
    throw invalid(TOKENIZER_FILE, `${TOKENIZER_FILE} is not a Hugging Face tokenizer: it has no model.vocab`);
  // The library insists these keys exist (null is fine); hand-written files often omit them.
  const filled = {
    ...json,
    added_tokens: json.added_tokens ?? [],
    normalizer: json.normalizer ?? null,
    pre_tokenizer: json.pre_tokenizer ?? null,
    post_processor: json.post_processor ?? null,
    decoder: json.decoder ?? null,
  };
  try {
    const tok = new HfTokenizer(filled, config);
    tok.tokenize("Hello, world! 123");
    return tok;
  } catch (e) {
    throw invalid(TOKENIZER_FILE, `${TOKENIZER_FILE} could not be loaded: ${message(e)}`, e);
  }
}

/**
 * `folder` names the tokenizer folder (for the id); `builtin` picks a shipped template instead of
 * the folder's own `chat_template`.
 */
export function loadChatTemplate(files: TokenizerFiles, opts: { folder: string; builtin?: string }): ChatTemplate {
  const config = files.tokenizerConfig === undefined ? {} : parseObject(files.tokenizerConfig, CONFIG_FILE);
  let source: string;
  let id: string;
  let template: Template;
  if (opts.builtin !== undefined) {
    if (!isBuiltinTemplate(opts.builtin))
      throw new AppError(
        "BAD_REQUEST",
        `Unknown chat template "${opts.builtin}"; the app ships ${Object.keys(BUILTIN_TEMPLATES).join(", ")}`,
        { location: { field: "template" } },
      );
    source = BUILTIN_TEMPLATES[opts.builtin].source;
    id = `builtin:${opts.builtin}+folder:${opts.folder}`;
    template = compileTemplate(source, `the shipped template ${opts.builtin}`);
  } else {
    const found = templateSource(config);
    if (found === undefined)
      throw invalid(
        CONFIG_FILE,
        `${files.tokenizerConfig === undefined ? `the folder has no ${CONFIG_FILE}` : `${CONFIG_FILE} has no chat_template`}; choose one of the shipped templates (${Object.keys(BUILTIN_TEMPLATES).join(", ")})`,
      );
    source = found;
    id = `folder:${opts.folder}`;
    template = compileTemplate(source, CONFIG_FILE);
  }
  const tokenizer = loadTokenizer(files, config);
  const specials = specialTokens(config);
  const cache = new CountCache();
  const tokenize = (text: string) => tokenizer.tokenize(text).length;
  return {
    id,
    render: (messages, tools, addGenerationPrompt) =>
      template.render({
        ...specials,
        messages,
        ...(tools && tools.length ? { tools } : {}),
        add_generation_prompt: addGenerationPrompt,
      }),
    count: (text) => (text.length === 0 ? 0 : cache.count(text, tokenize)),
  };
}
