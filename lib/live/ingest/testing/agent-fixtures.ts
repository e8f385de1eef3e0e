/** Tests of the ingest protocol: a project with an admin and an API key, and an agent socket. */
import { randomUUID } from "node:crypto";
import { io as connect, type Socket } from "socket.io-client";
import { createApiKey } from "@/lib/auth/api-keys";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import type { Role } from "@/lib/auth/permissions";
import { AGENT_NAMESPACE } from "@/lib/live/sessions/live-limits";
import type { ParsedStep } from "@/lib/trajectory/types";

export async function agentProject(role: Role = "annotator") {
  const project = await makeProject();
  const admin = await makeMember(project.id, "admin");
  const key = await createApiKey({
    projectId: project.id,
    name: "recorder",
    role,
    creatorId: admin.id,
    creatorRole: "admin",
  });
  return { project, admin, adminCookie: await sessionCookie(admin.id), key };
}

export function agentClient(base: string, token: string): Socket {
  return connect(`${base}${AGENT_NAMESPACE}`, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    auth: { token },
  });
}

export const newSessionId = () => randomUUID();

/** A small agent exchange: question, thinking, a tool call and its result, an answer. */
export function sampleSteps(n = 5): ParsedStep[] {
  const base: ParsedStep[] = [
    { kind: "human", text: "List the files and tell me which is largest." },
    { kind: "reasoning", text: "I should run ls.", hidden: false },
    { kind: "tool_call", callId: "c1", name: "run_shell_command", arguments: { command: "ls -S" } },
    {
      kind: "tool_result",
      callId: "c1",
      name: "run_shell_command",
      output: "big.bin\nsmall.txt",
      isError: false,
      truncated: false,
    },
    { kind: "assistant", text: "big.bin is the largest." },
  ];
  const out: ParsedStep[] = [];
  for (let i = 0; i < n; i++) {
    const s = base[i % base.length];
    out.push(s.kind === "tool_call" || s.kind === "tool_result" ? { ...s, callId: `c${Math.floor(i / 5)}` } : s);
  }
  return out;
}

export const sent = (steps: ParsedStep[], from = 1) => steps.map((step, i) => ({ seq: from + i, step }));
