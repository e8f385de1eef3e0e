/**
 * `limi`: `{tools, messages}` with object arguments, as a JSON array (what LIMI's converter
 * wrote) and as parquet with columns `tools` and `messages` (what its preparation wrote and
 * slime reads), both repeated `repeat` times.
 */
import { repeated, type FormatWriter } from "@/lib/export/format-writer";
import { writeJsonArrayOf } from "@/lib/export/writers/json-files";

export const LIMI_COLUMNS = ["tools", "messages"] as const;

export const limiWriter: FormatWriter = {
  format: "limi",
  dataFiles: "data/train.parquet",
  tags: ["sft", "tool-use", "openai-chat"],
  async write(ctx) {
    const times = ctx.options.repeat;
    const rows = await writeJsonArrayOf(
      ctx,
      "data/train.json",
      (async function* () {
        for await (const p of repeated(ctx, "limi json", times)) yield p.json();
      })(),
    );
    // apache-arrow and parquet-wasm are loaded when a parquet file is written, not with the export
    // core: the export's child process starts once per export, and they are most of its start-up.
    const { writeParquet } = await import("@/lib/export/parquet/write-parquet");
    const out = await ctx.open("data/train.parquet");
    const columns = LIMI_COLUMNS.map(
      (c) => [c, ctx.shapes.roots.get(c)!] as [string, NonNullable<ReturnType<typeof ctx.shapes.roots.get>>],
    );
    await writeParquet(
      { columns },
      (async function* () {
        for await (const p of repeated(ctx, "limi parquet", times)) yield p.limi as unknown as Record<string, unknown>;
      })(),
      out,
      ctx.options.rowGroupSize,
    );
    await out.close();
    return rows;
  },
};
