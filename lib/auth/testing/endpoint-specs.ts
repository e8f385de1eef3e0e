/**
 * The authorization matrix's table: every API endpoint with the access rule it must enforce and a
 * request that is valid for a caller who is allowed. The matrix test discovers route files on disk
 * and fails when an endpoint is missing here, so a new route cannot be added without appearing.
 */
import type { AccessRule } from "@/lib/http/route";
import { db } from "@/lib/db/client";
import { makeUser, uid } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import { saveRevision } from "@/lib/trajectory/revisions";
import { REVIEW_ENDPOINT_SPECS } from "@/lib/review/testing/review-endpoint-specs";
import { CURATION_ENDPOINT_SPECS } from "@/lib/curation/testing/curation-endpoint-specs";
import { GATE_ENDPOINT_SPECS } from "@/lib/curation/gate/testing/gate-endpoint-specs";
import { EXPORT_ENDPOINT_SPECS, TRAINING_ENDPOINT_SPECS } from "@/lib/export/testing/export-endpoint-specs";
import { LIVE_ENDPOINT_SPECS } from "@/lib/live/sessions/testing/live-endpoint-specs";

const CHAT_LINE = JSON.stringify({
  messages: [
    { role: "user", content: "matrix" },
    { role: "assistant", content: "ok" },
  ],
});

const PR_LINE = JSON.stringify({
  repo: "acme/app",
  number: 7,
  title: "Fix off-by-one in pager",
  patch:
    "diff --git a/src/pager.ts b/src/pager.ts\n--- a/src/pager.ts\n+++ b/src/pager.ts\n@@ -1 +1 @@\n-const last = n;\n+const last = n - 1;\n",
});

async function makeQuery(ctx: SpecContext): Promise<string> {
  const q = await db().query.create({
    data: {
      projectId: ctx.project.id,
      text: `Matrix query ${uid()} ${uid()} about a unique topic ${uid()}`,
      domain: "Vibe Coding",
    },
    select: { id: true },
  });
  return q.id;
}

async function makePrImport(ctx: SpecContext): Promise<{ importId: string; prId: string }> {
  const imp = await db().prImport.create({
    data: {
      projectId: ctx.project.id,
      sourceKind: "file",
      sourceName: "m.jsonl",
      options: {},
      total: 1,
      kept: 1,
      removed: {},
    },
    select: { id: true },
  });
  const pr = await db().pullRequest.create({
    data: {
      projectId: ctx.project.id,
      importId: imp.id,
      repo: "acme/app",
      number: 7,
      title: "Fix pager",
      patch: "diff --git a/x b/x\n",
      changedFiles: ["x"],
      kept: true,
    },
    select: { id: true },
  });
  return { importId: imp.id, prId: pr.id };
}

async function makeRun(ctx: SpecContext): Promise<string> {
  const { importId } = await makePrImport(ctx);
  const run = await db().synthesisRun.create({
    data: { projectId: ctx.project.id, importId, model: "stub", template: "{{title}}", total: 1 },
    select: { id: true },
  });
  return run.id;
}

/** A trajectory of its own, for endpoints that change it. */
async function freshTrajectory(ctx: SpecContext): Promise<string> {
  const line = JSON.stringify({
    messages: [
      { role: "user", content: `edit me ${uid()}` },
      { role: "assistant", content: "ok" },
    ],
  });
  const r = await importFile(await tempFile("edit.jsonl", `${line}\n`), {
    projectId: ctx.project.id,
    actorId: ctx.adminId,
    format: "auto",
  });
  return r.trajectoryId!;
}

async function makeAnnotation(ctx: SpecContext, trajectoryId: string, authorId?: string): Promise<string> {
  const a = await db().annotation.create({
    data: { projectId: ctx.project.id, trajectoryId, stepKey: "s0", label: "error", authorId },
    select: { id: true },
  });
  return a.id;
}

/** An annotation with one comment, both written by the caller (author-only rules let them through). */
async function makeOwnComment(ctx: SpecContext, trajectoryId: string) {
  const authorId = ctx.callerId ?? ctx.adminId;
  const annotationId = await makeAnnotation(ctx, trajectoryId, authorId);
  const c = await db().annotationComment.create({
    data: { projectId: ctx.project.id, annotationId, authorId, body: "mine" },
    select: { id: true },
  });
  return { annotationId, commentId: c.id };
}

