/**
 * The models folder (`LIMI_MODELS_DIR`): the only place the server reads tokenizers (and, later,
 * chat templates) from. Each sub-folder `<name>/` holding a `tokenizer.json` is a model offered as
 * `hf:<name>`. A request only ever names a model; a path never comes from a request, so nothing
 * outside the folder can be reached, and errors cannot tell a missing file outside it from a present
 * one. Files must be regular files (not devices, FIFOs or folders) under a size cap, and are read
 * with async fs, counting bytes as they come, so a huge or endless file cannot stall the event loop
 * or fill memory. Messages name the model and the file, never their content.
 */
import { constants } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";
import { env } from "@/lib/env";

/** Folder names only: no separators, no dot-dot, nothing that could climb out of the folder. */
export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** tokenizer.json files of real models reach ~35 MB (Gemma); configs with chat templates a few MB. */
export const MODEL_FILE_LIMITS: Record<string, number> = {
  "tokenizer.json": 64 * 1024 * 1024,
  "tokenizer_config.json": 16 * 1024 * 1024,
};

export function modelsDir(): string {
  return env().modelsDir;
}

function modelError(name: string, file: string | undefined, message: string, cause?: unknown): AppError {
  return new AppError("VALIDATION", message, {
    location: { field: "tokenizer", ...(file ? { file: `${name}/${file}` } : {}) },
    cause,
  });
}

export function assertModelName(name: string): void {
  if (!MODEL_NAME.test(name) || name.includes(".."))
    throw modelError(
      name.slice(0, 100),
      undefined,
      `"${name.slice(0, 100)}" is not a model name: use the name of a folder in the models folder (letters, digits, ".", "_", "-")`,
    );
}

/** Regular file inside the model's folder, or null when absent. Anything else is refused by name. */
async function regularFile(name: string, file: string): Promise<{ full: string; size: number } | null> {
  const full = path.join(modelsDir(), name, file);
  let st;
  try {
    st = await stat(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw modelError(name, file, `model "${name}": ${file} cannot be read (${code ?? "error"})`, e);
  }
  if (!st.isFile()) throw modelError(name, file, `model "${name}": ${file} is not a regular file`);
  return { full, size: st.size };
}

/** The names of the model folders that hold a tokenizer.json, sorted. An absent models folder offers none. */
export async function listModels(): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(modelsDir());
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of entries.sort()) {
    if (!MODEL_NAME.test(name) || name.includes("..")) continue;
    try {
      if (await regularFile(name, "tokenizer.json")) out.push(name);
    } catch {
      // A folder with a broken tokenizer.json (a FIFO, unreadable) is not offered.
    }
  }
  return out;
}

/**
 * Reads `<models>/<name>/<file>` as text, or null when the model folder has no such file. Refused:
 * an unknown model, a file that is not regular, a file over its cap (checked before and while
 * reading, so a file that grows or lies about its size still stops at the cap).
 */
export async function readModelFile(name: string, file: keyof typeof MODEL_FILE_LIMITS): Promise<string | null> {
  assertModelName(name);
  const limit = MODEL_FILE_LIMITS[file];
  const found = await regularFile(name, file);
  if (!found) return null;
  if (found.size > limit)
    throw modelError(name, file, `model "${name}": ${file} is larger than ${limit / 1024 / 1024} MB`);
  // O_NONBLOCK: if the file was swapped for a FIFO after the check, opening it does not hang.
  const handle = await open(found.full, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw modelError(name, file, `model "${name}": ${file} is not a regular file`);
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(1024 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit)
        throw modelError(name, file, `model "${name}": ${file} is larger than ${limit / 1024 / 1024} MB`);
      chunks.push(Buffer.from(buf.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } finally {
    await handle.close();
  }
}

/** Parses a model file as JSON; a syntax error is reported without quoting the content. */
export async function readModelJson(name: string, file: keyof typeof MODEL_FILE_LIMITS): Promise<unknown | null> {
  const text = await readModelFile(name, file);
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message quotes the text near the error; keep only where it is.
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : "")?.[1];
    throw modelError(name, file, `model "${name}": ${file} is not valid JSON${at ? ` (at character ${at})` : ""}`, e);
  }
}

/** The models folder path for messages to the operator (CLI, server log), never to API clients. */
export function modelsDirForOperator(): string {
  return path.resolve(modelsDir());
}
