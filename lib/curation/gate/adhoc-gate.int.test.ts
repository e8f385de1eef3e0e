/**
 * The ad-hoc export's gate (`--ids`): the set checks' rules and scan over the given approved
 * revisions, nothing stored; a clean pair passes, a secret or a broken sample refuses the whole
 * export naming the trajectory, step and rule.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertIdsReleasable } from "@/lib/curation/gate/adhoc-gate";
import { gateProject, importApproved } from "@/lib/curation/gate/testing/gate-fixtures";
import { SEEDED } from "@/lib/curation/gate/testing/seeded-secrets";

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("the ad-hoc export gate", () => {
  it("passes clean approved samples and refuses a secret or a sample without a final answer, storing nothing", async () => {
    const { project, lead } = await gateProject();
    const clean = [await importApproved(project.id, lead.id), await importApproved(project.id, lead.id)];
    await expect(assertIdsReleasable(project.id, clean)).resolves.toBeUndefined();

    const leaky = await importApproved(project.id, lead.id, { output: SEEDED["aws-access-key"][0] });
    const secret = await refusal(assertIdsReleasable(project.id, [...clean, leaky]));
    expect(secret.code).toBe("CONFLICT");
    expect(secret.location).toEqual({ field: "ids" });
    expect(secret.message).toContain(`${leaky} step`);
    expect(secret.message).toContain("aws-access-key");

    const unfinished = await importApproved(project.id, lead.id, { noAnswer: true });
    const broken = await refusal(assertIdsReleasable(project.id, [unfinished]));
    expect(broken.message).toMatch(new RegExp(`${unfinished}.*: `));
    expect(broken.message).toContain("1 open finding");

    expect(await db().curationFinding.count({ where: { projectId: project.id } })).toBe(0);
  });
});
