/**
 * `atif`: one ATIF document (Harbor's Agent Trajectory Interchange Format) per sample under
 * `data/atif/`. An agent step holds a turn's reasoning, text and tool calls, and its
 * `observation.results` the calls' results, with `is_error: true` on failed ones (ATIF has no
 * error field of its own; our importer honours this one). Error and meta steps are not carried.
 */
import type { FormatWriter, PreparedSample } from "@/lib/export/format-writer";
import type { ExportStep } from "@/lib/export/types";
import { writeJsonDocument } from "@/lib/export/writers/json-files";

export const ATIF_VERSION = "ATIF-v1.4";

interface AtifResult {
  source_call_id: string;
  content: string;
  is_error: boolean;
}
interface AtifStep {
  step_id: number;
  timestamp?: string;
  source: "system" | "user" | "agent";
  message: string;
  reasoning_content?: string;
  tool_calls?: Array<{ tool_call_id: string; function_name: string; arguments: Record<string, unknown> }>;
  observation?: { results: AtifResult[] };
}

export function atifDocument(p: PreparedSample, note: (what: string) => void): Record<string, unknown> {
  const steps: AtifStep[] = [];
  const owner = new Map<string, AtifStep>();
  let agent: AtifStep | null = null;
  const push = (s: Omit<AtifStep, "step_id">, at: ExportStep): AtifStep => {
    const step = { step_id: steps.length + 1, ...(at.timestamp ? { timestamp: at.timestamp } : {}), ...s } as AtifStep;
    steps.push(step);
    return step;
  };
  for (const s of p.sample.steps) {
    if (s.sidechain) continue;
    switch (s.kind) {
      case "system":
        agent = null;
        push({ source: "system", message: s.text }, s);
        break;
      case "human":
        agent = null;
        push({ source: "user", message: s.text }, s);
        break;
      case "assistant":
      case "reasoning":
      case "tool_call": {
        if (s.kind === "reasoning" && (s.hidden || !s.text)) break;
        // Results close an agent step: whatever the agent does after them is a new step.
        if (!agent || agent.observation) agent = push({ source: "agent", message: "" }, s);
        if (s.kind === "assistant") agent.message = agent.message ? `${agent.message}\n\n${s.text}` : s.text;
        else if (s.kind === "reasoning")
          agent.reasoning_content = agent.reasoning_content ? `${agent.reasoning_content}\n\n${s.text}` : s.text;
        else {
          (agent.tool_calls ??= []).push({
            tool_call_id: s.callId,
            function_name: s.name,
            arguments: s.arguments ?? {},
          });
          owner.set(s.callId, agent);
        }
        break;
      }
      case "tool_result": {
        const target = owner.get(s.callId) ?? agent;
        if (!target) {
          note("tool results without a call, left out");
          break;
        }
        (target.observation ??= { results: [] }).results.push({
          source_call_id: s.callId,
          content: s.output,
          is_error: s.isError,
        });
        break;
      }
      default:
        note(`${s.kind} steps, left out (ATIF has no place for them)`);
    }
  }
  const m = p.sample.meta;
  return {
    schema_version: ATIF_VERSION,
    session_id: m.trajectoryId,
    agent: {
      name: "limi-studio-export",
      version: "1",
      ...(p.limi.tools.length ? { tool_definitions: p.limi.tools } : {}),
    },
    steps,
    extra: { trajectory_id: m.trajectoryId, revision: m.revision },
  };
}

/** File names sort in set order and stay readable. */
export function atifPath(p: PreparedSample): string {
  const safe = p.sample.meta.trajectoryId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);
  return `data/atif/${String(p.index + 1).padStart(5, "0")}-${safe}.json`;
}

export const atifWriter: FormatWriter = {
  format: "atif",
  dataFiles: "data/atif/*.json",
  tags: ["agent-trajectories", "atif", "tool-use"],
  async write(ctx) {
    let n = 0;
    for await (const p of ctx.samples("atif")) {
      await writeJsonDocument(
        ctx,
        atifPath(p),
        atifDocument(p, (what) => ctx.note(what, p.name)),
        undefined,
      );
      n++;
    }
    return n;
  },
};
