import { countTokens, decode, encode } from "gpt-tokenizer/encoding/o200k_base";
import { O200K_TOKEN_SPLIT_REGEX } from "gpt-tokenizer/encodingParams/constants";
import { describe, expect, it } from "vitest";
import { countBounded, hasLongRun, MAX_RUN } from "@/lib/tokens/long-runs";
import { o200k } from "@/lib/tokens/o200k";

const plain = { disallowedSpecial: new Set<string>() };

/** Deterministic text without digits or spaces, so it forms one long run. */
function randomLetters(n: number, seed: number): string {
  let s = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(String.fromCharCode(97 + ((s >>> 27) % 26)));
  }
  return out.join("");
}

describe("o200k tokenizer", () => {
  it("has the o200k_base id", () => {
    expect(o200k.id).toBe("o200k_base");
  });

  it("matches known o200k counts", () => {
    expect(o200k.count("")).toBe(0);
    expect(o200k.count("hello world")).toBe(2);
    expect(o200k.encode?.("hello world")).toEqual(encode("hello world"));
  });

  it.each([
    "The quick brown fox jumps over the lazy dog.",
    "def add(a, b):\n    return a + b\n",
    '{"files":["src/a.ts","src/b.ts"],"count":2,"ok":true}',
    "Ünïcödé — 日本語のテキスト 🚀 émojis",
    "line one\r\nline two\n\n\n   indented\ttab",
  ])("counts %j like gpt-tokenizer's encode", (text) => {
    expect(o200k.count(text)).toBe(encode(text).length);
    expect(o200k.encode?.(text)).toEqual(encode(text));
  });

  it("counts special-token strings as ordinary text instead of throwing", () => {
    const text = "the model stops at <|endoftext|> and <|im_start|>";
    expect(() => countTokens(text)).toThrow();
    const ids = o200k.encode?.(text) ?? [];
    expect(decode(ids)).toBe(text);
    expect(o200k.count(text)).toBe(ids.length);
    // As text, "<|endoftext|>" is several tokens, never the single special id.
    expect(o200k.count("<|endoftext|>")).toBe(encode("<|endoftext|>", plain).length);
    expect(o200k.count("<|endoftext|>")).toBeGreaterThan(1);
  });

  it("stays exact on long punctuation-and-letter runs (minified code)", () => {
    const minified = "a.b(c);d=e[f]||g;".repeat(500); // 8500 chars, no space or digit
    expect(minified.length).toBeGreaterThan(MAX_RUN * 4);
    expect(o200k.count(minified)).toBe(encode(minified).length);
    expect(o200k.encode?.(minified)).toEqual(encode(minified));
  });

  it("stays exact on a long text made of ordinary lines", () => {
    const text = Array.from({ length: 400 }, (_, i) => `line ${i}: the value is ${i * 7} and it is fine`).join("\n");
    expect(o200k.count(text)).toBe(encode(text).length);
  });

  it("bounds the error on a pathological run to about one token per cut", () => {
    const text = randomLetters(6000, 7);
    const exact = encode(text).length;
    const cuts = Math.ceil(text.length / (MAX_RUN / 2));
    expect(Math.abs(o200k.count(text) - exact)).toBeLessThanOrEqual(cuts);
  });

  it("counts a 300k-character run without quadratic blow-up", () => {
    const text = `start ${randomLetters(300_000, 11)} end`;
    const t0 = performance.now();
    const n = o200k.count(text);
    // Unbounded, this single piece takes tens of seconds; bounded it is well under one.
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(n).toBeGreaterThan(300_000 / 8);
  });

  it("never splits a surrogate pair when cutting a run of emoji", () => {
    const text = "🚀".repeat(3000);
    const ids = o200k.encode?.(text) ?? [];
    expect(decode(ids)).toBe(text);
    expect(o200k.count(text)).toBe(ids.length);
  });

  it("cuts long whitespace runs too", () => {
    const text = `a${" ".repeat(5000)}b${"\n".repeat(5000)}c`;
    const ids = o200k.encode?.(text) ?? [];
    expect(decode(ids)).toBe(text);
    expect(Math.abs(ids.length - encode(text).length)).toBeLessThanOrEqual(20);
  });
});

