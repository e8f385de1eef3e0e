/** Curation-gate test fixtures: a project with members, approved trajectories with tool calls, and a set. */
import { db } from "@/lib/db/client";
import { makeMember, makeProject, makeUser, uid } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import { decide } from "@/lib/review/lead-decision";

export interface TranscriptOptions {
  /** The tool's output (where seeded secrets go). */
  output?: string;
  /** Tool-call arguments. */
  args?: Record<string, unknown>;
  /** Leave the final assistant answer out. */
  noAnswer?: boolean;
}

/** An OpenAI-chat JSONL line: a task, one tool call and its result, an answer. */
export function transcriptLine(o: TranscriptOptions = {}): string {
  const messages: unknown[] = [
    { role: "user", content: `Fix the deployment script ${uid()}` },
    {
      role: "assistant",
      content: "",
      tool_calls: [
        {
          id: "call_1",
          type: "function",
          function: { name: "bash", arguments: JSON.stringify(o.args ?? { command: "cat .env", timeout: 30 }) },
        },
      ],
    },
    { role: "tool", tool_call_id: "call_1", content: o.output ?? "DEBUG=false" },
  ];
  if (!o.noAnswer) messages.push({ role: "assistant", content: "The variable was missing; fixed." });
  return JSON.stringify({ messages });
}

export async function importApproved(projectId: string, leadId: string, o: TranscriptOptions = {}): Promise<string> {
  const r = await importFile(await tempFile(`t-${uid()}.jsonl`, `${transcriptLine(o)}\n`), {
    projectId,
    actorId: leadId,
    format: "auto",
  });
  if (!r.trajectoryId) throw new Error(`fixture import failed: ${r.error?.message}`);
  await decide(
    projectId,
    r.trajectoryId,
    { decision: "override_approve", revisionNumber: 1, reason: "fixture" },
    leadId,
  );
  return r.trajectoryId;
}

export async function gateProject() {
  const project = await makeProject();
  const [annotator, lead, admin, instanceAdmin] = await Promise.all([
    makeMember(project.id, "annotator"),
    makeMember(project.id, "lead"),
    makeMember(project.id, "admin"),
    makeUser({ isAdmin: true }),
  ]);
  return { project, annotator, lead, admin, instanceAdmin };
}

export async function makeSet(
  projectId: string,
  trajectoryIds: string[],
  maxTokensPerSample = 125_000,
): Promise<string> {
  const set = await db().curationSet.create({
    data: { projectId, name: `set ${uid()}`, maxTokensPerSample },
    select: { id: true },
  });
  for (const trajectoryId of trajectoryIds)
    await db().curationItem.create({ data: { setId: set.id, trajectoryId, projectId } });
  return set.id;
}
