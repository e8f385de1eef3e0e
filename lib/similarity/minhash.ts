/**
 * Near-duplicate detection for task texts: MinHash signatures over word shingles, and an LSH
 * banding index so a lookup compares against a handful of candidates instead of the whole pool.
 *
 * Everything is deterministic (fixed seeds, integer hashing), so a similarity shown today is the
 * same tomorrow and in tests.
 */
import { AppError } from "@/lib/errors/app-error";

export interface MinHashOptions {
  /** Words per shingle. Default 3. */
  shingleSize?: number;
  /** Signature length. Default 128. */
  numPerm?: number;
  /** LSH bands; `numPerm` must be a multiple. Default 32 (4 rows each). */
  bands?: number;
}

const DEFAULTS = { shingleSize: 3, numPerm: 128, bands: 32 } as const;

/**
 * Lowercase, drop punctuation and markdown markup (`**`, `#`, backticks, list dashes, links'
 * brackets) and collapse whitespace: formatting differences must not make two tasks look
 * different.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The set of word k-grams; a text shorter than k words is one shingle of all its words. */
export function shingles(text: string, k: number = DEFAULTS.shingleSize): Set<string> {
  const words = normalizeText(text).split(" ").filter(Boolean);
  const out = new Set<string>();
  if (words.length === 0) return out;
  if (words.length < k) {
    out.add(words.join(" "));
    return out;
  }
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(" "));
  return out;
}

/** Exact Jaccard similarity of the two texts' shingle sets (for checks and small pools). */
export function exactJaccard(a: string, b: string, k: number = DEFAULTS.shingleSize): number {
  const sa = shingles(a, k);
  const sb = shingles(b, k);
  if (sa.size === 0 && sb.size === 0) return 0;
  let inter = 0;
  for (const s of sa) if (sb.has(s)) inter++;
  return inter / (sa.size + sb.size - inter);
}

const EMPTY_SLOT = 0xffffffff;

export class MinHasher {
  readonly shingleSize: number;
  readonly numPerm: number;
  private readonly mul: Uint32Array;
  private readonly add: Uint32Array;

  constructor(opts: Pick<MinHashOptions, "shingleSize" | "numPerm"> = {}) {
    this.shingleSize = opts.shingleSize ?? DEFAULTS.shingleSize;
    this.numPerm = opts.numPerm ?? DEFAULTS.numPerm;
    if (!Number.isInteger(this.shingleSize) || this.shingleSize < 1)
      throw new AppError("VALIDATION", `shingleSize must be a positive integer, got ${this.shingleSize}`);
    if (!Number.isInteger(this.numPerm) || this.numPerm < 1)
      throw new AppError("VALIDATION", `numPerm must be a positive integer, got ${this.numPerm}`);
    // Each permutation is x ↦ fmix32(a·x + b) with odd a: a bijection on 32-bit values, drawn
    // from a fixed-seed generator so signatures never change between runs.
    const rand = splitmix32(0x5eed1e55);
    this.mul = new Uint32Array(this.numPerm);
    this.add = new Uint32Array(this.numPerm);
    for (let i = 0; i < this.numPerm; i++) {
      this.mul[i] = rand() | 1;
      this.add[i] = rand();
    }
  }

  signature(text: string): Uint32Array {
    const sig = new Uint32Array(this.numPerm).fill(EMPTY_SLOT);
    for (const sh of shingles(text, this.shingleSize)) {
      const x = hashString(sh);
      for (let i = 0; i < this.numPerm; i++) {
        const v = fmix32((Math.imul(this.mul[i], x) + this.add[i]) >>> 0);
        if (v < sig[i]) sig[i] = v;
      }
    }
    return sig;
  }
}

/** Fraction of equal slots: an unbiased estimate of the Jaccard similarity of the shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length)
    throw new AppError("VALIDATION", `signatures differ in length (${a.length} vs ${b.length})`);
  if (a.length === 0 || isEmptySignature(a) || isEmptySignature(b)) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

const isEmptySignature = (s: Uint32Array) => s.every((v) => v === EMPTY_SLOT);

const defaultHasher = new MinHasher();

/** Signature with the default settings (k=3, 128 permutations). */
export const signature = (text: string): Uint32Array => defaultHasher.signature(text);

