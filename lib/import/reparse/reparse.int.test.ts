/**
 * Re-parse: originals imported by an older reading (simulated by forcing the chat reader on a
 * mini-swe-agent plain-list file, which is what the importer did before issue 9) are read again
 * with the current importer as a background job.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { runPendingJobs } from "@/lib/jobs/job-worker";
import "@/lib/server/job-kinds";
import { reparseStatus, startReparse } from "@/lib/import/reparse/start-reparse";
import { reparseProject } from "@/lib/import/reparse/reparse-project";
import { listRevisions, saveRevision } from "@/lib/trajectory/revisions";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import { tempFile } from "@/lib/import/testing/temp-files";
import { readFile } from "node:fs/promises";
import { AppError } from "@/lib/errors/app-error";

const FIX = path.resolve(__dirname, "../../formats/fixtures");
const PLAIN = path.join(FIX, "variants/mini-swe-agent/pallets__text-214.traj.json");

/** The same plain-list trajectory under another task, so two distinct originals exist. */
async function plainCopy(task: string) {
  const doc = JSON.parse(await readFile(PLAIN, "utf8")) as { role: string; content: string }[];
  doc[1].content = doc[1].content.replace("keeps trailing dashes", task);
  return tempFile(`${task.replace(/\W+/g, "-")}.traj.json`, JSON.stringify(doc, null, 2));
}

async function oldImport(projectId: string, file: { path: string; name: string }) {
  // The chat reader is what auto-detection chose before the plain-list layout was known.
  const r = await importFile(file, { projectId, actorId: null, format: "openai-chat" });
  expect(r.status).toBe("imported");
  return r.trajectoryId!;
}

describe("re-parse a project's kept originals", () => {
  it("gives an unedited trajectory a 're-parsed' revision and lists an edited one for a person", async () => {
    const project = await makeProject();
    const lead = await makeMember(project.id, "lead");
    const fresh = await oldImport(project.id, await plainCopy("keeps trailing dashes in titles"));
    const edited = await oldImport(project.id, await plainCopy("keeps trailing dashes in slugs"));
    const same = (
      await importFile(
        { path: path.join(FIX, "claude-code/session.jsonl"), name: "session.jsonl" },
        {
          projectId: project.id,
          actorId: null,
          format: "auto",
        },
      )
    ).trajectoryId!;
    const before = await db().trajectory.findUniqueOrThrow({
      where: { id: fresh },
      select: { format: true, toolCallCount: true, humanTurnCount: true },
    });
    // What the old reading made of it: no tool calls, every observation a human turn.
    expect(before).toEqual({ format: "openai-chat", toolCallCount: 0, humanTurnCount: 5 });

    // A person edits the second one.
    const rev1 = await readRevision(project.id, edited, 1);
    await saveRevision(
      project.id,
      edited,
      {
        baseNumber: 1,
        reason: "trim the system prompt",
        ops: [{ op: "update", key: rev1.steps[0].key, step: { kind: "system", text: "You are helpful." } }],
      },
      { id: lead.id, name: "Lead" },
    );

    const { job } = await startReparse(project.id, { userId: lead.id });
    expect(job.status).toBe("queued");
    // One at a time per project.
    await expect(startReparse(project.id, { userId: lead.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await runPendingJobs()).toBeGreaterThanOrEqual(1);

    const status = await reparseStatus(project.id);
    expect(status.job).toMatchObject({ status: "done", progress: 3, total: 3 });
    const report = status.job!.report!;
    expect(report).toMatchObject({ files: 3, trajectories: 3, unchanged: 1, unmatched: [], failed: [] });

    // The unedited one: a new revision saying what changed, statistics of the new parse.
    expect(report.reparsed.map((r) => [r.trajectoryId, r.revision])).toEqual([[fresh, 2]]);
    const revs = await listRevisions(project.id, fresh);
    const last = revs.find((r) => r.number === 2)!;
    expect(last.reason).toMatch(
      /^re-parsed with the current importer: human messages 5 → 1, tool calls 0 → 4, tool results 0 → 4, failed results 0 → 1, .*format openai-chat → mini-swe-agent/,
    );
    const after = await db().trajectory.findUniqueOrThrow({
      where: { id: fresh },
      select: { format: true, toolCallCount: true, humanTurnCount: true, headNumber: true, failedToolCallCount: true },
    });
    expect(after).toEqual({
      format: "mini-swe-agent",
      toolCallCount: 4,
      humanTurnCount: 1,
      headNumber: 2,
      failedToolCallCount: 1,
    });
    // Revision 1, the imported original, is untouched.
    expect((await readRevision(project.id, fresh, 1)).steps.some((s) => s.kind === "tool_call")).toBe(false);

    // The edited one: left alone, listed with what the new parse would change.
    expect(report.needsDecision.map((r) => [r.trajectoryId, r.headNumber])).toEqual([[edited, 2]]);
    expect(report.needsDecision[0].summary).toMatch(/tool calls 0 → 4/);
    expect(
      await db().trajectory.findUniqueOrThrow({ where: { id: edited }, select: { headNumber: true, format: true } }),
    ).toEqual({
      headNumber: 2,
      format: "openai-chat",
    });
    expect(
      (await db().trajectory.findUniqueOrThrow({ where: { id: same }, select: { headNumber: true } })).headNumber,
    ).toBe(1);

    // Audited: the start, and the re-parse of the trajectory.
    const audit = await db().auditLog.findMany({
      where: { projectId: project.id },
      select: { action: true, targetId: true },
    });
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "import.reparse.start", targetId: job.id },
        { action: "trajectory.reparse", targetId: fresh },
      ]),
    );

    // Running it again changes nothing: the re-parsed revision is not a person's edit.
    const again = await reparseProject({ projectId: project.id, actorId: lead.id });
    expect(again).toMatchObject({ unchanged: 2, reparsed: [] });
    expect(again.needsDecision.map((r) => r.trajectoryId)).toEqual([edited]);
  });

  it("refuses a project with no kept originals", async () => {
    const project = await makeProject();
    const lead = await makeMember(project.id, "lead");
    const e = await startReparse(project.id, { userId: lead.id }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: "VALIDATION" });
  });

  it("rejects job parameters that do not validate", async () => {
    await expect(reparseProject({ projectId: "" })).rejects.toThrow();
  });
});