describe("countBounded", () => {
  const countPlain = (s: string) => countTokens(s, plain);
  const segments = (text: string, maxRun: number) => {
    const seen: string[] = [];
    countBounded(text, (s) => (seen.push(s), s.length), maxRun);
    return seen;
  };

  // Random "minified" text: words of 1-6 letters joined by 1-3 separators, no spaces or digits,
  // so everything is one long run and countBounded must cut it.
  function minified(next: (n: number) => number, letters: string, separators: string, length: number): string {
    let text = "";
    while (text.length < length) {
      for (let k = 1 + next(6); k > 0; k--) text += letters[next(letters.length)];
      for (let k = 1 + next(3); k > 0; k--) text += separators[next(separators.length)];
    }
    return text;
  }
  function rng(seed: number) {
    let s = seed >>> 0;
    return (n: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return (s >>> 8) % n;
    };
  }
  const isSafeCut = (left: string, right: string) =>
    /[A-Za-z]$/.test(left) && right.charCodeAt(0) < 128 && !/^[A-Za-z0-9']/.test(right);

  it("hasLongRun agrees with a character-by-character scan (randomised)", () => {
    const naive = (text: string, maxRun: number) => {
      let piece = 0;
      let space = 0;
      for (const ch of text) {
        const digit = /[0-9]/.test(ch);
        const ws = /\s/.test(ch);
        const nl = ch === "\n" || ch === "\r";
        piece = digit || (ws && !nl) ? 0 : piece + 1;
        space = ws ? space + 1 : 0;
        if (piece > maxRun || space > maxRun) return true;
      }
      return false;
    };
    const next = rng(4242);
    const alphabet = ["a", "Z", "=", "\n", "\r", " ", "\t", "7", "\u00a0", "\ufeff", "é", "/"];
    let positives = 0;
    for (let round = 0; round < 3000; round++) {
      // Few distinct characters per text, so runs around the threshold are common.
      const chars = Array.from({ length: 1 + next(3) }, () => alphabet[next(alphabet.length)]);
      let text = "";
      for (let k = 20 + next(60); k > 0; k--) text += chars[next(chars.length)];
      const expected = naive(text, 8);
      if (expected) positives++;
      expect(hasLongRun(text, 8), JSON.stringify(text)).toBe(expected);
    }
    expect(positives).toBeGreaterThan(500);
    expect(positives).toBeLessThan(2900);
  });

  it("passes short or run-free text through whole", () => {
    expect(segments("short", 8)).toEqual(["short"]);
    expect(segments("ab cd ef gh ij kl mn op", 8)).toEqual(["ab cd ef gh ij kl mn op"]);
    expect(segments("abcdefg1abcdefg2abcdefg", 8)).toEqual(["abcdefg1abcdefg2abcdefg"]);
  });

  it("prefers a letter-to-punctuation boundary inside a long run", () => {
    expect(segments("abcdefg.hijk", 8)).toEqual(["abcdefg", ".hijk"]);
  });

  it("does not cut before an apostrophe (contractions belong to the word)", () => {
    expect(segments("abcdefg'hijk", 8)).toEqual(["abcdefg'", "hijk"]);
  });

  it("cuts only where o200k's split regex has a piece boundary, when a safe place exists (randomised)", () => {
    const next = rng(12345);
    let safeCuts = 0;
    for (let round = 0; round < 200; round++) {
      const text = minified(
        next,
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéü日本",
        ".,;:(){}[]=+-*/<>!?&|'\"\n\r_$#@`~^%",
        400,
      );
      const boundaries = new Set<number>();
      for (const m of text.matchAll(O200K_TOKEN_SPLIT_REGEX)) boundaries.add((m.index ?? 0) + m[0].length);
      const segs = segments(text, 16);
      let pos = 0;
      for (let i = 0; i < segs.length - 1; i++) {
        pos += segs[i].length;
        if (!isSafeCut(segs[i], segs[i + 1])) continue;
        safeCuts++;
        expect(boundaries.has(pos), `cut at ${pos} in ${JSON.stringify(text.slice(pos - 8, pos + 8))}`).toBe(true);
      }
      // Hard cuts (non-ASCII letters, apostrophes) may move the count, by at most one per cut.
      expect(Math.abs(countBounded(text, countPlain, 16) - encode(text, plain).length)).toBeLessThanOrEqual(
        segs.length - 1,
      );
    }
    expect(safeCuts).toBeGreaterThan(1000);
  });

  it("is exact on ASCII minified text, where every window has a safe cut (randomised)", () => {
    const next = rng(99);
    for (let round = 0; round < 100; round++) {
      const text = minified(
        next,
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        '.,;:(){}[]=+-*/<>!?&|"\n\r_$#@`~^%',
        400,
      );
      const segs = segments(text, 16);
      expect(segs.length).toBeGreaterThan(10);
      expect(segs.slice(0, -1).every((seg, i) => isSafeCut(seg, segs[i + 1]))).toBe(true);
      expect(countBounded(text, countPlain, 16)).toBe(encode(text, plain).length);
    }
  });

  it("hard-cuts a run with no safe boundary, and sums every segment", () => {
    const text = "x".repeat(20);
    expect(segments(text, 8)).toEqual(["xxxxxxxx", "xxxxxxxx", "xxxx"]);
    expect(countBounded(text, (s) => s.length, 8)).toBe(20);
  });

  it("treats CR/LF as part of a punctuation run", () => {
    expect(segments("=\n=\n=\n=\n=\n", 8)).toEqual(["=\n=\n=\n=\n", "=\n"]);
  });
});
