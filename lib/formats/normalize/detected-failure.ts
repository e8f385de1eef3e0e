/**
 * Failures written only as text. Formats without an error field (OpenAI chat and Responses,
 * ShareGPT, HF messages, ATIF, Codex, the SWE-agent family) report a failed command in the output
 * text alone. This heuristic marks such results as failed with `errorSource: "detected"`, kept apart
 * from failures the source flagged itself. The rules, in order:
 *
 * 1. An exit code as common harnesses print it decides alone: `[exit code: N]`, `Exit code: N`,
 *    `Exit Code: N` (Gemini CLI shell output), `exit_code: N`, `Process exited with code N`,
 *    `<returncode>N</returncode>` (mini-swe-agent), `exited with code N`. Non-zero is a failure,
 *    zero is a success whatever the rest of the text says.
 * 2. Codex sandbox and patch refusals: `failed in sandbox`, `patch rejected`, `apply_patch
 *    verification failed`.
 * 3. A leading `Error` / `ERROR` / `error:` (followed by `:` or a space) or `Traceback (most recent
 *    call last)`; `Error: (none)` (Gemini CLI's "no error" line) is not a failure.
 * 4. The editors' refusal `No replacement was performed` (SWE-agent, OpenHands str_replace_editor).
 *
 * Only results that are not already failed are looked at; nothing is ever un-flagged.
 */
import type { ParsedStep } from "@/lib/trajectory/types";

const EXIT_CODES: RegExp[] = [
  /\[exit code:\s*(-?\d+)\]/i,
  /^\s*exit[ _]code:\s*(-?\d+)\s*$/im,
  /\bprocess exited with code\s+(-?\d+)/i,
  /<returncode>\s*(-?\d+)\s*<\/returncode>/i,
  /\bexited with (?:exit )?code\s+(-?\d+)/i,
];
const REFUSALS =
  /\bfailed in sandbox\b|\bpatch rejected\b|apply_patch verification failed|No replacement was performed/i;
const LEADING_ERROR = /^(?:Error|ERROR|error)(?::|\s)|^Traceback \(most recent call last\)/;
const NO_ERROR = /^Error:\s*\(none\)/;

/** True when the text of a tool output reads as a failure (see the rules above). */
export function looksFailed(output: string): boolean {
  // Harness headers sit at the start or end of long outputs; the middle is the command's own text.
  const text = output.length > 8000 ? `${output.slice(0, 4000)}\n${output.slice(-4000)}` : output;
  for (const re of EXIT_CODES) {
    const m = re.exec(text);
    if (m) return Number(m[1]) !== 0;
  }
  if (REFUSALS.test(text)) return true;
  const start = text.trimStart();
  return LEADING_ERROR.test(start) && !NO_ERROR.test(start);
}

/** Marks unflagged results whose output reads as a failure; returns how many. */
export function flagDetectedFailures(steps: ParsedStep[]): number {
  let n = 0;
  for (const s of steps) {
    // A result whose source stated its flag (an explicit `is_error: false`), or whose flag a person
    // cleared, is taken at its word.
    if (s.kind !== "tool_result" || s.isError || s.errorSource === "source" || s.errorSource === "flagged") continue;
    if (!looksFailed(s.output)) continue;
    s.isError = true;
    s.errorSource = "detected";
    n++;
  }
  return n;
}
