/** Imports over the process-wide limit wait their turn and say where they stood in line. */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject } from "@/lib/db/testing/factories";
import { env } from "@/lib/env";
import { importFile } from "@/lib/import/import-file";
import { ImportGate } from "@/lib/import/import-gate";
import { tempFile } from "@/lib/import/testing/temp-files";

const chat = (text: string) =>
  `${JSON.stringify({
    messages: [
      { role: "user", content: text },
      { role: "assistant", content: "ok" },
    ],
  })}\n`;

describe("the import gate", () => {
  it("runs at most IMPORT_MAX_RUNNING imports at once; the others report their place in line", async () => {
    const project = await makeProject();
    const limit = env().IMPORT_MAX_RUNNING;
    const n = limit + 3;
    const files = await Promise.all(
      Array.from({ length: n }, (_, i) => tempFile(`f${i}.jsonl`, chat(`task ${i} ${project.slug}`))),
    );
    const results = await Promise.all(
      files.map((f) => importFile(f, { projectId: project.id, actorId: null, format: "auto" })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(n).fill("imported"));
    expect(results.slice(0, limit).map((r) => r.waited)).toEqual(Array(limit).fill(null));
    expect(results.slice(limit).map((r) => r.waited?.place)).toEqual([1, 2, 3]);
    expect(await db().trajectory.count({ where: { projectId: project.id } })).toBe(n);
  });

  it("never runs more than its limit, and hands slots over in arrival order", async () => {
    const gate = new ImportGate(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        gate.run(async () => {
          running++;
          peak = Math.max(peak, running);
          order.push(i);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(gate.queued).toBe(0);
  });
});
