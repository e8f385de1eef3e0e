import { describe, expect, it } from "vitest";
import { validateSamples, type ValidationRule } from "@/lib/curation/gate/validation/rules";
import { sampleOf } from "@/lib/curation/gate/testing/seeded-secrets";
import type { CheckSample } from "@/lib/curation/gate/sample";
import type { CanonicalStep } from "@/lib/trajectory/types";

const OPTS = { maxTokensPerSample: 125_000 };
const rules = (samples: CheckSample[], opts = OPTS) =>
  validateSamples(samples, opts).map((f) => f.rule as ValidationRule);
const withSteps = (s: CheckSample, steps: CanonicalStep[]): CheckSample => ({ ...s, steps });

describe("validation rules", () => {
  it("passes a well-formed set", () => {
    expect(rules([sampleOf(["a"]), sampleOf(["b", "c"])])).toEqual([]);
  });

  it("arguments-object: a call whose arguments did not parse as an object", () => {
    const s = sampleOf(["a"]);
    const bad = withSteps(
      s,
      s.steps.map((x) => (x.kind === "tool_call" ? { ...x, arguments: null, argumentsRaw: "ls -la" } : x)),
    );
    const [f] = validateSamples([bad], OPTS);
    expect(f).toMatchObject({ rule: "arguments-object", stepKey: "s1", stepIndex: 1, trajectoryId: s.trajectoryId });
    expect(f.message).toContain('"ls -la"');
    expect(rules([s])).toEqual([]);
  });

  it("call-without-result and result-without-call", () => {
    const s = sampleOf(["a"]);
    const noResult = withSteps(
      s,
      s.steps.filter((x) => x.kind !== "tool_result"),
    );
    // The call then also ends the assistant turn, which the ends-with-assistant rule reports on its own.
    expect(validateSamples([noResult], OPTS).map((f) => [f.rule, f.stepKey])).toContainEqual([
      "call-without-result",
      "s1",
    ]);
    const noCall = withSteps(
      s,
      s.steps.filter((x) => x.kind !== "tool_call"),
    );
    expect(validateSamples([noCall], OPTS).map((f) => [f.rule, f.stepKey])).toEqual([["result-without-call", "s2"]]);
    expect(rules([s])).toEqual([]);
  });

  it("argument-type: one type per argument name across the set, integer and fraction differ", () => {
    const ints = [1, 2, 3].map((i) => sampleOf([`out ${i}`], { args: { command: "ls", timeout: 30 } }));
    const fraction = sampleOf(["a"], { args: { command: "ls", timeout: 2.5 } });
    const text = sampleOf(["a"], { args: { command: "ls", timeout: "30s" } });
    const found = validateSamples([...ints, fraction, text], OPTS);
    expect(found.map((f) => [f.rule, f.trajectoryId, f.stepKey])).toEqual([
      ["argument-type", fraction.trajectoryId, "s1"],
      ["argument-type", text.trajectoryId, "s1"],
    ]);
    expect(found[0].message).toContain('"timeout" is a fractional number here but an integer in 3 samples');
    // A missing or null argument is not a type.
    expect(
      rules([
        ...ints,
        sampleOf(["n"], { args: { command: "ls", timeout: null } }),
        sampleOf(["m"], { args: { command: "x" } }),
      ]),
    ).toEqual([]);
  });

  it("ends-with-assistant: the last message is an assistant answer", () => {
    const s = sampleOf(["a"]);
    const endsWithTool = withSteps(s, s.steps.slice(0, -1));
    expect(validateSamples([endsWithTool], OPTS).map((f) => [f.rule, f.stepKey])).toEqual([
      ["ends-with-assistant", "s2"],
    ]);
    const endsWithUser = withSteps(s, [...s.steps, { kind: "human", text: "thanks", key: "s9", tokens: 1 }]);
    const [f] = validateSamples([endsWithUser], OPTS);
    expect(f).toMatchObject({ rule: "ends-with-assistant", stepKey: "s9" });
    expect(f.message).toContain("ends with a user message");
    expect(rules([s])).toEqual([]);
  });

  it("token-rule: tokens plus template overhead plus tool definitions against the maximum", () => {
    const at = sampleOf(["a"], { tokens: 125_000 - 120 });
    const over = sampleOf(["a"], { tokens: 125_000 - 119 });
    expect(rules([at])).toEqual([]);
    const [f] = validateSamples([over], OPTS);
    expect(f).toMatchObject({ rule: "token-rule", trajectoryId: over.trajectoryId });
    expect(f.message).toBe("125,001 tokens, over the set's maximum of 125,000");
  });

  it("secret-annotation: an open secret annotation, redactable when it marks a range", () => {
    const s = sampleOf(["token=abc123secret"]);
    const annotated: CheckSample = {
      ...s,
      secretAnnotations: [
        { id: "a1", stepKey: "s2", field: "output", start: 6, end: 18, quote: "abc123secret" },
        { id: "a2", stepKey: "s1", field: null, start: null, end: null, quote: null },
      ],
    };
    const found = validateSamples([annotated], OPTS);
    expect(found.map((f) => [f.rule, f.stepKey, f.kind])).toEqual([
      ["secret-annotation", "s2", "annotated-secret"],
      ["secret-annotation", "s1", undefined],
    ]);
    expect(found[0]).toMatchObject({ field: "/output", start: 6, end: 18 });
    expect(found[0].preview).not.toContain("abc123secret");
    expect(rules([s])).toEqual([]);
  });

  it("duplicate-trajectory: the same id twice, or the same content under two ids", () => {
    const a = sampleOf(["a"]);
    const b = sampleOf(["b"]);
    const sameContent = { ...sampleOf(["a"]), title: "copy" };
    expect(validateSamples([a, a], OPTS).map((f) => [f.rule, f.trajectoryId])).toEqual([
      ["duplicate-trajectory", a.trajectoryId],
    ]);
    const [f] = validateSamples([a, sameContent], OPTS);
    expect(f).toMatchObject({ rule: "duplicate-trajectory", trajectoryId: sameContent.trajectoryId });
    expect(f.message).toContain(a.trajectoryId);
    expect(rules([a, b])).toEqual([]);
  });
});