/** One imported trajectory per project, shared by the endpoints that read one. */
const imported = new Map<string, string>();
async function importedTrajectory(ctx: SpecContext): Promise<string> {
  const known = imported.get(ctx.project.id);
  if (known) return known;
  const r = await importFile(await tempFile("matrix.jsonl", `${CHAT_LINE}\n`), {
    projectId: ctx.project.id,
    actorId: ctx.adminId,
    format: "auto",
  });
  if (!r.trajectoryId) throw new Error(`matrix fixture import failed: ${r.error?.message}`);
  imported.set(ctx.project.id, r.trajectoryId);
  return r.trajectoryId;
}

export interface SpecContext {
  project: { id: string; slug: string };
  adminId: string;
  /** The user the request is made as (the key's creator for an API key); defaults to adminId. */
  callerId?: string;
}

export interface PreparedRequest {
  params?: Record<string, string>;
  body?: unknown;
  /** Query string without the "?". */
  query?: string;
}

export interface EndpointSpec {
  access: AccessRule;
  /** Builds a request an allowed caller would make successfully; may create rows it consumes. */
  prepare(ctx: SpecContext): Promise<PreparedRequest>;
  /** Status an allowed caller gets (default: any 2xx). */
  okStatus?: number;
  /** "refused": API keys get 403 whatever their role (creating keys: a key cannot outlive its parent). */
  apiKeys?: "refused";
}

const slugOnly = async (ctx: SpecContext): Promise<PreparedRequest> => ({ params: { slug: ctx.project.slug } });

