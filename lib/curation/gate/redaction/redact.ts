/**
 * One-click redaction of a finding: a NEW revision of the trajectory (lib/trajectory/store
 * writeRevision, reason "redact <kind>") in which every occurrence of the secret in the steps' text
 * becomes `<REDACTED:kind>`. Its ops are marked `purpose: "redaction"`, so a lead's redaction of an
 * approved trajectory carries the approval over (lib/review carryApproval) instead of sending it
 * back to review. In the same transaction the finding (and every open finding of the same secret in
 * this trajectory, in any set) becomes `redacted`, other open findings follow the new revision, and
 * check runs that had checked the old revision name the new one. Older revisions, their history and
 * the kept original still hold the secret: an instance admin's purge removes it from those.
 */
import { AppError } from "@/lib/errors/app-error";
import { pgPool } from "@/lib/db/pg-pool";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadTokenizer } from "@/lib/tokens/registry";
import { findTrajectory } from "@/lib/trajectory/store/find-trajectory";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import { statisticsReusingCounts } from "@/lib/trajectory/store/statistics";
import { writeRevision, type RevisionAuthor } from "@/lib/trajectory/store/write-revision";
import type { ParsedStep } from "@/lib/trajectory/types";
import { findSet } from "@/lib/curation/gate/set-samples";
import { assertOpen, getFinding, lockFinding, type FindingRow, type FindingView } from "@/lib/curation/gate/findings";
import { leafAt, redactStep } from "@/lib/curation/gate/redaction/text-leaves";
import { sha256 } from "@/lib/curation/gate/redaction/scan";

export const placeholderFor = (kind: string) => `<REDACTED:${kind}>`;

/** A quote shorter than this is redacted where it was marked only, not everywhere it occurs. */
const SHORTEST_EVERYWHERE = 6;

/** The secret a finding points at in `steps`, or null when the text there is no longer it. */
export function secretAt(
  steps: ReadonlyArray<ParsedStep & { key: string }>,
  f: Pick<FindingRow, "stepKey" | "field" | "start" | "end" | "secretHash">,
): string | null {
  if (!f.stepKey || !f.field || f.start === null || f.end === null || !f.secretHash) return null;
  const step = steps.find((s) => s.key === f.stepKey);
  const text = step ? leafAt(step, f.field) : undefined;
  if (text === undefined) return null;
  const secret = text.slice(f.start, f.end);
  return secret && sha256(secret) === f.secretHash ? secret : null;
}

