import { describe, expect, it } from "vitest";
import { scanSample } from "@/lib/curation/gate/redaction/scan";
import { leafAt } from "@/lib/curation/gate/redaction/text-leaves";
import { fillerText, sampleOf, SEEDED } from "@/lib/curation/gate/testing/seeded-secrets";

describe("redaction scan", () => {
  it("finds seeded secrets of every kind, each once, at the secret itself", async () => {
    const kinds = Object.keys(SEEDED);
    expect(kinds.length).toBeGreaterThanOrEqual(10);
    const sample = sampleOf(
      kinds.map((k) => `${fillerText(400, kinds.indexOf(k))}\n${SEEDED[k][0]}\n${fillerText(200)}`),
    );
    const findings = await scanSample(sample);
    const byStep = new Map(findings.map((f) => [f.stepKey, f]));
    for (const [i, kind] of kinds.entries()) {
      const step = sample.steps[2 + i * 2];
      const f = byStep.get(step.key);
      expect(f, kind).toBeDefined();
      expect(f!.kind, kind).toBe(kind);
      expect(leafAt(step, f!.field!)!.slice(f!.start, f!.end), kind).toBe(SEEDED[kind][1]);
      expect(f!.preview).not.toContain(SEEDED[kind][1]);
    }
    expect(findings.map((f) => f.kind).sort()).toEqual([...kinds].sort());
  });

  it("finds secrets inside tool-call arguments and names the argument", async () => {
    const sample = sampleOf(["ok"], {
      args: { command: `curl -H 'x-api-key: ${SEEDED["openai-key"][1]}' https://api` },
    });
    const [f] = await scanSample(sample);
    expect(f).toMatchObject({ kind: "openai-key", stepKey: "s1", field: "/arguments/command", stepIndex: 1 });
  });

  it("finds an Azure client secret, at the start of a text and after other text", async () => {
    const secret = `Xy18Q~${"aBcDeFgHiJ".repeat(3)}k_.~`; // 3 + digit + Q~ + 34
    const sample = sampleOf([secret, `${fillerText(300)}\nAZURE_CLIENT_SECRET=${secret}\nQ~ alone`]);
    const found = (await scanSample(sample)).filter((f) => f.kind === "azure-client-secret");
    expect(found.map((f) => [f.stepKey, f.start, f.end! - f.start!])).toEqual([
      ["s2", 0, secret.length],
      ["s4", fillerText(300).length + "\nAZURE_CLIENT_SECRET=".length, secret.length],
    ]);
  });

  it("a clean sample has no finding", async () => {
    const clean = sampleOf([
      fillerText(20_000),
      "Contact the maintainers at dev@example.com; the key lives in $AWS_SECRET_ACCESS_KEY.",
      "postgres://${DB_USER}:${DB_PASSWORD}@localhost/app and git@github.com:org/repo.git",
      "Cloned into /home/runner/work and /tmp/build; sha 3f9a1c2e7b4d5a6f8e9d0c1b2a3f4e5d6c7b8a9f",
    ]);
    expect(await scanSample(clean)).toEqual([]);
  });
});

describe("redaction scan after a redaction", () => {
  it("a placeholder, and the URL around it, is not a secret", async () => {
    const s = sampleOf(["DATABASE_URL=postgres://admin:<REDACTED:url-password>@db.internal:5432/app <REDACTED:email>"]);
    expect(await scanSample(s)).toEqual([]);
  });
});
