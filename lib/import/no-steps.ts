import { parseError } from "@/lib/formats/parse-error";

/**
 * A trajectory that came out empty: the message names the reader that read it and what that
 * reader skipped, so an unknown layout (a key it does not know) is visible rather than a bare
 * "no steps".
 */
export function noStepsError(file: string, n: number, parsed: { format: string; warnings: string[] }) {
  const skipped = parsed.warnings.length ? `; ${parsed.warnings.slice(0, 3).join("; ")}` : "";
  return parseError(
    file,
    `trajectory ${n} of the file has no steps when read as ${parsed.format}${skipped} (an unknown layout? --format chooses another reader)`,
  );
}
