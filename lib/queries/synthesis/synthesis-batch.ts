/**
 * Runs query synthesis over a list of PRs: render the prompt, ask the model, check the reply,
 * save it. Results and flags go through a small store interface so the same code runs against
 * Prisma in the app and an in-memory map in tests.
 *
 * Resume is "run again with the same store": a PR the store reports done is skipped, so stopping
 * halfway (abort, crash, deploy) and starting over never synthesises a PR twice. A PR abandoned
 * in flight by an abort is neither saved nor flagged, so the next run does it.
 */
import { AppError, isAppError } from "@/lib/errors/app-error";
import {
  providerFailureOf,
  type ChatClient,
  type ChatMessage,
  type ChatResult,
  type ResponseFormat,
  type TokenUsage,
} from "@/lib/llm/chat-client";
import { prKey, type PullRequest } from "@/lib/queries/pull-requests/pr-types";
import {
  correctionMessage,
  DEFAULT_SYNTHESIS_TEMPLATE,
  parseSynthesisOutput,
  renderPrompt,
  validateTemplate,
  type SynthesisOutput,
} from "@/lib/queries/synthesis/synthesis-prompt";

export interface SynthesisResultInfo {
  pr: PullRequest;
  model: string;
  /** Model calls made for this PR: 1, or 2 when the first reply was unusable. */
  calls: number;
}

export interface SynthesisFlagInfo extends SynthesisResultInfo {
  /** `invalid_output`: the model's reply was unusable twice. `provider_error`: the provider failed after retries. */
  kind: "invalid_output" | "provider_error";
  /** Tokens spent on this PR anyway. */
  usage: TokenUsage;
}

/**
 * Where synthesis results live. Keys are `owner/name#number` (`prKey`). Implementations should
 * make `saveResult` idempotent per key (a unique index) so two concurrent runs cannot duplicate.
 */
export interface SynthesisStore {
  /**
   * True when the PR needs no more work: it has a saved result. Return true for flagged PRs too
   * if a rerun should not retry them.
   */
  isDone(prKey: string): Promise<boolean>;
  /** A validated task, awaiting a person's review. */
  saveResult(prKey: string, result: SynthesisOutput, usage: TokenUsage, info: SynthesisResultInfo): Promise<void>;
  /** A PR that produced no usable task; `rawOutput` is the model's last reply when there was one. */
  saveFlag(prKey: string, reason: string, rawOutput: string | null, info: SynthesisFlagInfo): Promise<void>;
}

export interface Pricing {
  /** USD per million prompt (input) tokens. */
  promptUsdPerMTok: number;
  /** USD per million completion (output) tokens. */
  completionUsdPerMTok: number;
}

export interface SynthesisSummary {
  /** Distinct PRs in the batch. */
  total: number;
  /** Saved as results in this run. */
  done: number;
  /** Already done before this run (resume). */
  skipped: number;
  /** Unusable model output twice; saved as flags. */
  flagged: number;
  /** Provider failures after retries; saved as flags. */
  failed: number;
  /** Not finished because the run was aborted: total − done − skipped − flagged − failed. */
  remaining: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  aborted: boolean;
  /** PRs given more than once in the input; only the first is used. */
  duplicatesIgnored: number;
}

export interface SynthesisProgress {
  prKey: string;
  status: "done" | "skipped" | "flagged" | "failed";
  reason?: string;
  summary: SynthesisSummary;
}

export interface SynthesisBatchOptions {
  prs: readonly PullRequest[];
  client: ChatClient;
  store: SynthesisStore;
  /** Default `DEFAULT_SYNTHESIS_TEMPLATE`. */
  template?: string;
  /** Sent before the rendered template when given. */
  systemPrompt?: string;
  /** Model calls in flight at once. Default 4. */
  concurrency?: number;
  onProgress?: (event: SynthesisProgress) => void;
  /** Stops launching PRs and cancels in-flight calls; the summary then has `aborted: true`. */
  signal?: AbortSignal;
  /** For the estimate in `costUsd`; default 0 (unknown). */
  pricing?: Pricing;
  /** Not sent by default: not every OpenAI-compatible server accepts `response_format`. */
  responseFormat?: ResponseFormat;
  temperature?: number;
  maxTokens?: number;
}

export const MAX_CONCURRENCY = 64;

/**
 * Returns the summary when the batch finishes or is aborted. Throws (after in-flight PRs settle)
 * when continuing would be pointless or unsafe: the store failed, or the provider rejected the
 * configuration (bad key, unknown model or URL), which every later call would repeat.
 */
