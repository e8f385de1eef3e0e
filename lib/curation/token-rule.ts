/**
 * The token count a set's token rule is checked against: the project's tokenizer count of the
 * steps, plus the chat-template overhead and the tool definitions as the prompt carries them
 * (exact under the chat template once the training view is wired to curation).
 */
export function tokenCountForRule(s: {
  tokensTotal: number;
  templateOverhead: number;
  toolDefinitionTokens: number;
}): number {
  return s.tokensTotal + s.templateOverhead + s.toolDefinitionTokens;
}
