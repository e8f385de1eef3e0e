/**
 * The chat client the app uses: configured from the validated environment (`LLM_BASE_URL`,
 * `LLM_API_KEY`, `LLM_MODEL`, `LLM_TIMEOUT_MS`). Callers create it before starting work, so a
 * missing configuration is a clear error up front rather than a failure on the first call.
 */
import { AppError } from "@/lib/errors/app-error";
import { env } from "@/lib/env";
import { createChatClient, type ChatClient } from "@/lib/llm/chat-client";

export function chatClientFromEnv(): ChatClient {
  const e = env();
  if (!e.LLM_BASE_URL)
    throw new AppError("VALIDATION", "LLM base URL is not configured (set LLM_BASE_URL)", {
      location: { field: "LLM_BASE_URL" },
    });
  return createChatClient({
    baseUrl: e.LLM_BASE_URL,
    apiKey: e.LLM_API_KEY,
    model: e.LLM_MODEL,
    timeoutMs: e.LLM_TIMEOUT_MS,
  });
}
