/** The importer's "no steps" message, for format tests that check it names the reader. */
import { noStepsError } from "@/lib/import/no-steps";
import type { ParsedTrajectory } from "@/lib/trajectory/types";

export const importedNoStepsMessage = (file: string, t: ParsedTrajectory): string => noStepsError(file, 1, t).message;
