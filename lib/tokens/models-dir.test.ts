// The models folder is the only place tokenizers are read from: names only, regular files only,
// capped sizes, and errors that never quote a file or tell what exists outside the folder.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { listModels, MODEL_FILE_LIMITS, readModelFile } from "@/lib/tokens/models-dir";
import { clearTokenizerCache, loadTokenizer, normalizeTokenizerSpec } from "@/lib/tokens/registry";

const FIXTURE = fileURLToPath(new URL("./fixtures/tiny-bpe/tokenizer.json", import.meta.url));
const models = mkdtempSync(join(tmpdir(), "limi-models-"));
process.env.LIMI_MODELS_DIR = models;
resetEnvCache();
afterAll(() => rmSync(models, { recursive: true, force: true }));

mkdirSync(join(models, "tiny"));
writeFileSync(join(models, "tiny", "tokenizer.json"), readFileSync(FIXTURE));
mkdirSync(join(models, "empty"));

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string; status?: number };
  }
  throw new Error("expected a failure");
}

describe("models folder", () => {
  it("offers each folder holding a tokenizer.json by name", async () => {
    expect(await listModels()).toEqual(["tiny"]);
    expect((await loadTokenizer("hf:tiny")).id).toBe("hf:tiny");
  });

  it("never takes a path from a request: traversal and absolute paths are refused without touching the disk", async () => {
    for (const spec of [
      "hf:../../etc",
      "hf:..",
      "hf:.hidden",
      "hf:a b",
      "hf:/etc/passwd",
      "hf:/dev/zero",
      "hf:/proc/self/environ",
    ]) {
      const e = await failure(loadTokenizer(spec));
      expect(e.code, spec).toBe("VALIDATION");
      expect(e.message).not.toMatch(/root:|No such file|ENOENT|not found/i);
    }
  });

  it("answers a missing and a present file outside the folder with the same message", async () => {
    const present = await failure(loadTokenizer("hf:/etc/passwd"));
    const missing = await failure(loadTokenizer("hf:/etc/no-such-file-here"));
    expect(present.message.replace("/etc/passwd", "X")).toBe(missing.message.replace("/etc/no-such-file-here", "X"));
    expect(present.message).toContain("LIMI_MODELS_DIR");
  });

  it("maps an old absolute path inside the models folder to its model name", () => {
    expect(normalizeTokenizerSpec(`hf:${join(models, "tiny", "tokenizer.json")}`)).toBe("hf:tiny");
    expect(normalizeTokenizerSpec(`hf:${join(models, "tiny")}`)).toBe("hf:tiny");
    expect(() => normalizeTokenizerSpec(`hf:${join(models, "..", "elsewhere", "tokenizer.json")}`)).toThrow(
      /move the folder/i,
    );
  });

  it("refuses a device or FIFO in place of tokenizer.json without reading it", async () => {
    mkdirSync(join(models, "zero"));
    symlinkSync("/dev/zero", join(models, "zero", "tokenizer.json"));
    mkdirSync(join(models, "fifo"));
    execFileSync("mkfifo", [join(models, "fifo", "tokenizer.json")]);
    clearTokenizerCache();
    for (const name of ["zero", "fifo"]) {
      const e = await failure(loadTokenizer(`hf:${name}`));
      expect(e.code).toBe("VALIDATION");
      expect(e.message).toBe(`model "${name}": tokenizer.json is not a regular file`);
    }
    expect(await listModels()).toEqual(["tiny"]);
  });

  it("refuses a file over the size cap before reading it", async () => {
    mkdirSync(join(models, "huge"));
    const f = join(models, "huge", "tokenizer.json");
    writeFileSync(f, "");
    execFileSync("truncate", ["-s", String(MODEL_FILE_LIMITS["tokenizer.json"] + 1), f]);
    const e = await failure(readModelFile("huge", "tokenizer.json"));
    expect(e.message).toBe('model "huge": tokenizer.json is larger than 64 MB');
  });
});
