import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { clearTokenizerCache, DEFAULT_TOKENIZER_SPEC, getTokenizer } from "@/lib/tokens/registry";

const FIXTURE = fileURLToPath(new URL("./fixtures/tiny-bpe/tokenizer.json", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "limi-registry-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => clearTokenizerCache());

function specError(spec: string): AppError {
  try {
    getTokenizer(spec);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`expected ${spec} to fail`);
}

describe("getTokenizer", () => {
  it("defaults to o200k_base", () => {
    expect(DEFAULT_TOKENIZER_SPEC).toBe("o200k_base");
    const t = getTokenizer();
    expect(t.id).toBe("o200k_base");
    expect(t).toBe(getTokenizer("o200k_base"));
    const text = "Counting tokens of a trajectory step.";
    expect(t.count(text)).toBe(encode(text).length);
  });

  it("loads an hf: tokenizer once and shares it between relative and absolute spellings", () => {
    const a = getTokenizer(`hf:${FIXTURE}`);
    expect(a.id).toBe(`hf:${FIXTURE}`);
    expect(a.count("hello world!")).toBe(3);
    expect(getTokenizer(`hf:${FIXTURE}`)).toBe(a);
    expect(getTokenizer(`hf:${relative(process.cwd(), FIXTURE)}`)).toBe(a);
  });

  it("rejects unknown specs with the accepted forms", () => {
    for (const spec of ["cl100k_base", "O200K_BASE", "", "hf"]) {
      const e = specError(spec);
      expect(e.code).toBe("VALIDATION");
      expect(e.message).toContain("o200k_base");
      expect(e.message).toContain("hf:/path/to/tokenizer.json");
    }
  });

  it("rejects hf: without a path", () => {
    expect(specError("hf:").message).toContain("no path");
    expect(specError("hf:  ").code).toBe("VALIDATION");
  });

  it("names the missing file of an hf: spec", () => {
    const missing = join(tmp, "missing", "tokenizer.json");
    const e = specError(`hf:${missing}`);
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toContain(missing);
  });

  it("does not cache failures: a fixed file loads on the next call", () => {
    const file = join(tmp, "tokenizer.json");
    writeFileSync(file, "{ broken");
    expect(specError(`hf:${file}`).message).toContain(file);
    copyFileSync(FIXTURE, file);
    expect(getTokenizer(`hf:${file}`).count("hello")).toBe(1);
  });
});
