import { countTokens, decode, encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { countBounded, MAX_RUN } from "@/lib/tokens/long-runs";
import { o200k } from "@/lib/tokens/o200k";

const plain = { disallowedSpecial: new Set<string>() };

/** Deterministic text without digits or spaces, so it forms one long run. */
function randomLetters(n: number, seed: number): string {
  let s = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(String.fromCharCode(97 + (s >>> 27) % 26));
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
  const segments = (text: string, maxRun: number) => {
    const seen: string[] = [];
    countBounded(text, (s) => (seen.push(s), s.length), maxRun);
    return seen;
  };

  it("passes short or run-free text through whole", () => {
    expect(segments("short", 8)).toEqual(["short"]);
    expect(segments("ab cd ef gh ij kl mn op", 8)).toEqual(["ab cd ef gh ij kl mn op"]);
    expect(segments("abcdefg1abcdefg2abcdefg", 8)).toEqual(["abcdefg1abcdefg2abcdefg"]);
  });

  it("prefers a letter-to-punctuation boundary inside a long run", () => {
    expect(segments("abcdefg.hijklmnop", 8)).toEqual(["abcdefg", ".hijklmnop"]);
  });

  it("does not cut before an apostrophe (contractions belong to the word)", () => {
    expect(segments("abcdefg'hijklmnop", 8)).toEqual(["abcdefg'", "hijklmnop"]);
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
