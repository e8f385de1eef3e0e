/**
 * Near-duplicate queries by MinHash over word shingles. Signatures are cached per query id and
 * `updatedAt`, so checking a new query against a pool of thousands costs one signature.
 */
import { db } from "@/lib/db/client";
import { estimateJaccard, signature } from "@/lib/similarity/minhash";

export const DUPLICATE_THRESHOLD = 0.8;
const cache = new Map<string, { stamp: number; sig: Uint32Array }>();

export interface DuplicateHit {
  id: string;
  text: string;
  status: string;
  similarity: number;
}

interface PoolEntry {
  id: string;
  text: string;
  status: string;
  sig: Uint32Array;
}

/** Rejected queries are out of the pool: a duplicate of a rejected task is no reason to hesitate. */
async function livePool(projectId: string): Promise<PoolEntry[]> {
  const rows = await db().query.findMany({
    where: { projectId, status: { in: ["candidate", "accepted"] } },
    select: { id: true, text: true, status: true, updatedAt: true },
  });
  return rows.map((q) => {
    const stamp = q.updatedAt.getTime();
    let entry = cache.get(q.id);
    if (!entry || entry.stamp !== stamp) {
      entry = { stamp, sig: signature(q.text) };
      cache.set(q.id, entry);
    }
    return { id: q.id, text: q.text, status: q.status, sig: entry.sig };
  });
}

function hitsFor(
  sig: Uint32Array,
  pool: PoolEntry[],
  excludeId: string | undefined,
  threshold: number,
): DuplicateHit[] {
  const hits: DuplicateHit[] = [];
  for (const q of pool) {
    if (q.id === excludeId) continue;
    const similarity = estimateJaccard(sig, q.sig);
    if (similarity >= threshold)
      hits.push({
        id: q.id,
        text: q.text.slice(0, 300),
        status: q.status,
        similarity: Math.round(similarity * 100) / 100,
      });
  }
  return hits.sort((a, b) => b.similarity - a.similarity).slice(0, 10);
}

export async function findNearDuplicates(
  projectId: string,
  text: string,
  opts: { excludeId?: string; threshold?: number } = {},
): Promise<DuplicateHit[]> {
  return hitsFor(signature(text), await livePool(projectId), opts.excludeId, opts.threshold ?? DUPLICATE_THRESHOLD);
}

export interface DuplicateGroup {
  id: string;
  text: string;
  duplicates: DuplicateHit[];
}

/** For a selection of queries (a bulk accept), those with near-duplicates in the pool, the selection included. */
export async function findDuplicatesAmong(
  projectId: string,
  ids: readonly string[],
  threshold = DUPLICATE_THRESHOLD,
): Promise<DuplicateGroup[]> {
  const pool = await livePool(projectId);
  const wanted = new Set(ids);
  const out: DuplicateGroup[] = [];
  for (const q of pool) {
    // Already accepted ones were checked when they were accepted.
    if (!wanted.has(q.id) || q.status === "accepted") continue;
    const duplicates = hitsFor(q.sig, pool, q.id, threshold);
    if (duplicates.length) out.push({ id: q.id, text: q.text.slice(0, 300), duplicates });
  }
  return out;
}
