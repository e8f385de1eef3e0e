/**
 * A small client for OpenAI-compatible `POST {baseUrl}/chat/completions` (OpenAI, vLLM, Ollama,
 * OpenRouter, LiteLLM…). Transient failures (429, 408/409, 5xx, network errors, timeouts,
 * unreadable bodies) are retried with exponential backoff and jitter, honouring `Retry-After`;
 * any other 4xx fails at once with the provider's own message. The API key never appears in an
 * error: it is only ever sent as a header, and is scrubbed from provider messages that echo it.
 */
import { AppError, isAppError } from "@/lib/errors/app-error";
import { o200k } from "@/lib/tokens/o200k";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean } };

export interface ChatRequest {
  messages: ChatMessage[];
  responseFormat?: ResponseFormat;
  temperature?: number;
  maxTokens?: number;
  /** Cancels the request and any wait between retries. */
  signal?: AbortSignal;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResult {
  content: string;
  usage: TokenUsage;
  /** True when the provider reported no usage and it was counted locally (o200k). */
  usageEstimated: boolean;
  finishReason?: string;
  model?: string;
  /** HTTP requests made, retries included. */
  attempts: number;
}

export interface ChatClient {
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatResult>;
}

export interface RetryInfo {
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
  reason: string;
  status?: number;
  /** True when the delay came from the provider's `Retry-After`. */
  fromRetryAfter: boolean;
}

export interface ChatClientOptions {
  baseUrl: string | undefined;
  apiKey?: string;
  model: string | undefined;
  /** Per HTTP request, including reading the body. Default 120 s. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  /** First backoff delay; doubles each retry. Default 1 s. */
  baseDelayMs?: number;
  /** No backoff is longer; a `Retry-After` beyond it fails instead of stalling the batch. Default 60 s. */
  maxDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source, 0 ≤ r < 1. */
  random?: () => number;
  fetch?: typeof fetch;
  onRetry?: (info: RetryInfo) => void;
  /** Extra headers (e.g. OpenRouter's `HTTP-Referer`). */
  headers?: Record<string, string>;
}

/** Why a chat call finally failed; carried in `AppError.details.provider`. */
export interface ProviderFailure {
  kind: "http" | "network" | "timeout" | "bad_response" | "cancelled";
  status?: number;
  attempts: number;
  /** Every later request would fail the same way (bad key, unknown model or URL): stop the batch. */
  fatal: boolean;
}

export function providerFailureOf(e: unknown): ProviderFailure | undefined {
  if (!isAppError(e) || typeof e.details !== "object" || e.details === null || !("provider" in e.details))
    return undefined;
  return (e.details as { provider: ProviderFailure }).provider;
}

const RETRYABLE_STATUS = (s: number) => s === 408 || s === 409 || s === 429 || s >= 500;
const FATAL_STATUS = new Set([401, 403, 404]);

export function createChatClient(opts: ChatClientOptions): ChatClient {
  const url = chatCompletionsUrl(opts.baseUrl);
  const model = opts.model?.trim();
  if (!model)
    throw new AppError("VALIDATION", "LLM model is not configured (set LLM_MODEL)", { location: { field: "model" } });
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const maxRetries = opts.maxRetries ?? 4;
  const baseDelayMs = opts.baseDelayMs ?? 1000;
  const maxDelayMs = opts.maxDelayMs ?? 60_000;
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;
  const fetchImpl = opts.fetch ?? fetch;
  const apiKey = opts.apiKey?.trim() || undefined;
  if (!Number.isInteger(maxRetries) || maxRetries < 0)
    throw new AppError("VALIDATION", `maxRetries must be a whole number ≥ 0, got ${maxRetries}`, {
      location: { field: "maxRetries" },
    });

  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    ...opts.headers,
  };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const scrub = (s: string) => redact(s, apiKey);

