/**
 * The transcript formats the importer knows, for selects in the browser. The names match the
 * server's format registry (lib/formats/registry.ts), which is not imported here because it
 * would pull every parser into the client bundle.
 */
export const FORMAT_NAMES = [
  "claude-code",
  "codex-cli",
  "gemini-cli",
  "sii-cli",
  "swe-agent",
  "mini-swe-agent",
  "openhands",
  "inspect-ai",
  "atif",
  "openai-responses",
  "anthropic-messages",
  "sharegpt",
  "hf-messages",
  "openai-chat",
] as const;

/** The domains of the query pool; anything else is entered as free text. */
export const DOMAIN_PRESETS = ["Vibe Coding", "Research Workflows"] as const;

/** Agents named by the formats that record one (a format without an agent leaves it empty). */
export const AGENT_NAMES = [
  "claude-code",
  "codex-cli",
  "gemini-cli",
  "sii-cli",
  "swe-agent",
  "mini-swe-agent",
  "openhands",
  "inspect-ai",
] as const;
