/**
 * What the rest of the app needs from a tokenizer: a count. Counting is the hot path (every step of
 * every imported trajectory), so implementations must not build token arrays in `count` when their
 * library offers a cheaper way; `encode` is optional and only for inspection/debugging.
 */
export interface Tokenizer {
  /** Stable identifier stored next to counts, so counts from different tokenizers are never mixed. */
  readonly id: string;
  /** Number of tokens of `text` as plain content: no BOS/EOS, no chat template, special-token strings counted as ordinary text where the library allows it. */
  count(text: string): number;
  encode?(text: string): number[];
}