  async function attempt(body: string, signal: AbortSignal | undefined): Promise<Outcome> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let status: number;
    let text: string;
    let resHeaders: Headers;
    try {
      const res = await fetchImpl(url, { method: "POST", headers, body, signal: combined });
      status = res.status;
      resHeaders = res.headers;
      text = await res.text();
    } catch (e) {
      if (signal?.aborted) return { type: "fail", kind: "cancelled", message: "the LLM request was cancelled" };
      if (timeout.aborted)
        return { type: "retry", kind: "timeout", message: `no answer from the LLM provider within ${timeoutMs} ms` };
      return {
        type: "retry",
        kind: "network",
        message: `cannot reach the LLM provider at ${url} (${scrub(networkReason(e))})`,
      };
    }

    if (status >= 200 && status < 300) {
      const parsed = parseCompletion(text);
      if (!parsed.ok)
        return {
          type: "retry",
          kind: "bad_response",
          status,
          message: `the LLM provider returned an unreadable response (${parsed.reason})`,
        };
      return { type: "ok", ...parsed.value };
    }
    const providerMessage = scrub(extractProviderMessage(text));
    const message = `the LLM provider answered HTTP ${status}${providerMessage ? `: ${providerMessage}` : ""}`;
    if (RETRYABLE_STATUS(status))
      return { type: "retry", kind: "http", status, message, retryAfterMs: retryAfterMs(resHeaders) };
    return { type: "fail", kind: "http", status, message, fatal: FATAL_STATUS.has(status) };
  }

  async function chat(req: ChatRequest): Promise<ChatResult> {
    const payload: Record<string, unknown> = { model, messages: req.messages };
    if (req.responseFormat) payload.response_format = req.responseFormat;
    if (req.temperature !== undefined) payload.temperature = req.temperature;
    if (req.maxTokens !== undefined) payload.max_tokens = req.maxTokens;
    const body = JSON.stringify(payload);

    for (let n = 1; ; n++) {
      if (req.signal?.aborted)
        throw failure({ type: "fail", kind: "cancelled", message: "the LLM request was cancelled" }, n - 1);
      const out = await attempt(body, req.signal);
      if (out.type === "ok") {
        const usageEstimated = out.usage === undefined;
        const usage = out.usage ?? estimateUsage(req.messages, out.content);
        return {
          content: out.content,
          usage,
          usageEstimated,
          finishReason: out.finishReason,
          model: out.model,
          attempts: n,
        };
      }
      if (out.type === "fail") throw failure(out, n);
      if (n > maxRetries) throw failure({ ...out, message: `${out.message}; gave up after ${n} attempts` }, n);
      let delayMs: number;
      const fromRetryAfter = out.retryAfterMs !== undefined;
      if (out.retryAfterMs !== undefined) {
        if (out.retryAfterMs > maxDelayMs) {
          throw failure(
            {
              ...out,
              message: `${out.message}; the provider asked to retry after ${Math.ceil(out.retryAfterMs / 1000)} s, longer than the ${Math.round(maxDelayMs / 1000)} s limit`,
            },
            n,
          );
        }
        delayMs = out.retryAfterMs;
      } else {
        // "Equal jitter": at least half the exponential step, so delays still grow, while parallel
        // workers that failed together do not retry in lockstep.
        const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
        delayMs = Math.round(step / 2 + random() * (step / 2));
      }
      opts.onRetry?.({ attempt: n, delayMs, reason: out.message, status: out.status, fromRetryAfter });
      try {
        await sleep(delayMs, req.signal);
      } catch (e) {
        if (req.signal?.aborted)
          throw failure({ type: "fail", kind: "cancelled", message: "the LLM request was cancelled" }, n);
        throw e;
      }
    }
  }

  return { model, chat };
}

type Outcome =
  | { type: "ok"; content: string; usage?: TokenUsage; finishReason?: string; model?: string }
  | { type: "retry"; kind: ProviderFailure["kind"]; status?: number; message: string; retryAfterMs?: number }
  | { type: "fail"; kind: ProviderFailure["kind"]; status?: number; message: string; fatal?: boolean };

function failure(out: Exclude<Outcome, { type: "ok" }>, attempts: number): AppError {
  const code =
    out.kind === "http" && out.status === 429
      ? "RATE_LIMITED"
      : out.type === "fail" && out.kind === "http"
        ? "BAD_REQUEST"
        : "UNAVAILABLE";
  const provider: ProviderFailure = {
    kind: out.kind,
    status: out.status,
    attempts,
    fatal: out.type === "fail" && out.fatal === true,
  };
  return new AppError(code, capitalize(out.message), { details: { provider } });
}

