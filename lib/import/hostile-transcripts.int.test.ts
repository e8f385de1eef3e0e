/**
 * Transcripts that used to fail with "internal error": NUL characters and unpaired surrogates
 * (imported, made visible, with a warning) and absurdly deep tool arguments (refused, naming where).
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { importFile } from "@/lib/import/import-file";
import { importRowCounts } from "@/lib/import/testing/row-counts";
import { tempFile } from "@/lib/import/testing/temp-files";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import * as revisions from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/revisions/route";

const deep = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;

describe("hostile transcript content", () => {
  it("imports NUL characters and unpaired surrogates visibly replaced, with a warning", async () => {
    const project = await makeProject();
    // JSON escapes: \u0000 is NUL, a lone \ud83d is half an emoji.
    const line = String.raw`{"messages":[{"role":"user","content":"run the binary"},{"role":"assistant","content":"ok \ud83d cut","tool_calls":[{"id":"c1","type":"function","function":{"name":"sh","arguments":"{\"cmd\":\"cat a.out\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"ELF\u0000\u0000\u0001 binary"}]}`;
    const r = await importFile(await tempFile("nul.jsonl", `${line}\n`), {
      projectId: project.id,
      actorId: null,
      format: "auto",
    });
    expect(r.error).toBeNull();
    expect(r.status).toBe("imported");
    expect(r.warnings.join("\n")).toMatch(/replaced 2 NUL character\(s\) with ␀/);
    expect(r.warnings.join("\n")).toMatch(/replaced 1 unpaired UTF-16 surrogate/);
    const head = await readRevision(project.id, r.trajectoryId!);
    const output = head.steps.find((s) => s.kind === "tool_result");
    expect(output?.kind === "tool_result" && output.output).toBe("ELF␀␀\u0001 binary");
    const text = head.steps.find((s) => s.kind === "assistant");
    expect(text?.kind === "assistant" && text.text).toBe("ok \uFFFD cut");
  });

  it("refuses 100,000-deep tool arguments naming the file, line and field, and writes nothing", async () => {
    const project = await makeProject();
    const ok = `{"role":"user","content":"go"}`;
    const call = `{"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function","function":{"name":"sh","arguments":${JSON.stringify(deep(100_000))}}}]}`;
    const before = await importRowCounts();
    const r = await importFile(await tempFile("deep.jsonl", `{"messages":[${ok}]}\n{"messages":[${ok},${call}]}\n`), {
      projectId: project.id,
      actorId: null,
      format: "auto",
    });
    expect(r.status).toBe("rejected");
    expect(r.error?.message).toContain("deep.jsonl");
    expect(r.error?.message).toMatch(/arguments: nested deeper than 100 levels/);
    expect(r.error?.line).toBe(2);
    const after = await importRowCounts();
    expect(after.trajectories).toBe(before.trajectories);
  });

  it("refuses a revision whose tool arguments nest 100,000 deep with a 422 naming the field", async () => {
    const project = await makeProject();
    const ana = await makeMember(project.id, "annotator");
    const r = await importFile(
      await tempFile("t.jsonl", `{"messages":[{"role":"user","content":"task ${project.slug}"}]}\n`),
      { projectId: project.id, actorId: ana.id, format: "auto" },
    );
    const body = `{"baseNumber":1,"reason":"deep","ops":[{"op":"insert","after":null,"step":{"kind":"tool_call","callId":"c1","name":"sh","arguments":${deep(100_000)}}}]}`;
    const res = await callRoute(revisions.POST, {
      method: "POST",
      params: { slug: project.slug, trajectoryId: r.trajectoryId! },
      cookie: await sessionCookie(ana.id),
      body,
    });
    expect(res.status).toBe(422);
    expect(res.json.error?.message).toContain("ops.0.step.arguments");
    expect(res.json.error?.message).toContain("nested deeper than 100 levels");
    const t = await db().trajectory.findUniqueOrThrow({ where: { id: r.trajectoryId! }, select: { headNumber: true } });
    expect(t.headNumber).toBe(1);
  });
});
