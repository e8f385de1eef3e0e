/** JSON Lines and JSON-array files, one row per line, streamed. */
import type { ExportContext } from "@/lib/export/format-writer";
import { TextWriter } from "@/lib/export/text-writer";

export async function writeJsonl(ctx: ExportContext, path: string, rows: AsyncIterable<unknown>): Promise<number> {
  const out = await ctx.open(path);
  const text = new TextWriter(out);
  let n = 0;
  for await (const row of rows) {
    await text.write(`${JSON.stringify(row)}\n`);
    n++;
  }
  await text.flush();
  await out.close();
  return n;
}

/** A JSON array with one element per line: valid JSON for `json.load`, diff- and grep-friendly. */
export async function writeJsonArray(ctx: ExportContext, path: string, rows: AsyncIterable<unknown>): Promise<number> {
  return writeJsonArrayOf(
    ctx,
    path,
    (async function* () {
      for await (const row of rows) yield JSON.stringify(row);
    })(),
  );
}

/** The same from rows already serialised (the limi writer shares them with the manifest's sha256). */
export async function writeJsonArrayOf(ctx: ExportContext, path: string, rows: AsyncIterable<string>): Promise<number> {
  const out = await ctx.open(path);
  const text = new TextWriter(out);
  let n = 0;
  await text.write("[");
  for await (const row of rows) {
    await text.write(`${n === 0 ? "\n" : ",\n"}${row}`);
    n++;
  }
  await text.write(n === 0 ? "]\n" : "\n]\n");
  await text.flush();
  await out.close();
  return n;
}

/** One JSON document; indented for files people read (dataset_info.json), compact for data. */
export async function writeJsonDocument(
  ctx: ExportContext,
  path: string,
  value: unknown,
  indent: 2 | undefined = 2,
): Promise<void> {
  const out = await ctx.open(path);
  await out.write(Buffer.from(`${JSON.stringify(value, null, indent)}\n`, "utf8"));
  await out.close();
}
