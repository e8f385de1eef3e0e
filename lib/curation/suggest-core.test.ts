/** Suggest on generated approved pools: quotas and the token rule always hold, and the chosen set is more diverse than random ones. */
import { describe, expect, it } from "vitest";
import { diversity, suggest, type SuggestCandidate } from "@/lib/curation/suggest-core";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOOLS = [
  "read",
  "edit",
  "bash",
  "grep",
  "glob",
  "web_search",
  "web_fetch",
  "write",
  "todo",
  "python",
  "browser",
  "sql",
];
const DOMAINS = ["Vibe Coding", "Research Workflows", "Data Analysis"];

/** A pool skewed like real ones: most runs are mid-length coding runs with the same few tools. */
function pool(seed: number, n: number): SuggestCandidate[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const skew = r() < 0.7;
    const toolCount = 1 + Math.floor(r() * 4);
    const tools = Array.from({ length: toolCount }, () => TOOLS[Math.floor(skew ? r() * 3 : r() * TOOLS.length)]);
    return {
      id: `t${String(i).padStart(4, "0")}`,
      title: `t${i}`,
      domain: skew ? DOMAINS[0] : DOMAINS[Math.floor(r() * DOMAINS.length)],
      tokens: Math.round(skew ? 30_000 + r() * 20_000 : 5_000 + r() * 150_000),
      tools,
      score: r() < 0.1 ? null : 1 + r() * 4,
      queryId: r() < 0.2 ? `q${Math.floor(r() * 30)}` : null,
    };
  });
}

function sample<T>(xs: readonly T[], k: number, r: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}

describe("suggest", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`holds quotas and the token rule and beats random sets on diversity (pool ${seed})`, () => {
      const all = pool(seed, 1000);
      const quotas = { "Vibe Coding": 30, "Research Workflows": 20 };
      const current = all.slice(0, 5).filter((c) => c.tokens <= 125_000);
      const input = { targetSize: 78, quotas, maxTokensPerSample: 125_000, current, pool: all };
      const out = suggest(input);
      const byId = new Map(all.map((c) => [c.id, c]));
      const chosen = [...current, ...out.map((s) => byId.get(s.id)!)];
      expect(chosen).toHaveLength(78);
      expect(new Set(chosen.map((c) => c.id)).size).toBe(78);
      for (const c of chosen.slice(current.length)) expect(c.tokens).toBeLessThanOrEqual(125_000);
      const per = (d: string) => chosen.filter((c) => c.domain === d).length;
      expect(per("Vibe Coding")).toBe(30);
      expect(per("Research Workflows")).toBe(20);
      expect(out.every((s) => s.reasons.length >= 2)).toBe(true);

      const eligible = all.filter((c) => c.tokens <= 125_000 && !current.some((x) => x.id === c.id));
      const r = rng(seed * 97);
      const mine = diversity(chosen);
      for (let i = 0; i < 20; i++) {
        const random = [...current, ...sample(eligible, 78 - current.length, r)];
        expect(mine).toBeGreaterThan(diversity(random));
      }
    });
  }

  it("never passes a quota even when the pool is short, and writes nothing for a full set", () => {
    const all = pool(9, 60).map((c) => ({ ...c, domain: "Vibe Coding" }));
    const out = suggest({
      targetSize: 20,
      quotas: { "Vibe Coding": 5 },
      maxTokensPerSample: 125_000,
      current: [],
      pool: all,
    });
    expect(out).toHaveLength(5);
    const full = suggest({ targetSize: 1, quotas: {}, maxTokensPerSample: 125_000, current: [all[0]], pool: all });
    expect(full).toEqual([]);
  });

  it("states its diversity measure: identical items score 0, disjoint ones 1", () => {
    const a: SuggestCandidate = {
      id: "a",
      title: "a",
      domain: "A",
      tokens: 1000,
      tools: ["x"],
      score: 1,
      queryId: null,
    };
    expect(diversity([a, { ...a, id: "b" }])).toBe(0);
    expect(diversity([a, { ...a, id: "b", domain: "B", tokens: 4000, tools: ["y"] }])).toBe(1);
  });
});
