/**
 * The text whose tokens a step is charged, per kind. The aim is what the model reads or writes
 * for the step, independent of how the source format happened to serialise it:
 *
 * - system, human, assistant, error, meta: `text`.
 * - reasoning: `text`, the readable thinking. The opaque payload (signature, encrypted content)
 *   is not counted: it is ciphertext whose token cost on the provider side is unknown, and
 *   counting its base64 would wildly overstate it. Hidden reasoning therefore counts 0.
 * - tool_call: the tool name, a newline, then the arguments as compact JSON
 *   (`JSON.stringify(arguments)`) — re-serialised rather than taken from the source so the same
 *   call counts the same whatever whitespace the format used. When the arguments did not parse,
 *   `argumentsRaw` is counted verbatim instead, since that is what the model emitted.
 * - tool_result: `output`, which the model reads. Structured results and the tool name are
 *   bookkeeping of the harness, not model input.
 *
 * Media (images, files) are placeholders and are not counted: their cost depends on the model's
 * vision encoder, not on a text tokenizer.
 */
import type { ParsedStep, StepOf } from "@/lib/trajectory/types";

export function toolCallText(step: StepOf<"tool_call">): string {
  const args = step.arguments !== null ? JSON.stringify(step.arguments) : (step.argumentsRaw ?? "");
  return args.length === 0 ? step.name : `${step.name}\n${args}`;
}

export function stepText(step: ParsedStep): string {
  switch (step.kind) {
    case "tool_call":
      return toolCallText(step);
    case "tool_result":
      return step.output;
    default:
      return step.text;
  }
}
