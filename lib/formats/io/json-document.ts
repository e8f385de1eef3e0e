/**
 * Reads a whole-document JSON file under a size cap. A document over the cap is refused before a
 * byte of it is parsed, so a 2 GB mistake cannot take the server down.
 */
import type { FormatInput } from "@/lib/formats/types";
import { parseError } from "@/lib/formats/parse-error";
import { jsonErrorReason, stripBom } from "@/lib/formats/io/json-lines";
import { AppError } from "@/lib/errors/app-error";

export async function readJsonDocument(input: FormatInput, maxBytes: number): Promise<unknown> {
  if (input.size > maxBytes) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `${input.filename}: the JSON document is ${formatBytes(input.size)}, over the ${formatBytes(maxBytes)} limit for whole-document formats; split it or convert it to JSONL`,
      { location: { file: input.filename } },
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of input.open()) chunks.push(chunk as Buffer);
  const text = stripBom(Buffer.concat(chunks).toString("utf8"));
  if (text.trim() === "") throw parseError(input.filename, "the file is empty; expected a JSON document");
  try {
    return JSON.parse(text);
  } catch (e) {
    const { line, offset } = locateJsonError(text, e);
    throw parseError(input.filename, `invalid JSON (${jsonErrorReason(e)})`, line ? { line } : { offset });
  }
}

/**
 * Maps V8's JSON.parse error to a 1-based line and byte offset, so messages can say where. Most
 * messages carry "at position N"; "Unexpected token" ones carry only a quoted excerpt around the
 * bad token, which is searched for in the text instead.
 */
export function locateJsonError(text: string, e: unknown): { line?: number; offset?: number } {
  const message = e instanceof Error ? e.message : "";
  const at = /position (\d+)/.exec(message);
  let pos: number | null = at ? Number(at[1]) : null;
  if (pos === null) {
    // V8 quotes the text around the bad token, 10 characters each side, with "..." where it cut.
    const m = /Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON/.exec(message);
    if (m) {
      const [, token, cutLeft, excerpt, cutRight] = m;
      const start = text.indexOf(excerpt);
      const inExcerpt = cutLeft ? 10 : cutRight ? excerpt.length - 10 - 1 : excerpt.lastIndexOf(token);
      if (start >= 0 && inExcerpt >= 0) pos = start + inExcerpt;
    }
  }
  if (pos === null) {
    // "Unexpected end of JSON input": the document was cut short.
    return { line: text.split("\n").length, offset: Buffer.byteLength(text) };
  }
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return { line, offset: Buffer.byteLength(text.slice(0, pos)) };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
