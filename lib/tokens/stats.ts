/**
 * Token statistics of a trajectory, computed in one pass over its steps with a chosen tokenizer.
 *
 * What is counted:
 * - Each step is charged the tokens of `stepText(step)`; `stepTokens[i]` belongs to `steps[i]`.
 * - `tokensTotal` is the sum of all step tokens. The role buckets (system, human, assistant,
 *   reasoning, tool call, tool output) are by step kind, sub-agent (sidechain) steps included;
 *   error and meta steps land in `tokensOther`, so the buckets always add up to the total.
 * - `toolDefinitionTokens` and `templateOverheadTokens` are NOT part of `tokensTotal`: they are
 *   not step content and the latter is an estimate. `estimatedPromptTokens` adds all three.
 */
import { stepText } from "@/lib/tokens/step-text";
import type { Tokenizer } from "@/lib/tokens/tokenizer";
import type { ParsedStep, ToolDefinition } from "@/lib/trajectory/types";

/**
 * Chat-template overhead is an ESTIMATE. Exact overhead depends on the target model's template
 * (ChatML, Harmony, Llama, Qwen ... differ), which a trajectory does not tell us. We use OpenAI's
 * published rule of thumb (openai-cookbook "How to count tokens with tiktoken"): 3 tokens per
 * message for role markers and delimiters, plus 3 tokens priming the reply
 * (`<|start|>assistant<|message|>`). Every step a template renders as its own message is charged
 * once — system, human, assistant, tool call, tool result, and reasoning that has readable text
 * (Harmony renders reasoning as an analysis-channel message; empty hidden reasoning renders
 * nothing). Error and meta steps are app-side annotations and are not charged.
 */
export const TOKENS_PER_MESSAGE = 3;
export const REPLY_PRIMING_TOKENS = 3;

export interface TokenTotals {
  tokensTotal: number;
  tokensSystem: number;
  tokensHuman: number;
  tokensAssistant: number;
  tokensReasoning: number;
  tokensToolCall: number;
  tokensToolOutput: number;
  /** Error and meta steps. */
  tokensOther: number;
  toolCallCount: number;
  /** tool_result steps with `isError`, flagged by the source or detected from their text. */
  failedToolCallCount: number;
  /** Of `failedToolCallCount`, those only the text heuristic found (`errorSource: "detected"`). */
  detectedFailedToolCallCount: number;
  /** Runs of consecutive human steps on the main thread: a message split into several steps is one turn, and sub-agent prompts (sidechain) are not human turns. */
  humanTurnCount: number;
  /** Including hidden reasoning. */
  reasoningStepCount: number;
  /** Each tool definition counted as its JSON (`JSON.stringify`), summed: how templates such as Qwen's and Llama's render a tool list. */
  toolDefinitionTokens: number;
  /** Estimate, see TOKENS_PER_MESSAGE. */
  templateOverheadTokens: number;
}

export interface TokenStats {
  /** The tokenizer's id, so stored counts are never compared across tokenizers. */
  tokenizer: string;
  /** Aligned with the input steps. */
  stepTokens: number[];
  totals: TokenTotals;
}

/** What is counted, in order: each step's text, then each tool definition as JSON. */
export interface CountTexts {
  steps: string[];
  tools: string[];
}

export function countTexts(steps: readonly ParsedStep[], tools: readonly ToolDefinition[]): CountTexts {
  return { steps: steps.map(stepText), tools: tools.map((t) => JSON.stringify(t)) };
}

export function computeTokenStats(
  steps: readonly ParsedStep[],
  tools: readonly ToolDefinition[],
  tokenizer: Tokenizer,
): TokenStats {
  const texts = countTexts(steps, tools);
  const count = (t: string) => (t.length === 0 ? 0 : tokenizer.count(t));
  return statsFromCounts(steps, texts.steps.map(count), texts.tools.map(count), tokenizer.id);
}

/** The statistics from counts already made (in a worker thread, say) over `countTexts`. */
export function statsFromCounts(
  steps: readonly ParsedStep[],
  stepTokens: readonly number[],
  toolTokens: readonly number[],
  tokenizerId: string,
): TokenStats {
  let system = 0;
  let human = 0;
  let assistant = 0;
  let reasoning = 0;
  let toolCall = 0;
  let toolOutput = 0;
  let other = 0;
  let toolCallCount = 0;
  let failedToolCallCount = 0;
  let detectedFailedToolCallCount = 0;
  let humanTurnCount = 0;
  let reasoningStepCount = 0;
  let messages = 0;
  let prevMainWasHuman = false;

  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const n = stepTokens[i];
    switch (step.kind) {
      case "system":
        system += n;
        messages++;
        break;
      case "human":
        human += n;
        messages++;
        if (!step.sidechain && !prevMainWasHuman) humanTurnCount++;
        break;
      case "assistant":
        assistant += n;
        messages++;
        break;
      case "reasoning":
        reasoning += n;
        reasoningStepCount++;
        // Non-empty text is at least one token: hidden reasoning with no text renders nothing.
        if (n > 0) messages++;
        break;
      case "tool_call":
        toolCall += n;
        toolCallCount++;
        messages++;
        break;
      case "tool_result":
        toolOutput += n;
        messages++;
        if (step.isError) failedToolCallCount++;
        if (step.isError && step.errorSource === "detected") detectedFailedToolCallCount++;
        break;
      default:
        other += n;
    }
    if (!step.sidechain) prevMainWasHuman = step.kind === "human";
  }

  let toolDefinitionTokens = 0;
  for (const n of toolTokens) toolDefinitionTokens += n;

  return {
    tokenizer: tokenizerId,
    stepTokens: [...stepTokens],
    totals: {
      tokensTotal: system + human + assistant + reasoning + toolCall + toolOutput + other,
      tokensSystem: system,
      tokensHuman: human,
      tokensAssistant: assistant,
      tokensReasoning: reasoning,
      tokensToolCall: toolCall,
      tokensToolOutput: toolOutput,
      tokensOther: other,
      toolCallCount,
      failedToolCallCount,
      detectedFailedToolCallCount,
      humanTurnCount,
      reasoningStepCount,
      toolDefinitionTokens,
      templateOverheadTokens: messages === 0 ? 0 : messages * TOKENS_PER_MESSAGE + REPLY_PRIMING_TOKENS,
    },
  };
}

/** Step content + tool definitions + the template estimate: roughly what one training sample of this trajectory costs. */
export function estimatedPromptTokens(totals: TokenTotals): number {
  return totals.tokensTotal + totals.toolDefinitionTokens + totals.templateOverheadTokens;
}
