/** Statistics of the exported set, gathered in the validation pass for the manifest and the card. */
import type { LimiSample } from "@/lib/export/limi-format";
import type { ExportSample } from "@/lib/export/types";

export interface SetStats {
  samples: number;
  /** Per-sample token counts: the template count when known, else the tokenizer count. */
  tokens: number[];
  tokenCounter: Set<string>;
  domains: Map<string, number>;
  querySources: Map<string, number>;
  toolCalls: number;
  humanTurns: number;
  failedToolResults: number;
  tools: Map<string, number>;
}

export function emptyStats(): SetStats {
  return {
    samples: 0,
    tokens: [],
    tokenCounter: new Set(),
    domains: new Map(),
    querySources: new Map(),
    toolCalls: 0,
    humanTurns: 0,
    failedToolResults: 0,
    tools: new Map(),
  };
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export function addToStats(stats: SetStats, sample: ExportSample, limi: LimiSample): void {
  stats.samples++;
  const t = sample.meta.tokens;
  const count = t?.templateCount ?? t?.count;
  if (count !== undefined) {
    stats.tokens.push(count);
    stats.tokenCounter.add(
      t?.templateCount !== undefined ? `${t.template ?? "template"}` : `${t?.tokenizer ?? "tokenizer"}`,
    );
  }
  bump(stats.domains, sample.meta.domain ?? "(none)");
  bump(stats.querySources, sample.meta.query?.source ?? "(none)");
  for (const m of limi.messages) {
    if (m.role === "user") stats.humanTurns++;
    if (m.role === "assistant")
      for (const c of m.tool_calls ?? []) {
        stats.toolCalls++;
        bump(stats.tools, c.function.name);
      }
  }
  for (const s of sample.steps) if (s.kind === "tool_result" && s.isError && !s.sidechain) stats.failedToolResults++;
}

/** Map entries by count (descending), then name: a stable order for the card. */
export function ranked(m: Map<string, number>): Array<[string, number]> {
  return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