export function chatCompletionsUrl(baseUrl: string | undefined): string {
  const raw = baseUrl?.trim();
  if (!raw)
    throw new AppError("VALIDATION", "LLM base URL is not configured (set LLM_BASE_URL)", {
      location: { field: "baseUrl" },
    });
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new AppError(
      "VALIDATION",
      `LLM base URL "${raw}" is not a valid URL (expected e.g. https://api.openai.com/v1)`,
      { location: { field: "baseUrl" } },
    );
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new AppError("VALIDATION", `LLM base URL must use http or https, got ${u.protocol}`, {
      location: { field: "baseUrl" },
    });
  }
  if (u.username || u.password) {
    throw new AppError("VALIDATION", "LLM base URL must not contain credentials; put the key in LLM_API_KEY", {
      location: { field: "baseUrl" },
    });
  }
  const path = u.pathname.replace(/\/+$/, "");
  u.pathname = path.endsWith("/chat/completions") ? path : `${path}/chat/completions`;
  return u.toString();
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function parseCompletion(
  text: string,
): Parsed<{ content: string; usage?: TokenUsage; finishReason?: string; model?: string }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: `not JSON: ${JSON.stringify(text.slice(0, 80))}` };
  }
  if (!isRecord(json) || !Array.isArray(json.choices) || json.choices.length === 0)
    return { ok: false, reason: "no choices in the response" };
  const choice: unknown = json.choices[0];
  if (!isRecord(choice) || !isRecord(choice.message)) return { ok: false, reason: "the first choice has no message" };
  const content = messageText(choice.message.content);
  const u = json.usage;
  const usage =
    isRecord(u) && typeof u.prompt_tokens === "number" && typeof u.completion_tokens === "number"
      ? { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens }
      : undefined;
  return {
    ok: true,
    value: {
      content,
      usage,
      finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : undefined,
      model: typeof json.model === "string" ? json.model : undefined,
    },
  };
}

/** `content` is a string, null (refusal, tool call) or, on some servers, a list of text parts. */
function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content.map((p) => (isRecord(p) && typeof p.text === "string" ? p.text : "")).join("");
  return "";
}

function extractProviderMessage(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: an HTML error page or plain text from a proxy; show its start.
    return text
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 300);
  }
  if (isRecord(json)) {
    const err = json.error;
    if (isRecord(err) && typeof err.message === "string") return err.message.slice(0, 500);
    if (typeof err === "string") return err.slice(0, 500);
    if (typeof json.message === "string") return json.message.slice(0, 500);
    if (typeof json.detail === "string") return json.detail.slice(0, 500);
  }
  return text.slice(0, 300);
}

/** `Retry-After` in seconds or as an HTTP date; OpenAI also sends `retry-after-ms`. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const ra = headers.get("retry-after");
  if (ra === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Math.ceil(Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkReason(e: unknown): string {
  // undici reports "fetch failed" and puts the useful part (ECONNREFUSED…) in `cause`.
  const cause = e instanceof Error ? e.cause : undefined;
  if (isRecord(cause) && typeof cause.code === "string")
    return `${cause.code}${typeof cause.message === "string" ? `: ${cause.message}` : ""}`;
  return e instanceof Error ? e.message : String(e);
}

/** The exact key, and anything shaped like an OpenAI-style secret, never leaves this module. */
export function redact(text: string, apiKey: string | undefined): string {
  let out = apiKey && apiKey.length >= 4 ? text.split(apiKey).join("[redacted]") : text;
  out = out.replace(/\b(sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, "$1-[redacted]");
  return out;
}

function estimateUsage(messages: ChatMessage[], content: string): TokenUsage {
  // ~4 tokens of chat framing per message, as OpenAI documents for its chat format.
  const prompt = messages.reduce((sum, m) => sum + 4 + o200k.count(m.content), 2);
  return { promptTokens: prompt, completionTokens: o200k.count(content) };
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
