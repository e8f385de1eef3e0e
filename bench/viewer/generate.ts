/**
 * The benchmark's trajectories, made with the import benchmark's generator (bench/import: seeded
 * workspaces, tool calls and outputs) and written as OpenAI-chat JSONL, which the app imports with
 * its own pipeline. A session is generated to a token target; the step count follows from it.
 */
import path from "node:path";
import { Rng } from "@/bench/import/prng";
import { ScriptGenerator, TokenEstimator } from "@/bench/import/script";
import { FileSink } from "@/bench/import/sink";
import { writeOpenAIChat } from "@/bench/import/writers";

export interface Generated {
  file: string;
  bytes: number;
}

export function generateSession(dir: string, name: string, targetTokens: number, seed: number): Generated {
  const rng = new Rng(seed);
  const gen = new ScriptGenerator(rng, new TokenEstimator());
  const file = path.join(dir, `${name}.jsonl`);
  const sink = new FileSink(file);
  writeOpenAIChat(sink, gen.generate(0, targetTokens), rng);
  return { file, bytes: sink.close() };
}
