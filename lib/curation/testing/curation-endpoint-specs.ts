/** The curation and release routes' rows of the authorization matrix (spread into ENDPOINT_SPECS). */
import type { EndpointSpec, SpecContext } from "@/lib/auth/testing/endpoint-specs";
import { pgPool } from "@/lib/db/pg-pool";
import { uid } from "@/lib/db/testing/factories";
import { curationTrajectory, makeSet } from "@/lib/curation/testing/curation-fixtures";
import { runChecks } from "@/lib/curation/gate/run-checks";

const slug = (ctx: SpecContext) => ({ slug: ctx.project.slug });

/** A set holding one approved trajectory (target 1), released once as number 1, shared by the read rows. */
const shared = new Map<string, Promise<{ setId: string; trajectoryId: string }>>();
function releasedSet(ctx: SpecContext) {
  if (!shared.has(ctx.project.id))
    shared.set(
      ctx.project.id,
      (async () => {
        const setId = await makeSet(ctx.project.id, { targetSize: 1 });
        const trajectoryId = await curationTrajectory(ctx.project.id, ctx.adminId);
        await pgPool().query(`INSERT INTO "CurationItem" ("setId","trajectoryId","projectId") VALUES ($1,$2,$3)`, [
          setId,
          trajectoryId,
          ctx.project.id,
        ]);
        const rel = await pgPool().query<{ id: string }>(
          `INSERT INTO "Release" ("id","projectId","setId","number","validation","tokenRule")
           VALUES (gen_random_uuid()::text,$1,$2,coalesce((SELECT max("number") FROM "Release" WHERE "projectId"=$1),0)+1,'{}','{}') RETURNING "id"`,
          [ctx.project.id, setId],
        );
        await pgPool().query(
          `INSERT INTO "ReleaseItem" ("releaseId","trajectoryId","projectId","revisionNumber","position") VALUES ($1,$2,$3,1,0)`,
          [rel.rows[0].id, trajectoryId, ctx.project.id],
        );
        return { setId, trajectoryId };
      })(),
    );
  return shared.get(ctx.project.id)!;
}

/** A fresh set (target 1) holding the shared approved trajectory, for the writes that change or release it. */
async function fullSet(ctx: SpecContext) {
  const setId = await makeSet(ctx.project.id, { targetSize: 1 });
  const { trajectoryId } = await releasedSet(ctx);
  await pgPool().query(`INSERT INTO "CurationItem" ("setId","trajectoryId","projectId") VALUES ($1,$2,$3)`, [
    setId,
    trajectoryId,
    ctx.project.id,
  ]);
  return { setId, trajectoryId };
}

const read = { kind: "project", action: "trajectory.read" } as const;
const write = { kind: "project", action: "curation.write" } as const;

export const CURATION_ENDPOINT_SPECS: Record<string, EndpointSpec> = {
  "GET /api/projects/[slug]/curation/sets": {
    access: read,
    prepare: async (ctx) => ({ params: slug(ctx) }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/curation/sets": {
    access: write,
    prepare: async (ctx) => ({ params: slug(ctx), body: { name: `matrix ${uid()}`, targetSize: 10 } }),
    okStatus: 201,
  },
  "GET /api/projects/[slug]/curation/sets/[setId]": {
    access: read,
    prepare: async (ctx) => ({ params: { ...slug(ctx), setId: (await releasedSet(ctx)).setId } }),
    okStatus: 200,
  },
  "PATCH /api/projects/[slug]/curation/sets/[setId]": {
    access: write,
    prepare: async (ctx) => ({
      params: { ...slug(ctx), setId: await makeSet(ctx.project.id) },
      body: { targetSize: 70 },
    }),
    okStatus: 200,
  },
  "DELETE /api/projects/[slug]/curation/sets/[setId]": {
    access: write,
    prepare: async (ctx) => ({ params: { ...slug(ctx), setId: await makeSet(ctx.project.id) } }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/curation/sets/[setId]/pool": {
    access: read,
    prepare: async (ctx) => ({ params: { ...slug(ctx), setId: (await releasedSet(ctx)).setId }, query: "sort=tokens" }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/curation/sets/[setId]/duplicates": {
    access: read,
    prepare: async (ctx) => ({ params: { ...slug(ctx), setId: (await releasedSet(ctx)).setId } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/curation/sets/[setId]/items": {
    access: write,
    prepare: async (ctx) => ({
      params: { ...slug(ctx), setId: await makeSet(ctx.project.id) },
      body: { trajectoryIds: [(await releasedSet(ctx)).trajectoryId] },
    }),
    okStatus: 200,
  },
  "DELETE /api/projects/[slug]/curation/sets/[setId]/items/[trajectoryId]": {
    access: write,
    prepare: async (ctx) => ({ params: { ...slug(ctx), ...(await fullSet(ctx)) } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/curation/sets/[setId]/suggest": {
    access: write,
    prepare: async (ctx) => ({ params: { ...slug(ctx), setId: await makeSet(ctx.project.id, { targetSize: 2 }) } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/curation/sets/[setId]/release": {
    access: { kind: "project", action: "curation.release" },
    prepare: async (ctx) => {
      const { setId } = await fullSet(ctx);
      // The release gate needs a run of the set's checks over exactly its samples.
      await runChecks(ctx.project.id, setId, ctx.adminId, { rateLimit: false });
      return { params: { ...slug(ctx), setId }, body: { notes: "matrix" } };
    },
    okStatus: 201,
  },
  "GET /api/projects/[slug]/curation/stats": {
    access: read,
    prepare: async (ctx) => ({ params: slug(ctx), query: `setId=${(await releasedSet(ctx)).setId}` }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/releases": { access: read, prepare: async (ctx) => ({ params: slug(ctx) }), okStatus: 200 },
  "GET /api/projects/[slug]/releases/[number]": {
    access: read,
    prepare: async (ctx) => {
      await releasedSet(ctx);
      return { params: { ...slug(ctx), number: "1" } };
    },
    okStatus: 200,
  },
  "GET /api/projects/[slug]/releases/compare": {
    access: read,
    prepare: async (ctx) => {
      await releasedSet(ctx);
      return { params: slug(ctx), query: "from=1&to=1" };
    },
    okStatus: 200,
  },
};
