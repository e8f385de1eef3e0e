/**
 * For integration tests of synthesis: one stub OpenAI-compatible server for the test file, reset
 * before each test, and the app's environment pointed at it (LLM_BASE_URL, LLM_MODEL).
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { startStubOpenAiServer } from "@/lib/llm/testing/stub-openai-server";

export type StubLlm = Awaited<ReturnType<typeof startStubOpenAiServer>>;

/** Registers the hooks; call at the top of a test file and read `.current` inside tests. */
export function withStubLlm(): { readonly current: StubLlm } {
  const holder: { current: StubLlm | null } = { current: null };
  beforeAll(async () => {
    holder.current = await startStubOpenAiServer();
  });
  afterAll(async () => {
    await holder.current?.close();
    delete process.env.LLM_BASE_URL;
    resetEnvCache();
  });
  beforeEach(() => {
    holder.current!.reset();
    process.env.LLM_BASE_URL = holder.current!.baseUrl;
    process.env.LLM_MODEL = "stub-model";
    resetEnvCache();
  });
  return {
    get current() {
      if (!holder.current) throw new Error("the stub LLM starts in beforeAll; read it inside a test");
      return holder.current;
    },
  };
}
