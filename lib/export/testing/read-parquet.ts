/** Reads an exported parquet file back with DuckDB, an independent reader (C++, not arrow-js). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

export interface ParquetReadBack {
  columns: Array<{ name: string; type: string }>;
  rows: Array<{ tools: unknown; messages: unknown }>;
  rowGroups: number;
}

export async function readParquetWithDuckDb(bytes: Uint8Array): Promise<ParquetReadBack> {
  const dir = mkdtempSync(join(tmpdir(), "limi-parquet-"));
  const file = join(dir, "train.parquet");
  writeFileSync(file, bytes);
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  try {
    const path = file.replace(/'/g, "''");
    const describe = await con.runAndReadAll(`describe select * from read_parquet('${path}')`);
    const data = await con.runAndReadAll(
      `select to_json(tools)::varchar as tools, to_json(messages)::varchar as messages from read_parquet('${path}')`,
    );
    const groups = await con.runAndReadAll(`select count(distinct row_group_id) from parquet_metadata('${path}')`);
    return {
      columns: describe.getRows().map((r) => ({ name: String(r[0]), type: String(r[1]) })),
      rows: data.getRows().map((r) => ({ tools: JSON.parse(String(r[0])), messages: JSON.parse(String(r[1])) })),
      rowGroups: Number(groups.getRows()[0][0]),
    };
  } finally {
    con.closeSync();
    db.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pyarrow layout reads a key missing from a row back as null: drop nulls to compare with JSON. */
export function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== null)
        .map(([k, x]) => [k, dropNulls(x)]),
    );
  return v;
}
