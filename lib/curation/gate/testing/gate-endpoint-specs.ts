/**
 * The curation gate's rows of the authorization matrix (spread into ENDPOINT_SPECS): running a
 * set's checks, redacting and waiving findings, and the instance admins' purge. One checked set per
 * project serves every request that changes nothing (a redaction of a validation finding answers
 * 422, a purge with a wrong confirmation 422); a waiver gets a fresh open finding each time.
 */
import type { EndpointSpec, SpecContext } from "@/lib/auth/testing/endpoint-specs";
import { pgPool } from "@/lib/db/pg-pool";
import { uid } from "@/lib/db/testing/factories";
import { importApproved, makeSet } from "@/lib/curation/gate/testing/gate-fixtures";
import { SEEDED } from "@/lib/curation/gate/testing/seeded-secrets";
import { runChecks } from "@/lib/curation/gate/run-checks";

interface Checked {
  setId: string;
  secretId: string;
  validationId: string;
}

const shared = new Map<string, Promise<Checked>>();

/** A set whose one sample has a secret and no final answer, checked: two open findings. */
function checkedSet(ctx: SpecContext): Promise<Checked> {
  if (!shared.has(ctx.project.id))
    shared.set(
      ctx.project.id,
      (async () => {
        const id = await importApproved(ctx.project.id, ctx.adminId, {
          output: `key ${SEEDED["github-token"][1]}`,
          noAnswer: true,
        });
        const setId = await makeSet(ctx.project.id, [id]);
        await runChecks(ctx.project.id, setId, ctx.adminId, { rateLimit: false });
        const r = await pgPool().query<{ id: string; category: string }>(
          `SELECT "id","category" FROM "CurationFinding" WHERE "setId"=$1`,
          [setId],
        );
        return {
          setId,
          secretId: r.rows.find((x) => x.category === "secret")!.id,
          validationId: r.rows.find((x) => x.category === "validation")!.id,
        };
      })(),
    );
  return shared.get(ctx.project.id)!;
}

/** A new open finding on the shared set (a copy of its validation finding under a new fingerprint). */
async function freshFinding(ctx: SpecContext): Promise<{ setId: string; findingId: string }> {
  const c = await checkedSet(ctx);
  const r = await pgPool().query<{ id: string }>(
    `INSERT INTO "CurationFinding" ("id","projectId","setId","trajectoryId","revisionNumber","category","rule","message","fingerprint","updatedAt")
     SELECT gen_random_uuid()::text,"projectId","setId","trajectoryId","revisionNumber","category","rule","message",$2,now()
     FROM "CurationFinding" WHERE "id"=$1 RETURNING "id"`,
    [c.validationId, `matrix-${uid()}-${uid()}`],
  );
  return { setId: c.setId, findingId: r.rows[0].id };
}

export const GATE_ENDPOINT_SPECS: Record<string, EndpointSpec> = {
  "GET /api/projects/[slug]/curation/sets/[setId]/checks": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, setId: (await checkedSet(ctx)).setId } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/curation/sets/[setId]/checks": {
    access: { kind: "project", action: "curation.check" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, setId: (await checkedSet(ctx)).setId } }),
    okStatus: 200,
  },
  // A validation finding cannot be redacted: an allowed caller reaches the service (422), nothing changes.
  "POST /api/projects/[slug]/curation/sets/[setId]/findings/[findingId]/redact": {
    access: { kind: "project", action: "curation.check" },
    prepare: async (ctx) => {
      const c = await checkedSet(ctx);
      return { params: { slug: ctx.project.slug, setId: c.setId, findingId: c.validationId } };
    },
    okStatus: 422,
  },
  "POST /api/projects/[slug]/curation/sets/[setId]/findings/[findingId]/waive": {
    access: { kind: "project", action: "curation.waive" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug, ...(await freshFinding(ctx)) },
      body: { reason: "matrix waiver" },
    }),
    okStatus: 200,
  },
  "GET /api/admin/purge/[findingId]": {
    access: { kind: "instance", action: "instance.secret.purge" },
    prepare: async (ctx) => ({ params: { findingId: (await checkedSet(ctx)).secretId } }),
    okStatus: 200,
  },
  // A wrong confirmation: an allowed caller reaches the purge (422) and nothing is rewritten.
  "POST /api/admin/purge/[findingId]": {
    access: { kind: "instance", action: "instance.secret.purge" },
    prepare: async (ctx) => ({ params: { findingId: (await checkedSet(ctx)).secretId }, body: { confirm: "not it" } }),
    okStatus: 422,
  },
};
