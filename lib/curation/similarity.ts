/**
 * Near-duplicate measures of the board (pure): query text by MinHash over word shingles (the same
 * signatures as the query pool, lib/similarity/minhash.ts) and tool-call sequences by the Jaccard
 * similarity of their tool-name 3-shingles (consecutive triples of tool names, so two runs that
 * call the same tools in the same order score high, and the same tools in another order lower).
 */
import { estimateJaccard, signature } from "@/lib/similarity/minhash";

export const QUERY_DUPLICATE_THRESHOLD = 0.8;
export const TOOL_DUPLICATE_THRESHOLD = 0.8;
/** Sequences shorter than this many calls are not compared (too little to call a duplicate). */
export const MIN_TOOL_CALLS = 3;

export function toolShingles(tools: readonly string[], k = 3): Set<string> {
  const out = new Set<string>();
  if (tools.length === 0) return out;
  if (tools.length < k) {
    out.add(tools.join("\u0000"));
    return out;
  }
  for (let i = 0; i + k <= tools.length; i++) out.add(tools.slice(i, i + k).join("\u0000"));
  return out;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

export interface DuplicateSubject {
  id: string;
  title: string;
  queryId: string | null;
  queryText: string;
  tools: readonly string[];
}

export interface DuplicatePair {
  a: { id: string; title: string };
  b: { id: string; title: string };
  kind: "query" | "tools";
  similarity: number;
  reason: string;
}

/** Every pair of subjects whose query text or tool-call sequence is near-identical. */
export function nearDuplicatePairs(subjects: readonly DuplicateSubject[]): DuplicatePair[] {
  const sigs = subjects.map((s) => signature(s.queryText));
  const shingles = subjects.map((s) => toolShingles(s.tools));
  const out: DuplicatePair[] = [];
  for (let i = 0; i < subjects.length; i++)
    for (let j = i + 1; j < subjects.length; j++) {
      const A = subjects[i];
      const B = subjects[j];
      const pair = { a: { id: A.id, title: A.title }, b: { id: B.id, title: B.title } };
      const sameQuery = A.queryId !== null && A.queryId === B.queryId;
      const q = sameQuery ? 1 : estimateJaccard(sigs[i], sigs[j]);
      if (q >= QUERY_DUPLICATE_THRESHOLD)
        out.push({
          ...pair,
          kind: "query",
          similarity: Math.round(q * 100) / 100,
          reason: sameQuery ? "both attempt the same query" : `query texts ${Math.round(q * 100)}% similar (MinHash)`,
        });
      if (A.tools.length >= MIN_TOOL_CALLS && B.tools.length >= MIN_TOOL_CALLS) {
        const t = jaccard(shingles[i], shingles[j]);
        if (t >= TOOL_DUPLICATE_THRESHOLD)
          out.push({
            ...pair,
            kind: "tools",
            similarity: Math.round(t * 100) / 100,
            reason: `tool-call sequences ${Math.round(t * 100)}% similar (${A.tools.length} and ${B.tools.length} calls)`,
          });
      }
    }
  return out.sort((x, y) => y.similarity - x.similarity);
}
