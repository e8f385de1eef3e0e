import { describe, expect, it } from "vitest";
import { CountCache } from "@/lib/export/training-view/count-cache";

describe("CountCache", () => {
  it("computes a text once and evicts the least recently used past its character budget", () => {
    const cache = new CountCache(10);
    const calls: string[] = [];
    const count = (t: string) => {
      calls.push(t);
      return t.length;
    };
    expect(cache.count("abc", count)).toBe(3);
    expect(cache.count("abc", count)).toBe(3);
    expect(calls).toEqual(["abc"]);
    cache.count("de", count);
    cache.count("abc", count); // touch: "de" is now the oldest
    cache.count("fghij", count); // 3 + 2 + 5 = 10 chars: fits
    cache.count("k", count); // 11 > 10: "de" goes
    cache.count("de", count); // recomputed; adding it evicts "abc", now the oldest
    cache.count("fghij", count);
    cache.count("abc", count);
    expect(calls).toEqual(["abc", "de", "fghij", "k", "de", "abc"]);
  });
});
