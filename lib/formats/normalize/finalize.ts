/**
 * The last step of every parser: flag orphans, report replaced media, make NUL characters and
 * unpaired surrogates visible (see text-hygiene.ts), and validate against the
 * canonical schema so that a converter bug surfaces as a located error instead of bad data.
 */
import { ParsedTrajectorySchema, type ParsedTrajectory } from "@/lib/trajectory/types";
import { flagOrphans } from "@/lib/formats/normalize/link-calls";
import { flagDetectedFailures } from "@/lib/formats/normalize/detected-failure";
import { parseError } from "@/lib/formats/parse-error";
import { cleanTextInPlace, hygieneWarnings } from "@/lib/formats/normalize/text-hygiene";
import type { ErrorLocation } from "@/lib/errors/app-error";

export type Where = Omit<ErrorLocation, "file">;

/**
 * Formats with no error flag on tool results: failures are only in the output text, so the
 * heuristic of detected-failure.ts marks them (as "detected", apart from flagged ones). Formats
 * with a flag (Claude Code, Anthropic, Gemini CLI, Inspect, OpenHands) are left to their flag.
 */
const TEXT_ONLY_ERRORS = new Set([
  "openai-chat",
  "openai-responses",
  "hf-messages",
  "sharegpt",
  "atif",
  "codex-cli",
  "mini-swe-agent",
  "swe-agent",
  "sii-cli",
]);

export interface FinalizeOptions {
  /** Calls answered by a result that names another call of the same batch (not orphans). */
  coveredCalls?: ReadonlySet<string>;
}

export function finalizeTrajectory(
  t: ParsedTrajectory,
  file: string,
  where: Where = {},
  opts: FinalizeOptions = {},
): ParsedTrajectory {
  flagOrphans(t.steps, t.warnings, opts.coveredCalls);
  t.warnings.push(...hygieneWarnings(cleanTextInPlace(t)));
  if (TEXT_ONLY_ERRORS.has(t.format)) {
    const detected = flagDetectedFailures(t.steps);
    if (detected)
      t.warnings.push(`${detected} tool result(s) marked failed from their text (detected, not flagged by the source)`);
  }
  const media = t.steps.reduce((n, s) => n + (s.media?.length ?? 0), 0);
  if (media) t.warnings.push(`replaced ${media} base64 media item(s) with placeholders`);
  const r = ParsedTrajectorySchema.safeParse(t);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue.path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");
  // Point at the source line of the offending step when the converter recorded one.
  const stepIndex = issue.path[0] === "steps" && typeof issue.path[1] === "number" ? issue.path[1] : -1;
  const line = stepIndex >= 0 ? t.steps[stepIndex]?.source?.line : undefined;
  const loc: Where = line !== undefined ? { ...where, line } : where;
  throw parseError(file, `the converted trajectory does not fit the canonical model at ${path}: ${issue.message}`, loc);
}
