/**
 * Hugging Face `messages` datasets (TRL, chat templates) and the LIMI training format
 * `{tools, messages}`: OpenAI-shaped messages whose tool-call arguments are JSON objects, with
 * reasoning in `reasoning_content`/`thinking`. A JSON array of samples, one object, or JSONL.
 * LIMI rows may carry empty call ids; results are then joined to calls in order.
 */
import type { FormatModule } from "@/lib/formats/types";
import { readSamples } from "@/lib/formats/normalize/json-source";
import { CHAT_EXPECTED, convertChatSample, isChatMessage } from "@/lib/formats/openai-chat/convert";
import { chatScores } from "@/lib/formats/openai-chat/detect";

const NAME = "hf-messages";

export const hfMessages: FormatModule = {
  name: NAME,
  label: "Hugging Face messages / LIMI",
  detect: (sample) => chatScores(sample).hf,
  async *parse(input, opts) {
    for await (const sample of readSamples(input, opts.maxDocumentBytes, isChatMessage, CHAT_EXPECTED)) {
      yield convertChatSample(sample, input.filename, NAME);
    }
  },
};
