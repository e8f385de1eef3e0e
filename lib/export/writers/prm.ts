/**
 * `prm`: process labels from the first-error step (the adjudicated one, else a unanimous one; the
 * caller decides and passes its key). One row per sample: the messages up to and including the
 * assistant turn that holds the first error, and `labels` aligned with them — true for assistant
 * turns before it, false for it, null for other roles. Turns after the first error carry no label
 * and are cut (as PRM800K-style first-error labelling does). A sample without a first-error step
 * is skipped and counted.
 */
import type { FormatWriter, PreparedSample } from "@/lib/export/format-writer";
import { toLimiMessages, type LimiMessage } from "@/lib/export/limi-format";
import { writeJsonl } from "@/lib/export/writers/json-files";

export interface PrmRow {
  messages: LimiMessage[];
  labels: Array<boolean | null>;
  tools?: unknown[];
  trajectory_id: string;
  revision: number;
  first_error_step_key: string;
}

/** The assistant turn a step belongs to: its own, or for a result or note, the turn before it. */
function assistantTurnOf(messages: LimiMessage[], messageOf: number[], at: number): number {
  for (let i = at; i >= 0; i--) {
    const mi = messageOf[i];
    if (mi === -1) continue;
    for (let j = mi; j >= 0; j--) if (messages[j].role === "assistant") return j;
    return -1;
  }
  return -1;
}

export function prmRow(p: PreparedSample, skip: (reason: string) => void): PrmRow | null {
  const key = p.sample.firstErrorStepKey;
  if (key === null || key === undefined) {
    skip("no first-error step (none adjudicated, reviewers not unanimous)");
    return null;
  }
  const at = p.sample.steps.findIndex((s) => s.key === key);
  const { messages, messageOf } = toLimiMessages(p.sample.steps);
  const turn = at === -1 ? -1 : assistantTurnOf(messages, messageOf, at);
  if (turn === -1) {
    skip("first-error step before any assistant turn");
    return null;
  }
  const kept = messages.slice(0, turn + 1);
  return {
    messages: kept,
    labels: kept.map((m, i) => (m.role !== "assistant" ? null : i < turn)),
    ...(p.limi.tools.length ? { tools: p.limi.tools } : {}),
    trajectory_id: p.sample.meta.trajectoryId,
    revision: p.sample.meta.revision,
    first_error_step_key: key,
  };
}

export const prmWriter: FormatWriter = {
  format: "prm",
  dataFiles: "data/train.jsonl",
  tags: ["prm", "process-supervision", "tool-use"],
  async write(ctx) {
    return writeJsonl(
      ctx,
      "data/train.jsonl",
      (async function* () {
        for await (const p of ctx.samples("prm")) {
          const row = prmRow(p, (reason) => ctx.skip(reason, p.name));
          if (row) yield row;
        }
      })(),
    );
  },
};
