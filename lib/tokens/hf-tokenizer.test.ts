import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { loadHfTokenizer } from "@/lib/tokens/hf-tokenizer";

const FIXTURE_DIR = fileURLToPath(new URL("./fixtures/tiny-bpe", import.meta.url));
const FIXTURE = join(FIXTURE_DIR, "tokenizer.json");
const tmp = mkdtempSync(join(tmpdir(), "limi-hf-tokenizer-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tmpDirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, "case-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

function loadError(path: string): AppError {
  try {
    loadHfTokenizer(path);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`expected ${path} to fail`);
}

describe("Hugging Face tokenizer (tiny BPE fixture)", () => {
  const tok = loadHfTokenizer(FIXTURE);

  it("is identified by the absolute path of its tokenizer.json", () => {
    expect(tok.id).toBe(`hf:${FIXTURE}`);
    expect(loadHfTokenizer(FIXTURE_DIR).id).toBe(`hf:${FIXTURE}`);
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

  it("applies tokenizer_config.json from the same directory", () => {
    // "he\u0301llo" has a combining accent. do_lowercase_and_remove_accent (set in the fixture's
    // config) strips it, giving "hello"; without the config the accent is an unknown token.
    const decomposed = "he\u0301llo";
    expect(tok.count(decomposed)).toBe(1);
    const dir = mkdtempSync(join(tmp, "noconfig-"));
    copyFileSync(FIXTURE, join(dir, "tokenizer.json"));
    expect(loadHfTokenizer(join(dir, "tokenizer.json")).encode?.(decomposed)).toEqual([11, 0, 12, 6]);
  });

  it("fills in component keys a hand-written tokenizer.json leaves out", () => {
    const json = JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, unknown>;
    delete json.normalizer;
    delete json.post_processor;
    delete json.decoder;
    delete json.added_tokens;
    const dir = tmpDirWith({ "tokenizer.json": JSON.stringify(json) });
    const t = loadHfTokenizer(join(dir, "tokenizer.json"));
    expect(t.count("hello world")).toBe(2);
    // Without the Lowercase normalizer "H" is unknown: [UNK], e, ll, o.
    expect(t.encode?.("Hello")).toEqual([0, 4, 12, 6]);
  });
});

describe("Hugging Face tokenizer errors", () => {
  it("names a missing file", () => {
    const missing = join(tmp, "nope", "tokenizer.json");
    const e = loadError(missing);
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toContain(missing);
    expect(e.location?.file).toBe(missing);
  });

  it("names the expected tokenizer.json of a directory that lacks one", () => {
    const dir = tmpDirWith({});
    const e = loadError(dir);
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toContain(join(dir, "tokenizer.json"));
  });

  it("names a file that is not JSON", () => {
    const dir = tmpDirWith({ "tokenizer.json": "{ not json" });
    const e = loadError(join(dir, "tokenizer.json"));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toMatch(/not valid JSON/);
    expect(e.message).toContain(join(dir, "tokenizer.json"));
  });

  it("rejects JSON that is not a tokenizer, saying what is missing", () => {
    const dir = tmpDirWith({ "tokenizer.json": JSON.stringify({ hello: "world" }) });
    const e = loadError(join(dir, "tokenizer.json"));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toContain("not a Hugging Face tokenizer.json");
    expect(e.message).toContain("model");
  });

  it("rejects a BPE model without merges", () => {
    const dir = tmpDirWith({ "tokenizer.json": JSON.stringify({ model: { type: "BPE", vocab: { a: 0 } } }) });
    expect(loadError(join(dir, "tokenizer.json")).message).toContain("merges");
  });

  it("wraps the library's own rejection (unknown component type)", () => {
    const json = JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, unknown>;
    json.pre_tokenizer = { type: "NoSuchPreTokenizer" };
    const dir = tmpDirWith({ "tokenizer.json": JSON.stringify(json) });
    const e = loadError(join(dir, "tokenizer.json"));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toContain("could not be loaded");
    expect(e.message).toContain("NoSuchPreTokenizer");
  });

  it("names a malformed tokenizer_config.json", () => {
    const dir = tmpDirWith({ "tokenizer.json": readFileSync(FIXTURE, "utf8"), "tokenizer_config.json": "[1, 2" });
    const e = loadError(join(dir, "tokenizer.json"));
    expect(e.code).toBe("VALIDATION");
    expect(e.location?.file).toBe(join(dir, "tokenizer_config.json"));

    writeFileSync(join(dir, "tokenizer_config.json"), "[1, 2]");
    expect(loadError(join(dir, "tokenizer.json")).message).toContain("must be a JSON object");
  });

  it("ignores a directory named tokenizer_config.json", () => {
    const dir = tmpDirWith({ "tokenizer.json": readFileSync(FIXTURE, "utf8") });
    mkdirSync(join(dir, "tokenizer_config.json"));
    expect(loadHfTokenizer(dir).count("hello")).toBe(1);
  });
});

describe("Hugging Face tokenizer paths", () => {
  it("treats a path under a regular file as missing", () => {
    const dir = tmpDirWith({ "tokenizer.json": readFileSync(FIXTURE, "utf8") });
    const bogus = join(dir, "tokenizer.json", "tokenizer.json");
    const e = loadError(bogus);
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toBe(`Tokenizer file not found: ${bogus}`);
  });
});
