/** The export routes' rows of the authorization matrix (spread into ENDPOINT_SPECS). */
import type { EndpointSpec, SpecContext } from "@/lib/auth/testing/endpoint-specs";
import { db } from "@/lib/db/client";
import { approveAll, makeRelease } from "@/lib/export/testing/releases";
import { importTrajectory } from "@/lib/review/testing/review-fixtures";

/** One release per project (of one approved trajectory), and one finished export of it. */
const releases = new Map<string, Promise<number>>();
function release(ctx: SpecContext): Promise<number> {
  if (!releases.has(ctx.project.id))
    releases.set(
      ctx.project.id,
      (async () => {
        const id = await importTrajectory(ctx.project.id, ctx.adminId);
        await approveAll(ctx.project.id, [id], ctx.adminId);
        return (await makeRelease(ctx.project.id, [id])).number;
      })(),
    );
  return releases.get(ctx.project.id)!;
}

/** A finished export row (the download route zips its files; none is needed for access checks). */
async function finishedExport(ctx: SpecContext): Promise<string> {
  const e = await db().export.create({
    data: { projectId: ctx.project.id, releaseNumber: await release(ctx), format: "limi", options: {}, status: "done" },
    select: { id: true },
  });
  return e.id;
}

export const EXPORT_ENDPOINT_SPECS: Record<string, EndpointSpec> = {
  "GET /api/projects/[slug]/exports": {
    access: { kind: "project", action: "export.create" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/exports": {
    access: { kind: "project", action: "export.create" },
    // Queued exports left by earlier callers would hit the per-project cap (429).
    prepare: async (ctx) => {
      await db().export.updateMany({
        where: { projectId: ctx.project.id, status: { in: ["queued", "running"] } },
        data: { status: "failed", error: "cleared by the authorization matrix" },
      });
      return { params: { slug: ctx.project.slug }, body: { release: await release(ctx), format: "limi" } };
    },
    okStatus: 202,
  },
  "GET /api/projects/[slug]/exports/[exportId]": {
    access: { kind: "project", action: "export.create" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, exportId: await finishedExport(ctx) } }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/exports/[exportId]/download": {
    access: { kind: "project", action: "export.create" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, exportId: await finishedExport(ctx) } }),
    okStatus: 200,
  },
};

export const TRAINING_ENDPOINT_SPECS: Record<string, EndpointSpec> = {
  "GET /api/projects/[slug]/chat-template": {
    access: { kind: "project", action: "project.read" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug } }),
    okStatus: 200,
  },
  "PUT /api/projects/[slug]/chat-template": {
    access: { kind: "project", action: "project.update" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug }, body: { model: "tiny-bpe", builtin: "chatml" } }),
    okStatus: 202,
  },
  "GET /api/projects/[slug]/trajectories/[trajectoryId]/training": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => {
      await db().project.update({
        where: { id: ctx.project.id },
        data: { chatTemplate: "builtin:chatml+folder:tiny-bpe" },
      });
      return { params: { slug: ctx.project.slug, trajectoryId: await importTrajectory(ctx.project.id, ctx.adminId) } };
    },
    okStatus: 200,
  },
};