export async function redactFinding(
  projectId: string,
  setId: string,
  findingId: string,
  actor: RevisionAuthor,
  isLead: boolean,
): Promise<{ revision: number; finding: FindingView }> {
  await findSet(projectId, setId);
  const f = await lockFinding(pgPool(), projectId, setId, findingId);
  assertOpen(f);
  if (!f.secretHash || !f.kind)
    throw new AppError(
      "VALIDATION",
      "this finding is not a secret in the text: fix it in the editor (or waive it with a reason), then run the checks again",
      { location: { field: "findingId" } },
    );
  const head = await findTrajectory(projectId, f.trajectoryId, {
    headNumber: true,
    status: true,
    tokenizer: true,
    toolDefinitionTokens: true,
    project: { select: { tokenizer: true } },
  });
  if (head.headNumber !== f.revisionNumber)
    throw new AppError(
      "CONFLICT",
      `the trajectory changed since the checks ran (revision ${head.headNumber} now, the finding is of ${f.revisionNumber}): run the checks again`,
    );
  if (head.status !== "approved")
    throw new AppError(
      "CONFLICT",
      "the trajectory is not approved now: only a set's approved samples are redacted here",
    );

  const base = await readRevision(projectId, f.trajectoryId, head.headNumber);
  const secret = secretAt(base.steps, f);
  if (secret === null)
    throw new AppError("CONFLICT", "the text of this finding has changed since the checks ran: run the checks again");
  const placeholder = placeholderFor(f.kind);

  // Other open secret findings of this trajectory: found again in the new revision after the write.
  const others = (
    await pgPool().query<FindingRow>(
      `SELECT * FROM "CurationFinding" WHERE "trajectoryId"=$1 AND "projectId"=$2 AND "status"='open'
       AND "secretHash" IS NOT NULL AND "revisionNumber"=$3 AND "id"<>$4`,
      [f.trajectoryId, projectId, f.revisionNumber, f.id],
    )
  ).rows.map((o) => ({ o, secret: secretAt(base.steps, o) }));

  const everywhere = secret.length >= SHORTEST_EVERYWHERE;
  const next = base.steps.map(({ key, tokens: _t, ...step }, i) => {
    let redacted: ParsedStep;
    if (everywhere) redacted = redactStep(step as ParsedStep, secret, placeholder);
    else if (key === f.stepKey) {
      const text = leafAt(step, f.field!)!;
      redacted = setLeaf(step as ParsedStep, f.field!, text.slice(0, f.start!) + placeholder + text.slice(f.end!));
    } else redacted = step as ParsedStep;
    return {
      key,
      rowId: redacted === (step as ParsedStep) ? base.rows[i].id : null,
      version: base.rows[i].version,
      step: redacted,
    };
  });
  const changed = next.filter((s) => s.rowId === null);
  if (!changed.length)
    throw new AppError("CONFLICT", "the secret is no longer in the trajectory: run the checks again");
  const ops = changed.map((s) => ({ op: "update", key: s.key, step: s.step, purpose: "redaction", kind: f.kind }));

  const counter = await loadTokenizer(head.project.tokenizer);
  const reuse = head.tokenizer === counter.id;
  const stats = statisticsReusingCounts(
    next.map((s, i) => ({ step: s.step, tokens: reuse && s.rowId ? base.steps[i].tokens : null })),
    base.tools,
    reuse ? head.toolDefinitionTokens : null,
    counter,
  );
  const number = await writeRevision({
    projectId,
    trajectoryId: f.trajectoryId,
    base: { number: base.number, id: base.id },
    author: actor,
    reason: `redact ${f.kind}`,
    ops,
    steps: next,
    stats,
    action: "revision.redact",
    reanchor: "changed",
    carryApproval: { isLead },
    conflict: async (now) =>
      new AppError("CONFLICT", `the trajectory changed meanwhile (revision ${now} now): run the checks again`),
    alsoInTransaction: async (client, number) => {
      const locked = await lockFinding(client, projectId, setId, findingId);
      assertOpen(locked);
      const redactedBy = [actor.id, number];
      await client.query(
        `UPDATE "CurationFinding" SET "status"='redacted', "redactedById"=$3, "redactedRevision"=$4, "redactedAt"=now(), "updatedAt"=now()
         WHERE "trajectoryId"=$1 AND "secretHash"=$2 AND "status"='open'`,
        [f.trajectoryId, f.secretHash, ...redactedBy],
      );
      // Other secrets of this trajectory: where they are now, or gone with this one.
      for (const { o, secret: s } of others) {
        if (o.secretHash === f.secretHash) continue;
        const step = next.find((x) => x.key === o.stepKey);
        const text = step && o.field ? leafAt(step.step, o.field) : undefined;
        const at = s && text !== undefined ? text.indexOf(s) : -1;
        if (at >= 0)
          await client.query(
            `UPDATE "CurationFinding" SET "revisionNumber"=$2, "start"=$3, "end"=$4, "updatedAt"=now() WHERE "id"=$1`,
            [o.id, number, at, at + s!.length],
          );
        else
          await client.query(
            `UPDATE "CurationFinding" SET "status"='redacted', "redactedById"=$2, "redactedRevision"=$3, "redactedAt"=now(), "updatedAt"=now() WHERE "id"=$1`,
            [o.id, ...redactedBy],
          );
      }
      await client.query(
        `UPDATE "CurationFinding" SET "revisionNumber"=$2, "updatedAt"=now()
         WHERE "trajectoryId"=$1 AND "status"='open' AND "secretHash" IS NULL AND "revisionNumber"=$3`,
        [f.trajectoryId, number, f.revisionNumber],
      );
      // A secret annotation on this text is dealt with.
      await client.query(
        `UPDATE "Annotation" SET "status"='resolved', "updatedAt"=now()
         WHERE "trajectoryId"=$1 AND "label"='secret' AND "status"='open' AND "quote" IS NOT NULL
           AND encode(sha256(convert_to("quote", 'UTF8')), 'hex') = $2`,
        [f.trajectoryId, f.secretHash],
      );
      // Check runs that checked the old revision now name the new one (only the secret changed).
      const runs = await client.query<{ setId: string; samples: Array<{ trajectoryId: string; revision: number }> }>(
        `SELECT "setId","samples" FROM "CurationCheckRun" WHERE "projectId"=$1 AND "samples" @> $2::jsonb FOR UPDATE`,
        [projectId, JSON.stringify([{ trajectoryId: f.trajectoryId, revision: f.revisionNumber }])],
      );
      for (const r of runs.rows)
        await client.query(`UPDATE "CurationCheckRun" SET "samples"=$2 WHERE "setId"=$1`, [
          r.setId,
          JSON.stringify(
            r.samples.map((x) =>
              x.trajectoryId === f.trajectoryId && x.revision === f.revisionNumber ? { ...x, revision: number } : x,
            ),
          ),
        ]);
      await recordAudit(
        {
          projectId,
          actorId: actor.id,
          apiKeyId: actor.apiKeyId ?? null,
          action: "curation.finding.redact",
          targetType: "CurationFinding",
          targetId: findingId,
          data: { setId, trajectoryId: f.trajectoryId, kind: f.kind, revision: number, steps: changed.length },
        },
        client,
      );
    },
  });
  return { revision: number, finding: await getFinding(projectId, findingId) };
}

function setLeaf(step: ParsedStep, pointer: string, value: string): ParsedStep {
  const copy = structuredClone(step) as unknown as Record<string, unknown>;
  const segs = pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let at: Record<string, unknown> = copy;
  for (const s of segs.slice(0, -1)) at = at[s] as Record<string, unknown>;
  at[segs.at(-1)!] = value;
  return copy as unknown as ParsedStep;
}