export async function runSynthesisBatch(opts: SynthesisBatchOptions): Promise<SynthesisSummary> {
  const template = opts.template ?? DEFAULT_SYNTHESIS_TEMPLATE;
  validateTemplate(template);
  const concurrency = opts.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new AppError(
      "VALIDATION",
      `concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${concurrency}`,
      { location: { field: "concurrency" } },
    );
  }
  const pricing = opts.pricing ?? { promptUsdPerMTok: 0, completionUsdPerMTok: 0 };
  if (!(pricing.promptUsdPerMTok >= 0 && pricing.completionUsdPerMTok >= 0)) {
    throw new AppError("VALIDATION", "pricing must be non-negative USD per million tokens", {
      location: { field: "pricing" },
    });
  }

  const seen = new Set<string>();
  const queue: PullRequest[] = [];
  for (const pr of opts.prs) {
    const key = prKey(pr);
    if (seen.has(key)) continue;
    seen.add(key);
    queue.push(pr);
  }

  const tally = { done: 0, skipped: 0, flagged: 0, failed: 0, promptTokens: 0, completionTokens: 0 };
  const { signal, store, client } = opts;
  const summary = (): SynthesisSummary => {
    const finished = tally.done + tally.skipped + tally.flagged + tally.failed;
    const cost =
      (tally.promptTokens * pricing.promptUsdPerMTok + tally.completionTokens * pricing.completionUsdPerMTok) /
      1_000_000;
    return {
      total: queue.length,
      ...tally,
      remaining: queue.length - finished,
      costUsd: Math.round(cost * 1e6) / 1e6,
      aborted: signal?.aborted === true,
      duplicatesIgnored: opts.prs.length - queue.length,
    };
  };
  const report = (key: string, status: SynthesisProgress["status"], reason?: string) => {
    tally[status]++;
    opts.onProgress?.({ prKey: key, status, reason, summary: summary() });
  };
  const spend = (r: ChatResult, usage: TokenUsage) => {
    usage.promptTokens += r.usage.promptTokens;
    usage.completionTokens += r.usage.completionTokens;
    tally.promptTokens += r.usage.promptTokens;
    tally.completionTokens += r.usage.completionTokens;
  };
  const ask = (messages: ChatMessage[]) =>
    client.chat({
      messages,
      responseFormat: opts.responseFormat,
      temperature: opts.temperature,
      maxTokens: opts.maxTokens,
      signal,
    });

  /** Resolves when the PR is settled or abandoned; throws only for errors that must stop the batch. */
  async function processOne(pr: PullRequest): Promise<void> {
    const key = prKey(pr);
    if (await store.isDone(key)) return report(key, "skipped");
    if (signal?.aborted) return;

    const messages: ChatMessage[] = [
      ...(opts.systemPrompt ? [{ role: "system" as const, content: opts.systemPrompt }] : []),
      { role: "user", content: renderPrompt(template, pr) },
    ];
    const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
    const info = (calls: number): SynthesisResultInfo => ({ pr, model: client.model, calls });
    const providerFailed = async (e: unknown, calls: number, rawOutput: string | null) => {
      if (signal?.aborted) return; // abandoned, not failed: the next run redoes it
      const failure = providerFailureOf(e);
      if (!isAppError(e) || !failure || failure.fatal) throw e;
      await store.saveFlag(key, e.message, rawOutput, { ...info(calls), kind: "provider_error", usage });
      report(key, "failed", e.message);
    };

    let reply: ChatResult;
    try {
      reply = await ask(messages);
    } catch (e) {
      return providerFailed(e, 1, null);
    }
    spend(reply, usage);
    let parsed = parseSynthesisOutput(reply.content);
    let calls = 1;
    if (!parsed.ok) {
      if (signal?.aborted) return;
      const problem = describeProblem(parsed.error.message, reply);
      const retryMessages: ChatMessage[] = [
        ...messages,
        { role: "assistant", content: reply.content },
        { role: "user", content: correctionMessage(problem) },
      ];
      const firstContent = reply.content;
      try {
        reply = await ask(retryMessages);
      } catch (e) {
        return providerFailed(e, 2, firstContent);
      }
      calls = 2;
      spend(reply, usage);
      parsed = parseSynthesisOutput(reply.content);
      if (!parsed.ok) {
        const reason = `the model's reply was unusable twice: ${describeProblem(parsed.error.message, reply)}`;
        await store.saveFlag(key, reason, reply.content, { ...info(calls), kind: "invalid_output", usage });
        return report(key, "flagged", reason);
      }
    }
    await store.saveResult(key, parsed.value, usage, info(calls));
    report(key, "done");
  }

  let next = 0;
  let fatal: { error: unknown } | undefined;
  const worker = async () => {
    while (!fatal && !signal?.aborted && next < queue.length) {
      const pr = queue[next++];
      try {
        await processOne(pr);
      } catch (error) {
        // Rethrown below once every worker has stopped, so no write is cut off midway.
        fatal ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  if (fatal) throw fatal.error;
  return summary();
}

function describeProblem(message: string, reply: ChatResult): string {
  return reply.finishReason === "length" ? `${message} (the reply was cut off at the token limit)` : message;
}
