/**
 * Every format module, in tie-break order: when two detectors return the same confidence the
 * earlier one wins, so the specific session formats come before the generic dataset shapes.
 */
import type { FormatModule } from "@/lib/formats/types";
import { claudeCode } from "@/lib/formats/claude-code";
import { codexCli } from "@/lib/formats/codex-cli";
import { codexExec } from "@/lib/formats/codex-exec";
import { openaiResponses } from "@/lib/formats/openai-responses";
import { anthropicMessages } from "@/lib/formats/anthropic-messages";
import { sharegpt } from "@/lib/formats/sharegpt";
import { hfMessages } from "@/lib/formats/hf-messages";
import { openaiChat } from "@/lib/formats/openai-chat";
import { geminiCliFormat } from "@/lib/formats/gemini-cli";
import { siiCliFormat } from "@/lib/formats/sii-cli";
import { sweAgentFormat } from "@/lib/formats/swe-agent";
import { miniSweAgentFormat } from "@/lib/formats/mini-swe-agent";
import { openHandsFormat } from "@/lib/formats/openhands";
import { inspectAiFormat } from "@/lib/formats/inspect-ai";
import { atifFormat } from "@/lib/formats/atif";

export const FORMAT_MODULES: readonly FormatModule[] = [
  claudeCode,
  codexCli,
  codexExec,
  geminiCliFormat,
  siiCliFormat,
  sweAgentFormat,
  miniSweAgentFormat,
  openHandsFormat,
  inspectAiFormat,
  atifFormat,
  openaiResponses,
  anthropicMessages,
  sharegpt,
  hfMessages,
  openaiChat,
];

const BY_NAME = new Map(FORMAT_MODULES.map((m) => [m.name, m]));

/** The module registered under `name`, or undefined. */
export function getFormat(name: string): FormatModule | undefined {
  return BY_NAME.get(name);
}

export function formatNames(): string[] {
  return FORMAT_MODULES.map((m) => m.name);
}
