/** Several uploads at once of different files holding the same trajectories: one imports, the others are duplicates. */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";

const chat = (text: string) =>
  JSON.stringify({
    messages: [
      { role: "user", content: text },
      { role: "assistant", content: `answer to ${text}` },
    ],
  });

describe("concurrent imports of the same content", () => {
  it("imports a trajectory once and reports the other files as duplicates, never an internal error", async () => {
    const project = await makeProject();
    const lines = ["first task", "second task", "third task"].map(chat);
    // Different bytes (so different kept originals), the same trajectories on the same lines.
    const files = await Promise.all(
      ["", "\n", "\n\n", " ", "\t\n", "  \n"].map((tail, i) => tempFile(`f${i}.jsonl`, `${lines.join("\n")}\n${tail}`)),
    );
    const results = await Promise.all(
      files.map((f) => importFile(f, { projectId: project.id, actorId: null, format: "auto" })),
    );
    for (const r of results) expect(r.error, r.file).toBeNull();
    expect(results.filter((r) => r.status === "imported").length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === "imported" || r.status === "duplicate")).toBe(true);
    expect(await db().trajectory.count({ where: { projectId: project.id } })).toBe(3);
    // Every file names the three trajectories, whichever import stored them.
    const ids = await db().trajectory.findMany({ where: { projectId: project.id }, select: { id: true } });
    for (const r of results) expect([...r.trajectoryIds].sort()).toEqual(ids.map((t) => t.id).sort());
  });

  it("does not deadlock when two files hold the same trajectories in opposite orders", async () => {
    const project = await makeProject();
    // A JSON array (ShareGPT) records no line numbers, so the same conversation is the same content wherever it stands.
    const convs = Array.from({ length: 40 }, (_, i) => ({
      conversations: [
        { from: "human", value: `task ${i} of ${project.slug}` },
        { from: "gpt", value: `done ${i}` },
      ],
    }));
    const files = await Promise.all([
      tempFile("forward.json", JSON.stringify(convs)),
      tempFile("backward.json", JSON.stringify([...convs].reverse())),
      tempFile("forward-again.json", `${JSON.stringify(convs)}\n`),
      tempFile("backward-again.json", `${JSON.stringify([...convs].reverse())}\n`),
    ]);
    const results = await Promise.all(
      files.map((f) => importFile(f, { projectId: project.id, actorId: null, format: "auto" })),
    );
    for (const r of results) expect(r.error, r.file).toBeNull();
    expect(await db().trajectory.count({ where: { projectId: project.id } })).toBe(40);
    for (const r of results) expect(new Set(r.trajectoryIds).size, r.file).toBe(40);
  });
});
