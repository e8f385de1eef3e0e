/**
 * The curation gate's rows of the authorization matrix (spread into ENDPOINT_SPECS): running a
 * set's checks, redacting and waiving findings, and the instance admins' purge.
 */
import type { EndpointSpec, SpecContext } from "@/lib/auth/testing/endpoint-specs";
import { pgPool } from "@/lib/db/pg-pool";
import { uid } from "@/lib/db/testing/factories";
import { importApproved, makeSet } from "@/lib/curation/gate/testing/gate-fixtures";
import { SEEDED } from "@/lib/curation/gate/testing/seeded-secrets";
import { runChecks } from "@/lib/curation/gate/run-checks";

/** A set whose one sample has a secret, checked: its secret finding is open. */
async function checkedSet(ctx: SpecContext): Promise<{ setId: string; findingId: string }> {
  const id = await importApproved(ctx.project.id, ctx.adminId, { output: `key ${SEEDED["github-token"][1]} ${uid()}` });
  const setId = await makeSet(ctx.project.id, [id]);
  await runChecks(ctx.project.id, setId, ctx.adminId, { rateLimit: false });
  const r = await pgPool().query<{ id: string }>(
    `SELECT "id" FROM "CurationFinding" WHERE "setId"=$1 AND "category"='secret'`,
    [setId],
  );
  return { setId, findingId: r.rows[0].id };
}

const setParams = async (ctx: SpecContext) => {
  const { setId, findingId } = await checkedSet(ctx);
  return { slug: ctx.project.slug, setId, findingId };
};

export const GATE_ENDPOINT_SPECS: Record<string, EndpointSpec> = {
  "GET /api/projects/[slug]/curation/sets/[setId]/checks": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: await setParams(ctx) }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/curation/sets/[setId]/checks": {
    access: { kind: "project", action: "curation.check" },
    prepare: async (ctx) => ({ params: await setParams(ctx) }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/curation/sets/[setId]/findings/[findingId]/redact": {
    access: { kind: "project", action: "curation.check" },
    prepare: async (ctx) => ({ params: await setParams(ctx) }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/curation/sets/[setId]/findings/[findingId]/waive": {
    access: { kind: "project", action: "curation.waive" },
    prepare: async (ctx) => ({ params: await setParams(ctx), body: { reason: "matrix waiver" } }),
    okStatus: 200,
  },
  "GET /api/admin/purge/[findingId]": {
    access: { kind: "instance", action: "instance.secret.purge" },
    prepare: async (ctx) => ({ params: { findingId: (await checkedSet(ctx)).findingId } }),
    okStatus: 200,
  },
  // A wrong confirmation: an allowed caller reaches the purge (422) and nothing is rewritten.
  "POST /api/admin/purge/[findingId]": {
    access: { kind: "instance", action: "instance.secret.purge" },
    prepare: async (ctx) => ({ params: { findingId: (await checkedSet(ctx)).findingId }, body: { confirm: "not it" } }),
    okStatus: 422,
  },
};
