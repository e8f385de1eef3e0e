/**
 * "Start synthesis" without an LLM (issue 14): disabled, with the reason beside it and tied to it
 * (the e2e server always has its stub LLM, so the server-rendered form is checked here).
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StartRunForm } from "@/components/queries/synthesis/start-run-form";

function render(llmConfigured: boolean) {
  const router = { push() {}, replace() {}, refresh() {}, back() {}, forward() {}, prefetch() {} };
  return renderToStaticMarkup(
    createElement(
      AppRouterContext.Provider,
      { value: router as never },
      createElement(
        QueryClientProvider,
        { client: new QueryClient() },
        createElement(StartRunForm, { slug: "demo", importId: "imp1", kept: 12, llmConfigured }),
      ),
    ),
  );
}

const startButton = (html: string) => html.match(/<button[^>]*data-testid="start-run"[^>]*>/)![0];

describe("StartRunForm", () => {
  it("is disabled without an LLM, and says why next to the button", () => {
    const html = render(false);
    expect(startButton(html)).toContain(` disabled=""`);
    expect(startButton(html)).toContain('aria-describedby="no-llm-reason"');
    expect(html).toContain('id="no-llm-reason"');
    expect(html).toContain("no LLM is configured on this server");
  });

  it("is enabled with an LLM, with no reason shown", () => {
    const html = render(true);
    expect(startButton(html)).not.toContain(` disabled=""`);
    expect(html).not.toContain("no-llm-reason");
  });
});
