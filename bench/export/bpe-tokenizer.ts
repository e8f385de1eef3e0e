/**
 * A byte-level BPE `tokenizer.json` trained here on generated text (GPT-2's byte-to-unicode map and
 * pre-tokenizer regex, a few thousand merges, GLM-4.5's special tokens as added tokens), so the
 * training view's count runs a real BPE of realistic cost without downloading a model.
 */
const PRETOKENIZE = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export const GLM_SPECIALS = [
  "[gMASK]",
  "<sop>",
  "<|system|>",
  "<|user|>",
  "<|assistant|>",
  "<|observation|>",
  "<think>",
  "</think>",
  "<tool_call>",
  "</tool_call>",
  "<arg_key>",
  "</arg_key>",
  "<arg_value>",
  "</arg_value>",
  "<tool_response>",
  "</tool_response>",
];

function byteToUnicode(): string[] {
  const bs: number[] = [];
  for (let b = 33; b < 127; b++) bs.push(b);
  for (let b = 161; b < 173; b++) bs.push(b);
  for (let b = 174; b < 256; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++)
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  const map: string[] = new Array(256);
  bs.forEach((b, i) => (map[b] = String.fromCodePoint(cs[i])));
  return map;
}

export function trainByteLevelBpe(corpus: string, merges: number): string {
  const b2u = byteToUnicode();
  const enc = new TextEncoder();
  const freq = new Map<string, number>();
  for (const m of corpus.matchAll(PRETOKENIZE)) freq.set(m[0], (freq.get(m[0]) ?? 0) + 1);
  const words = [...freq.entries()].map(([w, f]) => ({ syms: [...enc.encode(w)].map((b) => b2u[b]), f }));
  const vocab = new Map<string, number>();
  for (const u of b2u) vocab.set(u, vocab.size);
  const mergeList: string[] = [];
  for (let k = 0; k < merges; k++) {
    const pairs = new Map<string, number>();
    for (const w of words)
      for (let i = 0; i + 1 < w.syms.length; i++) {
        const p = `${w.syms[i]} ${w.syms[i + 1]}`;
        pairs.set(p, (pairs.get(p) ?? 0) + w.f);
      }
    let best = "";
    let bestN = 1;
    for (const [p, n] of pairs) if (n > bestN || (n === bestN && best && p < best)) [best, bestN] = [p, n];
    if (!best) break;
    const [a, b] = best.split(" ");
    const ab = a + b;
    mergeList.push(best);
    vocab.set(ab, vocab.size);
    for (const w of words) {
      if (w.syms.length < 2) continue;
      const out: string[] = [];
      for (let i = 0; i < w.syms.length; i++) {
        if (i + 1 < w.syms.length && w.syms[i] === a && w.syms[i + 1] === b) {
          out.push(ab);
          i++;
        } else out.push(w.syms[i]);
      }
      w.syms = out;
    }
  }
  const added = GLM_SPECIALS.map((content) => ({
    id: vocab.size + GLM_SPECIALS.indexOf(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  for (const a of added) vocab.set(a.content, a.id);
  return JSON.stringify({
    version: "1.0",
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries(vocab),
      merges: mergeList,
    },
  });
}