export const ENDPOINT_SPECS: Record<string, EndpointSpec> = {
  ...REVIEW_ENDPOINT_SPECS,
  ...CURATION_ENDPOINT_SPECS,
  ...GATE_ENDPOINT_SPECS,
  ...EXPORT_ENDPOINT_SPECS,
  ...TRAINING_ENDPOINT_SPECS,
  ...LIVE_ENDPOINT_SPECS,
  "GET /api/health": { access: { kind: "public" }, prepare: async () => ({}), okStatus: 200 },
  "GET /api/me": { access: { kind: "user" }, prepare: async () => ({}), okStatus: 200 },
  "GET /api/projects": { access: { kind: "user" }, prepare: async () => ({}), okStatus: 200 },
  // A wrong current password: every signed-in caller reaches the service (422) without ending its own
  // session, which the rest of the matrix still needs.
  "PUT /api/me/password": {
    access: { kind: "user" },
    prepare: async () => ({ body: { currentPassword: "not-the-password", newPassword: "a-new-password-1" } }),
    okStatus: 422,
  },
  "GET /api/users": {
    access: { kind: "instance", action: "instance.user.manage" },
    prepare: async () => ({}),
    okStatus: 200,
  },
  "PATCH /api/users/[userId]": {
    access: { kind: "instance", action: "instance.user.manage" },
    prepare: async () => ({ params: { userId: (await makeUser()).id }, body: { disabled: false } }),
    okStatus: 200,
  },
  "POST /api/users/[userId]/password": {
    access: { kind: "instance", action: "instance.user.manage" },
    prepare: async () => ({ params: { userId: (await makeUser()).id }, body: { password: "a-reset-password-1" } }),
    okStatus: 204,
  },
  "POST /api/projects": {
    access: { kind: "instance", action: "instance.project.create" },
    prepare: async () => ({ body: { slug: `m-${uid()}`, name: "Matrix project" } }),
    okStatus: 201,
  },
  "GET /api/projects/[slug]": { access: { kind: "project", action: "project.read" }, prepare: slugOnly, okStatus: 200 },
  "PATCH /api/projects/[slug]": {
    access: { kind: "project", action: "project.update" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug }, body: { description: `updated ${uid()}` } }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/members": {
    access: { kind: "project", action: "member.read" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "POST /api/projects/[slug]/members": {
    access: { kind: "project", action: "member.manage" },
    prepare: async (ctx) => {
      const u = await makeUser();
      return { params: { slug: ctx.project.slug }, body: { email: u.email, role: "annotator" } };
    },
    okStatus: 201,
  },
  "PATCH /api/projects/[slug]/members/[userId]": {
    access: { kind: "project", action: "member.manage" },
    prepare: async (ctx) => {
      const u = await makeUser();
      await db().membership.create({ data: { projectId: ctx.project.id, userId: u.id, role: "annotator" } });
      return { params: { slug: ctx.project.slug, userId: u.id }, body: { role: "reviewer" } };
    },
    okStatus: 200,
  },
  "DELETE /api/projects/[slug]/members/[userId]": {
    access: { kind: "project", action: "member.manage" },
    prepare: async (ctx) => {
      const u = await makeUser();
      await db().membership.create({ data: { projectId: ctx.project.id, userId: u.id, role: "annotator" } });
      return { params: { slug: ctx.project.slug, userId: u.id } };
    },
    okStatus: 204,
  },
  "GET /api/projects/[slug]/api-keys": {
    access: { kind: "project", action: "apikey.manage" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "POST /api/projects/[slug]/api-keys": {
    access: { kind: "project", action: "apikey.manage" },
    apiKeys: "refused",
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug }, body: { name: "matrix", role: "annotator" } }),
    okStatus: 201,
  },
  "DELETE /api/projects/[slug]/api-keys/[keyId]": {
    access: { kind: "project", action: "apikey.manage" },
    prepare: async (ctx) => {
      const key = await db().apiKey.create({
        data: {
          projectId: ctx.project.id,
          name: "to revoke",
          prefix: "limi_x",
          keyHash: `h-${uid()}-${uid()}`,
          role: "annotator",
          createdById: ctx.adminId,
        },
        select: { id: true },
      });
      return { params: { slug: ctx.project.slug, keyId: key.id } };
    },
    okStatus: 204,
  },
  "GET /api/projects/[slug]/trajectories": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "GET /api/projects/[slug]/audit": {
    access: { kind: "project", action: "audit.read" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "GET /api/projects/[slug]/tokenizer": {
    access: { kind: "project", action: "project.read" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "PUT /api/projects/[slug]/tokenizer": {
    access: { kind: "project", action: "project.update" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug }, body: { tokenizer: "o200k_base" } }),
    okStatus: 202,
  },
  "GET /api/projects/[slug]/reparse": {
    access: { kind: "project", action: "trajectory.reparse" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "POST /api/projects/[slug]/reparse": {
    access: { kind: "project", action: "trajectory.reparse" },
    // Needs a kept original; a queued re-parse left by the previous caller would answer 409.
    prepare: async (ctx) => {
      await importedTrajectory(ctx);
      await db().job.updateMany({
        where: { projectId: ctx.project.id, kind: "import.reparse", status: "queued" },
        data: { status: "failed", error: "cleared by the authorization matrix" },
      });
      return { params: { slug: ctx.project.slug } };
    },
    okStatus: 202,
  },
  "GET /api/projects/[slug]/jobs": {
    access: { kind: "project", action: "project.read" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "GET /api/projects/[slug]/queries": {
    access: { kind: "project", action: "query.read" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "POST /api/projects/[slug]/queries": {
    access: { kind: "project", action: "query.write" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug },
      body: { text: `A new human query ${uid()}`, domain: "Vibe Coding" },
    }),
    okStatus: 201,
  },
  "GET /api/projects/[slug]/queries/[queryId]": {
    access: { kind: "project", action: "query.read" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, queryId: await makeQuery(ctx) } }),
    okStatus: 200,
  },
  "PATCH /api/projects/[slug]/queries/[queryId]": {
    access: { kind: "project", action: "query.write" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug, queryId: await makeQuery(ctx) },
      body: { tags: ["matrix"] },
    }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/queries/bulk": {
    access: { kind: "project", action: "query.decide" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug },
      body: { ids: [await makeQuery(ctx)], status: "rejected" },
    }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/queries/import": {
    access: { kind: "project", action: "query.write" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug },
      body: `${JSON.stringify({ text: `Imported ${uid()}`, domain: "Research Workflows" })}\n`,
    }),
    okStatus: 201,
  },
  "GET /api/projects/[slug]/queries/export": {
    access: { kind: "project", action: "query.read" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "GET /api/projects/[slug]/domains": {
    access: { kind: "project", action: "query.read" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "PUT /api/projects/[slug]/domains": {
    access: { kind: "project", action: "project.update" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug },
      body: { domains: ["Vibe Coding", "Research Workflows"] },
    }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/pr-imports": {
    access: { kind: "project", action: "query.read" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "POST /api/projects/[slug]/pr-imports": {
    access: { kind: "project", action: "query.decide" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug }, query: "filename=prs.jsonl", body: `${PR_LINE}\n` }),
    okStatus: 201,
  },
  "GET /api/projects/[slug]/pr-imports/[importId]": {
    access: { kind: "project", action: "query.read" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, importId: (await makePrImport(ctx)).importId } }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/synthesis/template": {
    access: { kind: "project", action: "query.read" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "PUT /api/projects/[slug]/synthesis/template": {
    access: { kind: "project", action: "query.decide" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug },
      body: { template: "Write a task for {{repo}}#{{number}}: {{title}}\n{{patch}}" },
    }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/synthesis/preview": {
    access: { kind: "project", action: "query.decide" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug },
      body: { template: "Task for {{title}}", prId: (await makePrImport(ctx)).prId },
    }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/synthesis/runs": {
    access: { kind: "project", action: "query.read" },
    prepare: slugOnly,
    okStatus: 200,
  },
  "POST /api/projects/[slug]/synthesis/runs": {
    access: { kind: "project", action: "query.decide" },
    // No LLM is configured in the matrix run: an allowed caller gets past authorization to the configuration check.
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug },
      body: { importId: (await makePrImport(ctx)).importId },
    }),
    okStatus: 422,
  },
  "GET /api/projects/[slug]/synthesis/runs/[runId]": {
    access: { kind: "project", action: "query.read" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, runId: await makeRun(ctx) } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/synthesis/runs/[runId]/cancel": {
    access: { kind: "project", action: "query.decide" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, runId: await makeRun(ctx) } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/synthesis/runs/[runId]/resume": {
    access: { kind: "project", action: "query.decide" },
    // As for starting a run: no LLM in the matrix run, so an allowed caller reaches the configuration check.
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, runId: await makeRun(ctx) } }),
    okStatus: 422,
  },
  "POST /api/projects/[slug]/imports": {
    access: { kind: "project", action: "trajectory.import" },
    // A raw upload; the same content every time, so later calls answer "duplicate" (still 200).
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug },
      query: "filename=matrix.jsonl",
      body: `${CHAT_LINE}\n`,
    }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/trajectories/[trajectoryId]": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, trajectoryId: await importedTrajectory(ctx) } }),
    okStatus: 200,
  },
  "PATCH /api/projects/[slug]/trajectories/[trajectoryId]": {
    access: { kind: "project", action: "trajectory.edit" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug, trajectoryId: await freshTrajectory(ctx) },
      body: { title: `Renamed ${uid()}` },
    }),
    okStatus: 200,
  },
  "DELETE /api/projects/[slug]/trajectories/[trajectoryId]": {
    access: { kind: "project", action: "trajectory.delete" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, trajectoryId: await freshTrajectory(ctx) } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/trajectories/[trajectoryId]/restore": {
    access: { kind: "project", action: "trajectory.delete" },
    prepare: async (ctx) => {
      const trajectoryId = await freshTrajectory(ctx);
      await db().trajectory.update({ where: { id: trajectoryId }, data: { deletedAt: new Date() } });
      return { params: { slug: ctx.project.slug, trajectoryId } };
    },
    okStatus: 200,
  },
  "POST /api/projects/[slug]/trajectories/bulk": {
    access: { kind: "project", action: "trajectory.edit" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug },
      body: { ids: [await freshTrajectory(ctx), await freshTrajectory(ctx)], set: { domain: "Vibe Coding" } },
    }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/trajectories/[trajectoryId]/steps": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, trajectoryId: await importedTrajectory(ctx) } }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/trajectories/[trajectoryId]/bodies": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug, trajectoryId: await importedTrajectory(ctx) },
      query: "ids=x,y",
    }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/trajectories/[trajectoryId]/canonical": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, trajectoryId: await importedTrajectory(ctx) } }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/trajectories/[trajectoryId]/revisions": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, trajectoryId: await importedTrajectory(ctx) } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/trajectories/[trajectoryId]/revisions": {
    access: { kind: "project", action: "trajectory.edit" },
    prepare: async (ctx) => {
      const trajectoryId = await freshTrajectory(ctx);
      return {
        params: { slug: ctx.project.slug, trajectoryId },
        body: {
          baseNumber: 1,
          reason: "matrix edit",
          ops: [{ op: "insert", after: null, step: { kind: "human", text: "note" } }],
        },
      };
    },
    okStatus: 201,
  },
  "GET /api/projects/[slug]/trajectories/[trajectoryId]/revisions/diff": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug, trajectoryId: await importedTrajectory(ctx) },
      query: "from=1&to=1",
    }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/trajectories/[trajectoryId]/revisions/revert": {
    access: { kind: "project", action: "trajectory.edit" },
    prepare: async (ctx) => {
      const trajectoryId = await freshTrajectory(ctx);
      await saveRevision(
        ctx.project.id,
        trajectoryId,
        { baseNumber: 1, reason: "to revert", ops: [{ op: "delete", key: "s0" }] },
        { id: ctx.adminId, name: "admin" },
      );
      return {
        params: { slug: ctx.project.slug, trajectoryId },
        body: { baseNumber: 2, reason: "matrix revert", to: 1 },
      };
    },
    okStatus: 201,
  },
  "GET /api/projects/[slug]/trajectories/[trajectoryId]/annotations": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, trajectoryId: await importedTrajectory(ctx) } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/trajectories/[trajectoryId]/annotations": {
    access: { kind: "project", action: "annotation.write" },
    prepare: async (ctx) => ({
      params: { slug: ctx.project.slug, trajectoryId: await importedTrajectory(ctx) },
      body: { stepKey: "s0", label: "key-decision" },
    }),
    okStatus: 201,
  },
  "PATCH /api/projects/[slug]/trajectories/[trajectoryId]/annotations/[annotationId]": {
    access: { kind: "project", action: "annotation.write" },
    prepare: async (ctx) => {
      const trajectoryId = await importedTrajectory(ctx);
      return {
        params: { slug: ctx.project.slug, trajectoryId, annotationId: await makeAnnotation(ctx, trajectoryId) },
        body: { status: "resolved" },
      };
    },
    okStatus: 200,
  },
  "DELETE /api/projects/[slug]/trajectories/[trajectoryId]/annotations/[annotationId]": {
    access: { kind: "project", action: "annotation.write" },
    prepare: async (ctx) => {
      const trajectoryId = await importedTrajectory(ctx);
      const annotationId = await makeAnnotation(ctx, trajectoryId, ctx.callerId ?? ctx.adminId);
      return { params: { slug: ctx.project.slug, trajectoryId, annotationId } };
    },
    okStatus: 200,
  },
  "PATCH /api/projects/[slug]/trajectories/[trajectoryId]/annotations/[annotationId]/comments/[commentId]": {
    access: { kind: "project", action: "annotation.write" },
    prepare: async (ctx) => {
      const trajectoryId = await importedTrajectory(ctx);
      const own = await makeOwnComment(ctx, trajectoryId);
      return { params: { slug: ctx.project.slug, trajectoryId, ...own }, body: { body: "reworded" } };
    },
    okStatus: 200,
  },
  "DELETE /api/projects/[slug]/trajectories/[trajectoryId]/annotations/[annotationId]/comments/[commentId]": {
    access: { kind: "project", action: "annotation.write" },
    prepare: async (ctx) => {
      const trajectoryId = await importedTrajectory(ctx);
      const own = await makeOwnComment(ctx, trajectoryId);
      return { params: { slug: ctx.project.slug, trajectoryId, ...own } };
    },
    okStatus: 200,
  },
  "POST /api/projects/[slug]/trajectories/[trajectoryId]/annotations/[annotationId]/comments": {
    access: { kind: "project", action: "annotation.write" },
    prepare: async (ctx) => {
      const trajectoryId = await importedTrajectory(ctx);
      return {
        params: { slug: ctx.project.slug, trajectoryId, annotationId: await makeAnnotation(ctx, trajectoryId) },
        body: { body: "agreed" },
      };
    },
    okStatus: 201,
  },
  "GET /api/projects/[slug]/trajectories/[trajectoryId]/source": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug, trajectoryId: await importedTrajectory(ctx) } }),
    okStatus: 200,
  },
};

/** Route files that are deliberately not built with lib/http/route.ts. */
export const UNWRAPPED_ROUTES = new Set(["/api/auth/[...nextauth]"]);
