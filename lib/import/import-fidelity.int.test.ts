/** Issue 9 through the whole import: what the summaries count, what is stored, and links between files. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject } from "@/lib/db/testing/factories";
import { importFiles } from "@/lib/import/import-files";
import { importFile } from "@/lib/import/import-file";

const FIX = path.resolve(__dirname, "../formats/fixtures/variants");
const fixture = (rel: string) => ({ path: path.join(FIX, rel), name: path.basename(rel) });

describe("import fidelity (issue 9)", () => {
  it("counts a dataset's repeated samples once and says how many repeats there were", async () => {
    const project = await makeProject();
    const r = await importFile(fixture("openai-chat/repeated-samples.jsonl"), {
      projectId: project.id,
      actorId: null,
      format: "auto",
    });
    expect(r.status).toBe("imported");
    // Six lines, three distinct samples.
    expect(r.trajectoryIds).toHaveLength(3);
    expect(new Set(r.trajectoryIds).size).toBe(3);
    expect(r.duplicates).toBe(3);
    expect(r).toMatchObject({ toolCalls: 2, toolResults: 2, humanMessages: 3, steps: 10 });
    expect(r.warnings).toContain("3 trajectory(ies) repeat another of the same file; each is stored and counted once");
    expect(await db().trajectory.count({ where: { projectId: project.id } })).toBe(3);
    // Again: nothing new is stored, every sample is a duplicate, each listed once.
    const again = await importFile(fixture("openai-chat/repeated-samples.jsonl"), {
      projectId: project.id,
      actorId: null,
      format: "auto",
    });
    expect(again).toMatchObject({ status: "duplicate", duplicates: 6 });
    expect(again.trajectoryIds.sort()).toEqual([...r.trajectoryIds].sort());
  });

  it("stores detected failures apart from flagged ones, and the summary's human count is the stored turn count", async () => {
    const project = await makeProject();
    const r = await importFile(fixture("openai-chat/text-failures.jsonl"), {
      projectId: project.id,
      actorId: null,
      format: "auto",
    });
    expect(r).toMatchObject({ failedToolResults: 5, detectedFailedToolResults: 5 });
    const row = await db().trajectory.findUniqueOrThrow({
      where: { id: r.trajectoryId! },
      select: { failedToolCallCount: true, detectedFailedToolCallCount: true, humanTurnCount: true },
    });
    expect(row).toEqual({ failedToolCallCount: 5, detectedFailedToolCallCount: 5, humanTurnCount: r.humanMessages });

    const gemini = await importFile(fixture("gemini-cli/checkpoint-todo-tidy.json"), {
      projectId: project.id,
      actorId: null,
      format: "auto",
    });
    const g = await db().trajectory.findUniqueOrThrow({
      where: { id: gemini.trajectoryId! },
      select: { humanTurnCount: true, title: true },
    });
    expect(g).toEqual({ humanTurnCount: 2, title: "Summarize my todo list" });
    expect(gemini.humanMessages).toBe(2);
  });

  it("imports a live copy whose last line is cut, with the warning in the file's result", async () => {
    const project = await makeProject();
    const r = await importFile(fixture("claude-code/live-copy-cut.jsonl"), {
      projectId: project.id,
      actorId: null,
      format: "auto",
    });
    expect(r.status).toBe("imported");
    expect(r.warnings.some((w) => w.startsWith("line 4 is cut off"))).toBe(true);
  });

  it("links an ATIF parent to its sub-agent trajectory when both are in the same import", async () => {
    const project = await makeProject();
    const results = await importFiles(
      [fixture("atif/terminus-2-hello-world.trajectory.json"), fixture("atif/trajectory.summarization-1-summary.json")],
      { projectId: project.id, actorId: null, format: "auto" },
    );
    expect(results.map((r) => r.status)).toEqual(["imported", "imported"]);
    const [parentId, childId] = results.map((r) => r.trajectoryId!);
    const parent = await db().trajectory.findUniqueOrThrow({ where: { id: parentId }, select: { sourceMeta: true } });
    const child = await db().trajectory.findUniqueOrThrow({ where: { id: childId }, select: { sourceMeta: true } });
    expect(parent.sourceMeta).toMatchObject({
      subagents: [{ sessionId: "a3f0c2d4-terminus-2-hello-world-summarization-1-summary", trajectoryId: childId }],
    });
    expect(child.sourceMeta).toMatchObject({ parentTrajectoryId: parentId });
  });

  it("leaves a reference unlinked when the sub-agent file is not in the import", async () => {
    const project = await makeProject();
    const [r] = await importFiles([fixture("atif/terminus-2-hello-world.trajectory.json")], {
      projectId: project.id,
      actorId: null,
      format: "auto",
    });
    const parent = await db().trajectory.findUniqueOrThrow({
      where: { id: r.trajectoryId! },
      select: { sourceMeta: true },
    });
    expect(parent.sourceMeta).toMatchObject({
      subagents: [{ sessionId: "a3f0c2d4-terminus-2-hello-world-summarization-1-summary", trajectoryId: null }],
    });
  });
});
