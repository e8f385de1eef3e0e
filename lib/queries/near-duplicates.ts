/**
 * Near-duplicate queries by MinHash over word shingles. Signatures are cached per query id and
 * `updatedAt`, so checking a new query against a pool of thousands costs one signature.
 */
import { db } from "@/lib/db/client";
import { estimateJaccard, signature } from "@/lib/queries/minhash";

export const DUPLICATE_THRESHOLD = 0.8;
const cache = new Map<string, { stamp: number; sig: Uint32Array }>();

export interface DuplicateHit {
  id: string;
  text: string;
  status: string;
  similarity: number;
}

export async function findNearDuplicates(projectId: string, text: string, opts: { excludeId?: string; threshold?: number } = {}): Promise<DuplicateHit[]> {
  const threshold = opts.threshold ?? DUPLICATE_THRESHOLD;
  const pool = await db().query.findMany({ where: { projectId, status: { in: ["candidate", "accepted"] }, ...(opts.excludeId ? { id: { not: opts.excludeId } } : {}) }, select: { id: true, text: true, status: true, updatedAt: true } });
  const mine = signature(text);
  const hits: DuplicateHit[] = [];
  for (const q of pool) {
    const stamp = q.updatedAt.getTime();
    let entry = cache.get(q.id);
    if (!entry || entry.stamp !== stamp) {
      entry = { stamp, sig: signature(q.text) };
      cache.set(q.id, entry);
    }
    const similarity = estimateJaccard(mine, entry.sig);
    if (similarity >= threshold) hits.push({ id: q.id, text: q.text.slice(0, 300), status: q.status, similarity: Math.round(similarity * 100) / 100 });
  }
  return hits.sort((a, b) => b.similarity - a.similarity).slice(0, 10);
}
