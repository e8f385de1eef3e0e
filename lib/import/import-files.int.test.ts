import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject } from "@/lib/db/testing/factories";
import { importFiles } from "@/lib/import/import-files";
import { importRowCounts } from "@/lib/import/testing/row-counts";
import { tempFile } from "@/lib/import/testing/temp-files";
import { openSource } from "@/lib/import/source-store";

const chat = (text: string) =>
  `${JSON.stringify({
    messages: [
      { role: "user", content: text },
      { role: "assistant", content: `answer to ${text}` },
    ],
  })}\n`;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

describe("importFiles: several files, two at a time", () => {
  it("reports every file in input order, whatever order they finish in", async () => {
    const project = await makeProject();
    // A big first file finishes after the small ones that start beside it.
    const big = await tempFile("big.jsonl", chat(`long task ${"word ".repeat(200_000)}`));
    const small = await Promise.all(["one", "two", "three"].map((n) => tempFile(`${n}.jsonl`, chat(`task ${n}`))));
    const order: string[] = [];
    const results = await importFiles([big, ...small], {
      projectId: project.id,
      actorId: null,
      format: "auto",
      onResult: (r) => order.push(r.file),
    });
    expect(results.map((r) => r.file)).toEqual(["big.jsonl", "one.jsonl", "two.jsonl", "three.jsonl"]);
    expect(order).toEqual(["big.jsonl", "one.jsonl", "two.jsonl", "three.jsonl"]);
    expect(results.map((r) => r.status)).toEqual(["imported", "imported", "imported", "imported"]);
    expect(await db().trajectory.count({ where: { projectId: project.id } })).toBe(4);
  });

  it("imports one of two identical files and reports the other as a duplicate, keeping the original", async () => {
    const project = await makeProject();
    const content = chat("the same task, twice");
    const a = await tempFile("a.jsonl", content);
    const b = await tempFile("b.jsonl", content);
    const results = await importFiles([a, b], { projectId: project.id, actorId: null, format: "auto" });
    expect(results.map((r) => r.status).sort()).toEqual(["duplicate", "imported"]);
    const source = await db().sourceFile.findFirstOrThrow({
      where: { projectId: project.id },
      select: { sha256: true },
    });
    const kept = openSource(source.sha256);
    expect(kept).not.toBeNull();
    expect(await readAll(kept!)).toBe(content);
  });

  it("writes nothing for a rejected file, on disk or in the database, while the others import", async () => {
    const project = await makeProject();
    const good = await tempFile("good.jsonl", chat("a good one"));
    const before = await importRowCounts();
    const bad = await tempFile(
      "bad.jsonl",
      `${chat("fine line").trim()}\n{"messages": [\n${chat("after the bad line")}`,
    );
    const results = await importFiles([bad, good], { projectId: project.id, actorId: null, format: "auto" });
    expect(results[0]).toMatchObject({ file: "bad.jsonl", status: "rejected", error: { line: 2 } });
    expect(results[1]).toMatchObject({ file: "good.jsonl", status: "imported" });
    const after = await importRowCounts();
    // Exactly the good file's rows: one trajectory, its source row and one kept original.
    expect(after.trajectories - before.trajectories).toBe(1);
    expect(after.sources - before.sources).toBe(1);
    expect(after.originals - before.originals).toBe(1);
  });
});
