/**
 * An in-memory `SynthesisStore` for tests and demos. It refuses a second result for the same PR,
 * so a test that produces a duplicate fails loudly instead of overwriting.
 */
import type { TokenUsage } from "@/lib/llm/chat-client";
import type { SynthesisFlagInfo, SynthesisResultInfo, SynthesisStore } from "@/lib/queries/synthesis/synthesis-batch";
import type { SynthesisOutput } from "@/lib/queries/synthesis/synthesis-prompt";

export interface StoredResult {
  result: SynthesisOutput;
  usage: TokenUsage;
  info: SynthesisResultInfo;
}

export interface StoredFlag {
  reason: string;
  rawOutput: string | null;
  info: SynthesisFlagInfo;
}

export class MemorySynthesisStore implements SynthesisStore {
  readonly results = new Map<string, StoredResult>();
  readonly flags = new Map<string, StoredFlag>();
  /** Every saveResult call, duplicates included (there should be none). */
  readonly saveResultCalls: string[] = [];

  constructor(private readonly opts: { flaggedCountAsDone?: boolean } = {}) {}

  async isDone(prKey: string): Promise<boolean> {
    return this.results.has(prKey) || (this.opts.flaggedCountAsDone === true && this.flags.has(prKey));
  }

  async saveResult(
    prKey: string,
    result: SynthesisOutput,
    usage: TokenUsage,
    info: SynthesisResultInfo,
  ): Promise<void> {
    this.saveResultCalls.push(prKey);
    if (this.results.has(prKey)) throw new Error(`duplicate result for ${prKey}`);
    this.results.set(prKey, { result, usage, info });
    this.flags.delete(prKey);
  }

  async saveFlag(prKey: string, reason: string, rawOutput: string | null, info: SynthesisFlagInfo): Promise<void> {
    this.flags.set(prKey, { reason, rawOutput, info });
  }
}
