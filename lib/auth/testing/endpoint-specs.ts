/**
 * The authorization matrix's table: every API endpoint with the access rule it must enforce and a
 * request that is valid for a caller who is allowed. The matrix test discovers route files on disk
 * and fails when an endpoint is missing here, so a new route cannot be added without appearing.
 */
import type { AccessRule } from "@/lib/http/route";
import { db } from "@/lib/db/client";
import { makeUser, uid } from "@/lib/db/testing/factories";

export interface SpecContext {
  project: { id: string; slug: string };
  adminId: string;
}

export interface PreparedRequest {
  params?: Record<string, string>;
  body?: unknown;
  query?: string;
}

export interface EndpointSpec {
  access: AccessRule;
  /** Builds a request an allowed caller would make successfully; may create rows it consumes. */
  prepare(ctx: SpecContext): Promise<PreparedRequest>;
  /** Status an allowed caller gets (default: any 2xx). */
  okStatus?: number;
}

const slugOnly = async (ctx: SpecContext): Promise<PreparedRequest> => ({ params: { slug: ctx.project.slug } });

export const ENDPOINT_SPECS: Record<string, EndpointSpec> = {
  "GET /api/health": { access: { kind: "public" }, prepare: async () => ({}), okStatus: 200 },
  "GET /api/me": { access: { kind: "user" }, prepare: async () => ({}), okStatus: 200 },
  "GET /api/projects": { access: { kind: "user" }, prepare: async () => ({}), okStatus: 200 },
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
  "GET /api/projects/[slug]/members": { access: { kind: "project", action: "member.read" }, prepare: slugOnly, okStatus: 200 },
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
  "GET /api/projects/[slug]/api-keys": { access: { kind: "project", action: "apikey.manage" }, prepare: slugOnly, okStatus: 200 },
  "POST /api/projects/[slug]/api-keys": {
    access: { kind: "project", action: "apikey.manage" },
    prepare: async (ctx) => ({ params: { slug: ctx.project.slug }, body: { name: "matrix", role: "annotator" } }),
    okStatus: 201,
  },
  "DELETE /api/projects/[slug]/api-keys/[keyId]": {
    access: { kind: "project", action: "apikey.manage" },
    prepare: async (ctx) => {
      const key = await db().apiKey.create({
        data: { projectId: ctx.project.id, name: "to revoke", prefix: "limi_x", keyHash: `h-${uid()}-${uid()}`, role: "annotator", createdById: ctx.adminId },
        select: { id: true },
      });
      return { params: { slug: ctx.project.slug, keyId: key.id } };
    },
    okStatus: 204,
  },
  "GET /api/projects/[slug]/trajectories": { access: { kind: "project", action: "trajectory.read" }, prepare: slugOnly, okStatus: 200 },
  "GET /api/projects/[slug]/audit": { access: { kind: "project", action: "audit.read" }, prepare: slugOnly, okStatus: 200 },
};

/** Route files that are deliberately not built with lib/http/route.ts. */
export const UNWRAPPED_ROUTES = new Set(["/api/auth/[...nextauth]"]);
