import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { resetEnvCache } from "@/lib/env";
import { clearTokenizerCache, DEFAULT_TOKENIZER_SPEC, getTokenizer, loadTokenizer } from "@/lib/tokens/registry";

const FIXTURE = fileURLToPath(new URL("./fixtures/tiny-bpe/tokenizer.json", import.meta.url));
const models = mkdtempSync(join(tmpdir(), "limi-registry-"));
process.env.LIMI_MODELS_DIR = models;
resetEnvCache();
mkdirSync(join(models, "tiny"));
copyFileSync(FIXTURE, join(models, "tiny", "tokenizer.json"));
afterAll(() => rmSync(models, { recursive: true, force: true }));
beforeEach(() => clearTokenizerCache());

async function specError(spec: string): Promise<AppError> {
  try {
    await loadTokenizer(spec);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`expected ${spec} to fail`);
}

describe("loadTokenizer", () => {
  it("defaults to o200k_base, also synchronously", async () => {
    expect(DEFAULT_TOKENIZER_SPEC).toBe("o200k_base");
    const t = await loadTokenizer();
    expect(t.id).toBe("o200k_base");
    expect(t).toBe(getTokenizer("o200k_base"));
    const text = "Counting tokens of a trajectory step.";
    expect(t.count(text)).toBe(encode(text).length);
  });

  it("loads an hf: model once; getTokenizer then has it", async () => {
    const a = await loadTokenizer("hf:tiny");
    expect(a.id).toBe("hf:tiny");
    expect(a.count("hello world!")).toBe(3);
    expect(await loadTokenizer("hf:tiny")).toBe(a);
    expect(getTokenizer("hf:tiny")).toBe(a);
  });

  it("rejects unknown specs with the accepted forms", async () => {
    for (const spec of ["cl100k_base", "O200K_BASE", "", "hf"]) {
      const e = await specError(spec);
      expect(e.code).toBe("VALIDATION");
      expect(e.message).toContain("o200k_base");
      expect(e.message).toContain("hf:<model>");
    }
  });

  it("rejects hf: without a model", async () => {
    expect((await specError("hf:")).message).toContain("names no model");
    expect((await specError("hf:  ")).code).toBe("VALIDATION");
  });

  it("names a model that is not in the models folder", async () => {
    const e = await specError("hf:missing");
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toBe('model "missing" has no tokenizer.json in the models folder');
  });

  it("does not cache failures: a fixed file loads on the next call", async () => {
    mkdirSync(join(models, "fixme"));
    writeFileSync(join(models, "fixme", "tokenizer.json"), "{ broken");
    expect((await specError("hf:fixme")).message).toContain('model "fixme": tokenizer.json is not valid JSON');
    copyFileSync(FIXTURE, join(models, "fixme", "tokenizer.json"));
    expect((await loadTokenizer("hf:fixme")).count("hello")).toBe(1);
  });
});
