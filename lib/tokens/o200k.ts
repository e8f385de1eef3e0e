/**
 * The default tokenizer: OpenAI's o200k_base (GPT-4o, GPT-4.1, GPT-5, o-series), bundled with
 * gpt-tokenizer, so counting never touches the network.
 */
import { countTokens, encode } from "gpt-tokenizer/encoding/o200k_base";
import { countBounded, encodeBounded } from "@/lib/tokens/long-runs";
import type { Tokenizer } from "@/lib/tokens/tokenizer";

export const O200K_ID = "o200k_base";

/**
 * By default gpt-tokenizer throws on `<|endoftext|>` and friends. Trajectories quote such strings
 * (agents reading tokenizer code, prompt-injection tests), and they are content there, not
 * control tokens, so they are counted as the ordinary text they are.
 */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// countTokens walks the BPE without materialising the id array: the cheapest count the library has.
const countPlain = (s: string): number => countTokens(s, PLAIN_TEXT);
const encodePlain = (s: string): number[] => encode(s, PLAIN_TEXT);

export const o200k: Tokenizer = {
  id: O200K_ID,
  count: (text) => (text.length === 0 ? 0 : countBounded(text, countPlain)),
  encode: (text) => (text.length === 0 ? [] : encodeBounded(text, encodePlain)),
};
