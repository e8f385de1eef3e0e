/**
 * Suggest, the pure part: fill a set's remaining slots from the approved pool under the quotas and
 * the token rule, maximising diversity and review scores.
 *
 * Diversity measure (also stated in ARCHITECTURE.md): the mean pairwise distance of the set,
 *   D(S) = mean over pairs {a,b} ⊂ S of d(a,b),
 *   d(a,b) = ( (1 − J(tools_a, tools_b)) + [domain_a ≠ domain_b] + min(1, |log2(tokens_a / tokens_b)| / 2) ) / 3
 * with J the Jaccard similarity of the sets of tool names used (1 when both use none): tools, task
 * types (domains) and lengths each weigh a third; a length twice another's is half as far as one
 * four times it.
 *
 * Greedy max-sum dispersion: each step takes the eligible candidate with the highest
 *   mean distance to the set so far + SCORE_WEIGHT × (its review score / the best score in the pool),
 * eligible meaning: within the token rule, not in the set, no query shared with a set member, and
 * either its domain has a quota with slots left, or its domain has no quota and unreserved slots
 * are left (slots not held for a quota). So no quota is ever passed, and the target is reached when
 * the pool allows it.
 */
export interface SuggestCandidate {
  id: string;
  title: string;
  domain: string | null;
  tokens: number;
  tools: readonly string[];
  score: number | null;
  queryId: string | null;
}

export interface SuggestInput {
  targetSize: number;
  quotas: Record<string, number>;
  maxTokensPerSample: number;
  /** What the set holds already (fixed). */
  current: readonly SuggestCandidate[];
  pool: readonly SuggestCandidate[];
}

export interface Suggestion {
  id: string;
  title: string;
  domain: string | null;
  tokens: number;
  score: number | null;
  reasons: string[];
}

export const SCORE_WEIGHT = 0.5;
const NONE = "(none)";

function toolJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

interface Prepared {
  c: SuggestCandidate;
  tools: Set<string>;
}
const prep = (c: SuggestCandidate): Prepared => ({ c, tools: new Set(c.tools) });

function distance(a: Prepared, b: Prepared): number {
  const tools = 1 - toolJaccard(a.tools, b.tools);
  const domain = (a.c.domain ?? NONE) === (b.c.domain ?? NONE) ? 0 : 1;
  const length = Math.min(1, Math.abs(Math.log2(Math.max(1, a.c.tokens) / Math.max(1, b.c.tokens))) / 2);
  return (tools + domain + length) / 3;
}

/** D(S): mean pairwise distance (0 for fewer than two items). */
export function diversity(items: readonly SuggestCandidate[]): number {
  const p = items.map(prep);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < p.length; i++)
    for (let j = i + 1; j < p.length; j++) {
      sum += distance(p[i], p[j]);
      n++;
    }
  return n ? sum / n : 0;
}

const k = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));

export function suggest(input: SuggestInput): Suggestion[] {
  const inSet = new Set(input.current.map((c) => c.id));
  const queries = new Set(input.current.map((c) => c.queryId).filter((q): q is string => !!q));
  const count = new Map<string, number>();
  for (const c of input.current) count.set(c.domain ?? NONE, (count.get(c.domain ?? NONE) ?? 0) + 1);
  const quotaLeft = new Map<string, number>();
  for (const [d, q] of Object.entries(input.quotas)) quotaLeft.set(d, Math.max(0, q - (count.get(d) ?? 0)));
  const slots = Math.max(0, input.targetSize - input.current.length);
  const reserved = [...quotaLeft.values()].reduce((s, v) => s + v, 0);
  let free = Math.max(0, slots - reserved);

  const chosen: Prepared[] = input.current.map(prep);
  const cands = input.pool.filter((c) => !inSet.has(c.id) && c.tokens <= input.maxTokensPerSample).map(prep);
  const bestScore = Math.max(0, ...cands.map((p) => p.c.score ?? 0)) || 1;
  // Running sum of each candidate's distance to the chosen items, updated after each pick.
  const sumDist = cands.map((p) => chosen.reduce((s, q) => s + distance(p, q), 0));
  const taken = new Array<boolean>(cands.length).fill(false);
  const toolsSeen = new Set(chosen.flatMap((p) => [...p.tools]));
  const out: Suggestion[] = [];

  for (let step = 0; step < slots; step++) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < cands.length; i++) {
      if (taken[i]) continue;
      const c = cands[i].c;
      if (c.queryId && queries.has(c.queryId)) continue;
      const d = c.domain ?? NONE;
      const left = quotaLeft.get(d);
      if (left !== undefined ? left <= 0 : free <= 0) continue;
      const spread = chosen.length ? sumDist[i] / chosen.length : 1;
      const value = spread + SCORE_WEIGHT * ((c.score ?? 0) / bestScore);
      if (value > bestValue || (value === bestValue && best >= 0 && c.id < cands[best].c.id)) {
        best = i;
        bestValue = value;
      }
    }
    if (best < 0) break;
    const p = cands[best];
    const c = p.c;
    const d = c.domain ?? NONE;
    const reasons: string[] = [];
    const newTools = [...p.tools].filter((t) => !toolsSeen.has(t));
    if (newTools.length)
      reasons.push(`adds tools the set lacks: ${newTools.slice(0, 5).join(", ")}${newTools.length > 5 ? " …" : ""}`);
    if (quotaLeft.has(d)) reasons.push(`${d}: fills 1 of ${quotaLeft.get(d)} slots left in its quota`);
    else reasons.push(`${d}: an unreserved slot (${free} left)`);
    const spread = chosen.length ? sumDist[best] / chosen.length : 1;
    reasons.push(`${k(c.tokens)} tokens; mean distance to the set ${spread.toFixed(2)} (tools, domain, length)`);
    if (c.score !== null) reasons.push(`review score ${c.score.toFixed(2)}`);
    out.push({ id: c.id, title: c.title, domain: c.domain, tokens: c.tokens, score: c.score, reasons });

    taken[best] = true;
    chosen.push(p);
    for (const t of p.tools) toolsSeen.add(t);
    if (c.queryId) queries.add(c.queryId);
    if (quotaLeft.has(d)) quotaLeft.set(d, quotaLeft.get(d)! - 1);
    else free--;
    for (let i = 0; i < cands.length; i++) if (!taken[i]) sumDist[i] += distance(cands[i], p);
  }
  return out;
}
