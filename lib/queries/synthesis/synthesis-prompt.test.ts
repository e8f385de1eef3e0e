import { describe, expect, it } from "vitest";
import { PullRequestSchema } from "@/lib/queries/pull-requests/pr-types";
import {
  DEFAULT_SYNTHESIS_TEMPLATE,
  parseSynthesisOutput,
  renderPrompt,
  validateTemplate,
} from "@/lib/queries/synthesis/synthesis-prompt";

const pr = PullRequestSchema.parse({
  repo: "acme/widgets",
  number: 42,
  title: "Handle {{patch}} in titles",
  body: "Body with {{repo}} inside.",
  patch: "diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-a\n+b\n",
});

const GOOD = {
  query: "Make the exporter write UTC.",
  task_category: "bug fix",
  modified_files: ["src/a.ts"],
  related_files: [],
  reasoning: "Matches the diff.",
};

describe("renderPrompt", () => {
  it("fills every placeholder of the default template", () => {
    const out = renderPrompt(DEFAULT_SYNTHESIS_TEMPLATE, pr);
    expect(out).toContain("Repository: acme/widgets\nPull request: #42\nTitle: Handle {{patch}} in titles");
    expect(out).toContain("Changed files:\n- src/a.ts\n");
    expect(out).toContain("Diff:\ndiff --git a/src/a.ts b/src/a.ts");
    expect(out).toContain('{"query": "...", "task_category": "..."');
  });

  it("inserts values verbatim, never expanding placeholders inside them", () => {
    expect(renderPrompt("{{ title }} | {{body}}", pr)).toBe("Handle {{patch}} in titles | Body with {{repo}} inside.");
  });

  it("fills an absent body with a marker", () => {
    const noBody = PullRequestSchema.parse({ ...pr, body: undefined });
    expect(renderPrompt("[{{body}}]", noBody)).toBe("[(no description)]");
  });

  it("names an unknown placeholder and its line", () => {
    expect(() => renderPrompt("Repo: {{repo}}\nTitle: {{titel}}", pr)).toThrow(
      expect.objectContaining({
        code: "VALIDATION",
        message: expect.stringMatching(
          /^prompt template line 2: unknown placeholder \{\{titel\}\}; allowed: \{\{repo\}\}, /,
        ),
        location: { field: "template", line: 2 },
      }),
    );
  });

  it("rejects an unclosed placeholder but allows }} in example JSON", () => {
    expect(() => validateTemplate("a\nb {{repo\n")).toThrow(/line 2: "\{\{" opens a placeholder that is never closed/);
    expect(() => validateTemplate('Example: {"a": {"b": 1}}\n{{patch}}')).not.toThrow();
    expect(() => validateTemplate("  ")).toThrow(/empty/);
  });
});

describe("parseSynthesisOutput", () => {
  it("accepts plain JSON, a fenced block, a think block and surrounding prose", () => {
    const json = JSON.stringify(GOOD);
    for (const text of [
      json,
      `\`\`\`json\n${json}\n\`\`\``,
      `<think>hmm {not json}</think>\n${json}`,
      `Here it is:\n${json}\nHope that helps.`,
    ]) {
      const r = parseSynthesisOutput(text);
      expect(r).toEqual({ ok: true, value: GOOD });
    }
  });

  it("trims fields and drops unknown keys", () => {
    const r = parseSynthesisOutput(JSON.stringify({ ...GOOD, query: "  Do it.  ", extra: 1 }));
    expect(r.ok && r.value).toEqual({ ...GOOD, query: "Do it." });
  });

  it("says when the reply is empty or not JSON", () => {
    expect(parseSynthesisOutput("  ")).toEqual({ ok: false, error: { kind: "empty", message: "the reply is empty" } });
    const notJson = parseSynthesisOutput("I cannot help with that.");
    expect(notJson).toMatchObject({
      ok: false,
      error: { kind: "not_json", message: expect.stringMatching(/^the reply is not JSON \(starts with "I cannot/) },
    });
    expect(parseSynthesisOutput('{"query": "x",')).toMatchObject({
      ok: false,
      error: { kind: "not_json", message: expect.stringMatching(/not valid JSON/) },
    });
    expect(parseSynthesisOutput("[1, 2]")).toMatchObject({
      ok: false,
      error: { kind: "not_object", message: "the reply is JSON but not an object (got an array)" },
    });
  });

  it("names missing and mistyped fields", () => {
    const noQuery: Partial<typeof GOOD> = { ...GOOD };
    delete noQuery.query;
    expect(parseSynthesisOutput(JSON.stringify(noQuery))).toEqual({
      ok: false,
      error: { kind: "invalid_fields", message: 'field "query" is missing', fields: ["query"] },
    });
    const wrong = parseSynthesisOutput(JSON.stringify({ ...GOOD, modified_files: "src/a.ts", task_category: " " }));
    expect(wrong).toMatchObject({
      ok: false,
      error: { kind: "invalid_fields", fields: ["task_category", "modified_files"] },
    });
    expect(!wrong.ok && wrong.error.message).toMatch(
      /field "task_category" is empty; field "modified_files" has the wrong type \(expected array, received string\)/,
    );
    const none = parseSynthesisOutput(JSON.stringify({ ...GOOD, modified_files: [] }));
    expect(!none.ok && none.error.message).toBe('field "modified_files" must list at least one file');
  });
});
