/**
 * OpenAI Chat Completions: a request body (optionally with its `choices` response appended, or as
 * a `{request, response}` pair), a `chat.completion` response, or a JSONL dataset with one
 * conversation per line. Arguments are JSON strings here, but objects are accepted too.
 */
import type { FormatModule } from "@/lib/formats/types";
import { readSamples } from "@/lib/formats/normalize/json-source";
import { CHAT_EXPECTED, convertChatSample, isChatMessage } from "@/lib/formats/openai-chat/convert";
import { chatScores } from "@/lib/formats/openai-chat/detect";

const NAME = "openai-chat";

export const openaiChat: FormatModule = {
  name: NAME,
  label: "OpenAI Chat Completions",
  detect: (sample) => chatScores(sample).openai,
  async *parse(input, opts) {
    for await (const sample of readSamples(input, opts.maxDocumentBytes, isChatMessage, CHAT_EXPECTED)) {
      yield convertChatSample(sample, input.filename, NAME);
    }
  },
};
