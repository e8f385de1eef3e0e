/**
 * The gate for an ad-hoc export (`limi export --ids`, or the API's `ids`): the same validation
 * rules and secret scan a set's checks run, over the given trajectories' approved revisions, with
 * nothing stored. Any finding refuses the export, named with its rule and step; findings cannot be
 * redacted or waived here — that needs a curation set and its Checks page.
 */
import { AppError } from "@/lib/errors/app-error";
import { approvedItems, loadSamples } from "@/lib/curation/gate/set-samples";
import { validateSamples } from "@/lib/curation/gate/validation/rules";
import { scanSample } from "@/lib/curation/gate/redaction/scan";

/** LIMI dropped samples over 125k tokens; an ad-hoc set has no set of its own to say otherwise. */
export const ADHOC_MAX_TOKENS = 125_000;
const NAMED = 5;

export async function assertIdsReleasable(projectId: string, trajectoryIds: readonly string[]): Promise<void> {
  const samples = await loadSamples(projectId, await approvedItems(projectId, trajectoryIds));
  const findings = [
    ...validateSamples(samples, { maxTokensPerSample: ADHOC_MAX_TOKENS }),
    ...(await Promise.all(samples.map(scanSample))).flat(),
  ];
  if (!findings.length) return;
  const named = findings
    .slice(0, NAMED)
    .map((f) => `${f.trajectoryId}${f.stepKey ? ` step ${f.stepKey}` : ""}: ${f.rule}${f.kind ? ` (${f.kind})` : ""}`);
  throw new AppError(
    "CONFLICT",
    `the trajectories have ${findings.length} open finding${findings.length === 1 ? "" : "s"} (${named.join("; ")}${findings.length > NAMED ? "; …" : ""}): put them in a curation set and resolve them on its Checks page`,
    {
      location: { field: "ids" },
      details: {
        findings: findings
          .slice(0, 50)
          .map((f) => ({ trajectoryId: f.trajectoryId, stepKey: f.stepKey, rule: f.rule, kind: f.kind })),
      },
    },
  );
}
