/**
 * Bulk insert with COPY ... FROM STDIN (text format): several times faster than multi-row INSERT
 * for the thousands of step rows one trajectory file can hold, and it runs inside the caller's
 * transaction, so a failed file still writes nothing.
 */
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type CopyValue = string | number | boolean | Date | null | undefined | object;

// PostgreSQL text values cannot hold NUL; it never carries meaning in transcripts, so it is dropped.
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\u0000": "" };

// One pass: step bodies are hundreds of MB per large import.
const escapeText = (s: string) => s.replace(/[\\\t\n\r\u0000]/g, (c) => ESCAPES[c]);

export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "string") return escapeText(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (v instanceof Date) return v.toISOString();
  return escapeText(JSON.stringify(v));
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Streams rows into `table` (columns in the given order). Rows are encoded lazily, in chunks. */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) FROM STDIN`;
  const sink = client.query(copyFrom(sql));
  function* lines() {
    let chunk = "";
    for (const row of rows) {
      chunk += row.map(copyField).join("\t") + "\n";
      if (chunk.length > 256 * 1024) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), sink);
}
