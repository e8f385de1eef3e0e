/** Curation test fixtures: approved trajectories with given query text, tools and domain. */
import { uid } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import { pgPool } from "@/lib/db/pg-pool";
import { decide } from "@/lib/review/lead-decision";

export interface FixtureOptions {
  text?: string;
  tools?: string[];
  domain?: string | null;
  queryId?: string | null;
  /** Approve it (default) or leave it as imported. */
  approve?: boolean;
  /** Padding words in the answer, to make it longer in tokens. */
  padding?: number;
}

/** Imports one OpenAI-chat trajectory (a tool call per name in `tools`), approved by `actorId`'s decision. */
export async function curationTrajectory(projectId: string, actorId: string, o: FixtureOptions = {}): Promise<string> {
  const messages: unknown[] = [{ role: "user", content: o.text ?? `Fix the failing test in module ${uid()} ${uid()}` }];
  (o.tools ?? []).forEach((name, i) => {
    messages.push({
      role: "assistant",
      content: "",
      tool_calls: [{ id: `c${i}`, type: "function", function: { name, arguments: JSON.stringify({ step: i }) } }],
    });
    messages.push({ role: "tool", tool_call_id: `c${i}`, content: `ok ${i}` });
  });
  messages.push({ role: "assistant", content: `Done. ${"word ".repeat(o.padding ?? 0)}${uid()}` });
  const r = await importFile(await tempFile("c.jsonl", `${JSON.stringify({ messages })}\n`), {
    projectId,
    actorId,
    format: "auto",
  });
  if (!r.trajectoryId) throw new Error(`fixture import failed: ${r.error?.message}`);
  const id = r.trajectoryId;
  if (o.domain !== undefined || o.queryId !== undefined)
    await pgPool().query(
      `UPDATE "Trajectory" SET "domain"=coalesce($2,"domain"),"queryId"=coalesce($3,"queryId") WHERE "id"=$1`,
      [id, o.domain ?? null, o.queryId ?? null],
    );
  if (o.approve !== false)
    await decide(projectId, id, { decision: "override_approve", revisionNumber: 1, reason: "fixture" }, actorId);
  return id;
}

export async function makeSet(
  projectId: string,
  fields: { targetSize?: number; quotas?: Record<string, number> } = {},
) {
  const r = await pgPool().query<{ id: string }>(
    `INSERT INTO "CurationSet" ("id","projectId","name","targetSize","quotas","updatedAt")
     VALUES (gen_random_uuid()::text,$1,$2,$3,$4,now()) RETURNING "id"`,
    [projectId, `set ${uid()}`, fields.targetSize ?? 78, JSON.stringify(fields.quotas ?? {})],
  );
  return r.rows[0].id;
}
