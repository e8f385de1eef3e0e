/** Review test fixtures: a project with members of each role and trajectories imported into it. */
import { makeMember, makeProject, uid } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import { pgPool } from "@/lib/db/pg-pool";
import { DEFAULT_RUBRIC } from "@/lib/review/rubric";

export async function importTrajectory(projectId: string, actorId: string | null): Promise<string> {
  const line = JSON.stringify({
    messages: [
      { role: "user", content: `Fix the failing test ${uid()}` },
      { role: "assistant", content: "Running the tests." },
      { role: "assistant", content: "Fixed." },
    ],
  });
  const r = await importFile(await tempFile("t.jsonl", `${line}\n`), { projectId, actorId, format: "auto" });
  if (!r.trajectoryId) throw new Error(`fixture import failed: ${r.error?.message}`);
  return r.trajectoryId;
}

export async function reviewProject() {
  const project = await makeProject();
  const [annotator, reviewerA, reviewerB, reviewerC, lead] = await Promise.all([
    makeMember(project.id, "annotator"),
    makeMember(project.id, "reviewer"),
    makeMember(project.id, "reviewer"),
    makeMember(project.id, "reviewer"),
    makeMember(project.id, "lead"),
  ]);
  return { project, annotator, reviewerA, reviewerB, reviewerC, lead };
}

/** Scores for every default criterion, all at `value` unless overridden. */
export function scores(value: number, over: Record<string, number> = {}): Record<string, number> {
  return { ...Object.fromEntries(DEFAULT_RUBRIC.map((c) => [c.key, value])), ...over };
}

/** Writes settings directly (bypassing the API's bounds), e.g. a one-second claim TTL for expiry tests. */
export async function setSettingsRow(
  projectId: string,
  fields: { claimTtlSeconds?: number; requiredReviews?: number },
) {
  await pgPool().query(
    `INSERT INTO "ReviewSettings" ("projectId","rubric","requiredReviews","agreementThreshold","claimTtlSeconds","queueNewTrajectories","updatedAt")
     VALUES ($1,$2,$3,0.75,$4,true,now())`,
    [projectId, JSON.stringify(DEFAULT_RUBRIC), fields.requiredReviews ?? 2, fields.claimTtlSeconds ?? 1800],
  );
}

export async function auditCount(projectId: string): Promise<number> {
  const r = await pgPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE "projectId"=$1`, [
    projectId,
  ]);
  return r.rows[0].n;
}
