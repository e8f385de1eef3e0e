/**
 * Token counts of rendered pieces, remembered by their text. The training view tokenizes each
 * message's piece on its own (as slime does), and a new revision changes a few messages, so a
 * re-render recounts only what changed: the tokenizer (tokenizers.js, ~10^5 tokens/s for BPE) is
 * the slow part of the view. Bounded by the characters it holds; least recently used goes first.
 */
export class CountCache {
  private readonly map = new Map<string, number>();
  private chars = 0;

  constructor(private readonly maxChars = 64 * 1024 * 1024) {}

  count(text: string, compute: (text: string) => number): number {
    const hit = this.map.get(text);
    if (hit !== undefined) {
      this.map.delete(text);
      this.map.set(text, hit);
      return hit;
    }
    const n = compute(text);
    if (text.length <= this.maxChars) {
      this.map.set(text, n);
      this.chars += text.length;
      for (const k of this.map.keys()) {
        if (this.chars <= this.maxChars) break;
        this.map.delete(k);
        this.chars -= k.length;
      }
    }
    return n;
  }
}
