/**
 * The benchmark's trajectories, made with the import benchmark's generator (bench/import: seeded
 * workspaces, tool calls and realistic outputs) and written as OpenAI-chat JSONL, which the app
 * imports with its own pipeline. That generator sizes sessions by tokens and makes ~250-token steps;
 * the sessions have fewer, bigger steps (152k tokens in ~400), so the script is cut at the
 * step count and its tool outputs are lengthened with more of the same generated content (files
 * read back, test logs) until the file reaches its size.
 */
import path from "node:path";
import { Rng } from "@/bench/import/prng";
import { ScriptGenerator, TokenEstimator, type Script, type ScriptEvent } from "@/bench/import/script";
import { FileSink } from "@/bench/import/sink";
import { writeOpenAIChat } from "@/bench/import/writers";

export interface Generated {
  file: string;
  bytes: number;
}

function stepsOf(e: ScriptEvent): number {
  if (e.t === "human") return 1;
  if (e.t === "final") return 1 + (e.reasoning ? 1 : 0);
  return (e.reasoning ? 1 : 0) + (e.text ? 1 : 0) + 2 * e.uses.length;
}

export function generateSession(
  dir: string,
  name: string,
  opts: { steps: number; bytes: number; seed: number },
): Generated {
  const rng = new Rng(opts.seed);
  const gen = new ScriptGenerator(rng, new TokenEstimator());
  const full = gen.generate(0, opts.steps * 300);
  const events: ScriptEvent[] = [];
  let steps = 0;
  for (const e of full.events) {
    if (e.t === "final" || steps + stepsOf(e) > opts.steps - 2) break;
    events.push(e);
    steps += stepsOf(e);
  }
  const final = full.events.find((e) => e.t === "final");
  if (final) events.push(final);
  const script: Script = { ...full, events };

  // Lengthen outputs round-robin until the serialized session reaches its size.
  const uses = events.flatMap((e) => (e.t === "turn" ? e.uses : []));
  let size = JSON.stringify(events).length;
  for (let i = 0; size < opts.bytes && uses.length; i++) {
    const u = uses[i % uses.length];
    const extra = `\n${gen.content.codeFile(script.ws, rng.int(20, 60))}`;
    u.result.output += extra;
    size += extra.length + 20;
  }
  const file = path.join(dir, `${name}.jsonl`);
  const sink = new FileSink(file);
  writeOpenAIChat(sink, script, rng);
  return { file, bytes: sink.close() };
}
