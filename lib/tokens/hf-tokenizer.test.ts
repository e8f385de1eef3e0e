import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { resetEnvCache } from "@/lib/env";
import { loadHfTokenizer } from "@/lib/tokens/hf-tokenizer";

const FIXTURE = fileURLToPath(new URL("./fixtures/tiny-bpe/tokenizer.json", import.meta.url));
const FIXTURE_CONFIG = fileURLToPath(new URL("./fixtures/tiny-bpe/tokenizer_config.json", import.meta.url));
// The models folder of these tests: every case is a model folder in it.
const tmp = mkdtempSync(join(tmpdir(), "limi-hf-tokenizer-"));
process.env.LIMI_MODELS_DIR = tmp;
resetEnvCache();
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A model folder with these files; returns its name. */
function modelWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, "case-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return basename(dir);
}

const tiny = modelWith({
  "tokenizer.json": readFileSync(FIXTURE, "utf8"),
  "tokenizer_config.json": readFileSync(FIXTURE_CONFIG, "utf8"),
});

async function loadError(name: string): Promise<AppError> {
  try {
    await loadHfTokenizer(name);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`expected ${name} to fail`);
}

const tok = await loadHfTokenizer(tiny);

describe("Hugging Face tokenizer (tiny BPE fixture)", () => {
  it("is identified by its model name", () => {
    expect(tok.id).toBe(`hf:${tiny}`);
  });

  // Merges: h e, l l, he ll, hell o, w o, wo r, l d, wor ld. Lowercase normalizer, Whitespace pre-tokenizer.
  it.each([
    ["", 0, []],
    ["hello", 1, [14]],
    ["hello world!", 3, [14, 18, 10]],
    ["Hello World", 2, [14, 18]], // lowercased first
    ["hell", 1, [13]],
    ["low", 3, [5, 6, 7]], // no merge applies: l, o, w
    ["xyz", 3, [0, 0, 0]], // one [UNK] per unknown character (fuse_unk: false)
    ["hello  world !!", 4, [14, 18, 10, 10]],
  ] as const)("counts %j as %i tokens", (text, count, ids) => {
    expect(tok.count(text)).toBe(count);
    expect(tok.encode?.(text)).toEqual(ids);
  });

  it("does not add the post-processor's <s> and </s> to a count", () => {
    // The fixture's TemplateProcessing wraps sequences in <s> ... </s> when special tokens are on.
    expect(tok.count("hello")).toBe(1);
  });

  it("matches added tokens written literally in the text", () => {
    expect(tok.encode?.("<s>hello</s>")).toEqual([1, 14, 2]);
    expect(tok.count("<s>hello</s>")).toBe(3);
  });

  it("applies tokenizer_config.json from the same directory", async () => {
    // "he\u0301llo" has a combining accent. do_lowercase_and_remove_accent (set in the fixture's
    // config) strips it, giving "hello"; without the config the accent is an unknown token.
    const decomposed = "he\u0301llo";
    expect(tok.count(decomposed)).toBe(1);
    const dir = mkdtempSync(join(tmp, "noconfig-"));
    copyFileSync(FIXTURE, join(dir, "tokenizer.json"));
    expect((await loadHfTokenizer(basename(dir))).encode?.(decomposed)).toEqual([11, 0, 12, 6]);
  });

  it("fills in component keys a hand-written tokenizer.json leaves out", async () => {
    const json = JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, unknown>;
    delete json.normalizer;
    delete json.post_processor;
    delete json.decoder;
    delete json.added_tokens;
    const t = await loadHfTokenizer(modelWith({ "tokenizer.json": JSON.stringify(json) }));
    expect(t.count("hello world")).toBe(2);
    // Without the Lowercase normalizer "H" is unknown: [UNK], e, ll, o.
    expect(t.encode?.("Hello")).toEqual([0, 4, 12, 6]);
  });
});

describe("Hugging Face tokenizer errors", () => {
  it("names a model without a tokenizer.json", async () => {
    const name = modelWith({});
    const e = await loadError(name);
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toBe(`model "${name}" has no tokenizer.json in the models folder`);
    expect(e.location?.file).toBe(`${name}/tokenizer.json`);
  });

  it("names a file that is not JSON without quoting it", async () => {
    const name = modelWith({ "tokenizer.json": "{ SECRET-CONTENT" });
    const e = await loadError(name);
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toMatch(/tokenizer.json is not valid JSON/);
    expect(e.message).not.toContain("SECRET");
  });

  it("rejects JSON that is not a tokenizer, saying what is missing", async () => {
    const e = await loadError(modelWith({ "tokenizer.json": JSON.stringify({ hello: "world" }) }));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toContain("not a Hugging Face tokenizer.json");
    expect(e.message).toContain("model");
  });

  it("rejects a BPE model without merges", async () => {
    const e = await loadError(
      modelWith({ "tokenizer.json": JSON.stringify({ model: { type: "BPE", vocab: { a: 0 } } }) }),
    );
    expect(e.message).toContain("merges");
  });

  it("wraps the library's own rejection without quoting the file", async () => {
    const json = JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, unknown>;
    json.pre_tokenizer = { type: "NoSuchPreTokenizer" };
    const e = await loadError(modelWith({ "tokenizer.json": JSON.stringify(json) }));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toContain("could not be loaded");
    expect(e.message).not.toContain("NoSuchPreTokenizer");
  });

  it("names a malformed tokenizer_config.json", async () => {
    const name = modelWith({ "tokenizer.json": readFileSync(FIXTURE, "utf8"), "tokenizer_config.json": "[1, 2" });
    const e = await loadError(name);
    expect(e.code).toBe("VALIDATION");
    expect(e.location?.file).toBe(`${name}/tokenizer_config.json`);
    writeFileSync(join(tmp, name, "tokenizer_config.json"), "[1, 2]");
    expect((await loadError(name)).message).toContain("must be a JSON object");
  });

  it("refuses a tokenizer_config.json that is a folder, not a regular file", async () => {
    const name = modelWith({ "tokenizer.json": readFileSync(FIXTURE, "utf8") });
    mkdirSync(join(tmp, name, "tokenizer_config.json"));
    expect((await loadError(name)).message).toContain("not a regular file");
  });
});
