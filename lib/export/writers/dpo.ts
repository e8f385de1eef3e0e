/**
 * `dpo`: preference pairs from the edits. For every assistant turn of the approved revision whose
 * text or tool calls differ from the turn holding the same step keys in revision 1: chosen = the
 * approved turn, rejected = revision 1's turn, prompt = the approved revision's messages before
 * it (TRL's conversational preference layout, with `tools`). The unit is the turn, not the single
 * step, because a turn is what the model emits in one go; one pair per edited turn.
 */
import type { FormatWriter, PreparedSample } from "@/lib/export/format-writer";
import { toLimiMessages, type LimiMessage } from "@/lib/export/limi-format";
import { writeJsonl } from "@/lib/export/writers/json-files";

type Assistant = Extract<LimiMessage, { role: "assistant" }>;

/** What a DPO pair is about: the text and the calls (names and arguments), not call ids or reasoning. */
const comparable = (m: Assistant) =>
  JSON.stringify([m.content, (m.tool_calls ?? []).map((c) => [c.function.name, c.function.arguments])]);

export interface DpoPair {
  prompt: LimiMessage[];
  chosen: LimiMessage[];
  rejected: LimiMessage[];
  tools?: unknown[];
  trajectory_id: string;
  revision: number;
  step_keys: string[];
}

export function dpoPairs(p: PreparedSample, skip: (reason: string) => void): DpoPair[] {
  const first = p.sample.firstRevisionSteps;
  if (!first) {
    skip("no revision 1 given");
    return [];
  }
  const approved = p.sample.steps;
  const a = toLimiMessages(approved);
  const r = toLimiMessages(first);
  const firstMessageOfKey = new Map<string, number>();
  first.forEach((s, i) => {
    if (r.messageOf[i] !== -1 && !firstMessageOfKey.has(s.key)) firstMessageOfKey.set(s.key, r.messageOf[i]);
  });
  const pairs: DpoPair[] = [];
  a.messages.forEach((m, mi) => {
    if (m.role !== "assistant") return;
    const keys = approved.filter((_, i) => a.messageOf[i] === mi).map((s) => s.key);
    const ri = keys.map((k) => firstMessageOfKey.get(k)).find((x) => x !== undefined);
    const rejected = ri === undefined ? undefined : r.messages[ri];
    if (rejected?.role !== "assistant") {
      if (ri === undefined) skip("assistant turns added after revision 1 (nothing to reject)");
      return;
    }
    if (comparable(m) === comparable(rejected)) return;
    pairs.push({
      prompt: a.messages.slice(0, mi),
      chosen: [m],
      rejected: [rejected],
      ...(p.limi.tools.length ? { tools: p.limi.tools } : {}),
      trajectory_id: p.sample.meta.trajectoryId,
      revision: p.sample.meta.revision,
      step_keys: keys,
    });
  });
  if (pairs.length === 0) skip("samples without an edited assistant turn");
  return pairs;
}

export const dpoWriter: FormatWriter = {
  format: "dpo",
  dataFiles: "data/train.jsonl",
  tags: ["dpo", "preference", "tool-use"],
  async write(ctx) {
    return writeJsonl(
      ctx,
      "data/train.jsonl",
      (async function* () {
        for await (const p of ctx.samples("dpo")) yield* dpoPairs(p, (reason) => ctx.skip(reason, p.name));
      })(),
    );
  },
};
