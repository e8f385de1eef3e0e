/**
 * The checks an export makes over the whole set before writing a byte: at least one sample, every
 * tool call's arguments an object, one type per tool-argument name across the set (all formats:
 * LIMI's rule, and what a parquet column needs), every value of `{tools, messages}` shaped
 * consistently (parquet only), and for `prm` a first-error key that exists in the revision.
 */
import { AppError } from "@/lib/errors/app-error";
import type { ShapeConflict } from "@/lib/export/parquet/value-shape";
import type { ExportFormat, ExportSample } from "@/lib/export/types";

const ARGUMENTS_PATH = "messages[].tool_calls[].function.arguments.";

export interface SetProblem {
  sample?: string;
  field?: string;
  message: string;
}

/** Per-sample problems that no format can write correctly. */
export function sampleProblems(sample: ExportSample, name: string, format: ExportFormat): SetProblem[] {
  const out: SetProblem[] = [];
  for (const s of sample.steps) {
    if (s.kind === "tool_call" && s.arguments === null)
      out.push({
        sample: name,
        field: `step ${s.key}`,
        message: `sample ${name}, step ${s.key}: the arguments of tool call ${s.callId} (${s.name}) are not a JSON object${s.argumentsRaw !== undefined ? ` (${JSON.stringify(s.argumentsRaw.slice(0, 80))})` : ""}`,
      });
  }
  if (format === "prm" && sample.firstErrorStepKey && !sample.steps.some((s) => s.key === sample.firstErrorStepKey))
    out.push({
      sample: name,
      field: "firstErrorStepKey",
      message: `sample ${name}: the first-error step ${sample.firstErrorStepKey} is not in revision ${sample.meta.revision}`,
    });
  return out;
}

function describeTypes(c: ShapeConflict): string {
  return c.types
    .map((t) => {
      const more = t.moreSamples > 0 ? ` and ${t.moreSamples} more` : "";
      return `${t.type} in ${t.samples.length + t.moreSamples === 1 ? "sample" : "samples"} ${t.samples.join(", ")}${more}`;
    })
    .join("; ");
}

export function conflictProblems(conflicts: ShapeConflict[], format: ExportFormat): SetProblem[] {
  const out: SetProblem[] = [];
  for (const c of conflicts) {
    if (c.path.startsWith(ARGUMENTS_PATH)) {
      const arg = c.path.slice(ARGUMENTS_PATH.length);
      out.push({
        field: c.path,
        message: `tool-call argument "${arg}" has more than one type across the set: ${describeTypes(c)}`,
      });
    } else if (format === "limi") {
      out.push({
        field: c.path,
        message: `\`${c.path}\` has more than one type across the set (one parquet column needs one): ${describeTypes(c)}`,
      });
    }
  }
  return out;
}

/** Keeps the error readable for a big set: the first problems, and how many more. */
const SHOWN = 20;

export function refuse(problems: SetProblem[]): never {
  const shown = problems.slice(0, SHOWN).map((p) => `- ${p.message}`);
  const more = problems.length > SHOWN ? [`- and ${problems.length - SHOWN} more`] : [];
  throw new AppError(
    "VALIDATION",
    `The set cannot be exported (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${[...shown, ...more].join("\n")}`,
    {
      location: problems[0]?.field ? { field: problems[0].field } : undefined,
      details: { problems: problems.slice(0, 200) },
    },
  );
}