export interface NearDuplicate {
  id: string;
  /** Estimated Jaccard similarity, 0..1. */
  similarity: number;
}

export class NearDuplicateIndex {
  private readonly hasher: MinHasher;
  private readonly bands: number;
  private readonly rows: number;
  private readonly buckets: Map<string, Set<string>>[];
  private readonly signatures = new Map<string, Uint32Array>();

  /**
   * 32 bands of 4 rows: a pair at similarity 0.8 becomes a candidate with probability ≈ 1, at 0.5
   * ≈ 0.87, at 0.2 ≈ 0.05. Candidates are then checked against the threshold, so the low band
   * threshold costs only a few extra comparisons and lets `query` take thresholds down to ~0.5.
   */
  constructor(opts: MinHashOptions = {}) {
    this.hasher = new MinHasher(opts);
    this.bands = opts.bands ?? DEFAULTS.bands;
    if (!Number.isInteger(this.bands) || this.bands < 1 || this.hasher.numPerm % this.bands !== 0) {
      throw new AppError(
        "VALIDATION",
        `bands (${this.bands}) must be a positive divisor of numPerm (${this.hasher.numPerm})`,
      );
    }
    this.rows = this.hasher.numPerm / this.bands;
    this.buckets = Array.from({ length: this.bands }, () => new Map<string, Set<string>>());
  }

  get size(): number {
    return this.signatures.size;
  }

  has(id: string): boolean {
    return this.signatures.has(id);
  }

  /** Adds or replaces the text stored under `id`. Empty texts are kept but never match. */
  add(id: string, text: string): void {
    this.remove(id);
    const sig = this.hasher.signature(text);
    this.signatures.set(id, sig);
    if (isEmptySignature(sig)) return;
    for (let b = 0; b < this.bands; b++) {
      const key = this.bandKey(sig, b);
      const bucket = this.buckets[b].get(key);
      if (bucket) bucket.add(id);
      else this.buckets[b].set(key, new Set([id]));
    }
  }

  remove(id: string): boolean {
    const sig = this.signatures.get(id);
    if (!sig) return false;
    this.signatures.delete(id);
    for (let b = 0; b < this.bands; b++) {
      const key = this.bandKey(sig, b);
      const bucket = this.buckets[b].get(key);
      bucket?.delete(id);
      if (bucket?.size === 0) this.buckets[b].delete(key);
    }
    return true;
  }

  /** Stored texts whose estimated similarity to `text` is at least `threshold`, most similar first. */
  query(text: string, threshold = 0.8, opts: { excludeId?: string } = {}): NearDuplicate[] {
    if (!(threshold >= 0 && threshold <= 1))
      throw new AppError("VALIDATION", `threshold must be between 0 and 1, got ${threshold}`, {
        location: { field: "threshold" },
      });
    const sig = this.hasher.signature(text);
    if (isEmptySignature(sig)) return [];
    const candidates = new Set<string>();
    for (let b = 0; b < this.bands; b++) {
      const bucket = this.buckets[b].get(this.bandKey(sig, b));
      if (bucket) for (const id of bucket) candidates.add(id);
    }
    const out: NearDuplicate[] = [];
    for (const id of candidates) {
      if (id === opts.excludeId) continue;
      const stored = this.signatures.get(id);
      if (!stored) continue;
      const similarity = estimateJaccard(sig, stored);
      if (similarity >= threshold) out.push({ id, similarity });
    }
    return out.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private bandKey(sig: Uint32Array, band: number): string {
    const start = band * this.rows;
    let key = "";
    for (let r = 0; r < this.rows; r++) key += sig[start + r].toString(36) + ".";
    return key;
  }
}

/** MurmurHash3-style mixing of each UTF-16 code unit, then its finaliser: fast and well spread. */
function hashString(s: string, seed = 0x9747b28c): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    let k = s.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= s.length;
  return fmix32(h);
}

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}
