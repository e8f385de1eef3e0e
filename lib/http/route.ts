/**
 * The wrappers every route handler is built with, so that forgetting the check is impossible:
 * - `projectRoute(action, ...)`: a route under /api/projects/[slug]; resolves the actor (session or
 *   API key), the project and the caller's role from the database, checks the permission table,
 *   and validates params, query and body with zod before the handler runs.
 * Every wrapper first refuses cross-origin writes carrying the session cookie (lib/http/same-origin),
 * reads JSON bodies with a byte limit counted while reading (lib/http/read-body), and refuses NUL and
 * lone surrogates in any parameter, query value or JSON field with a 400 naming it (lib/http/clean-text).
 * - `userRoute(...)`: any signed-in user (session only); `instanceRoute(...)` adds an instance check.
 * - `publicRoute(...)`: no authentication (health, and nothing else that touches data).
 * Each wrapper tags the handler with its access rule; the authorization matrix test reads the tag
 * and fails for any route that was built without one.
 */
import { z, type ZodType } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { requireActor, type Actor } from "@/lib/auth/actor";
import { requireProjectAccess, type ProjectRef } from "@/lib/auth/project-access";
import type { Action, InstanceAction, Role } from "@/lib/auth/permissions";
import { errorResponse, toResponse, zodToAppError } from "@/lib/http/respond";
import { readJsonBody } from "@/lib/http/read-body";
import { assertCleanInput } from "@/lib/http/clean-text";
import { assertSameOriginWrite } from "@/lib/http/same-origin";
import { runAsActor } from "@/lib/audit/audit-context";

export type AccessRule =
  | { kind: "public" }
  | { kind: "user" }
  | { kind: "instance"; action: InstanceAction }
  | { kind: "project"; action: Action };

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = ((req: Request, ctx: RouteContext) => Promise<Response>) & { access: AccessRule };

interface Schemas<P, Q, B> {
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: "body" | "query" | "params"): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value);
  if (!r.success) throw zodToAppError(r.error, where);
  return r.data;
}

async function parseInputs<P, Q, B>(req: Request, ctx: RouteContext, s: Schemas<P, Q, B>) {
  const rawParams = await ctx.params;
  assertCleanInput(rawParams, "params");
  const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
  assertCleanInput(rawQuery, "query");
  const params = parse(s.params, rawParams, "params");
  const query = parse(s.query, rawQuery, "query");
  let body = undefined as B;
  if (s.body) {
    const raw = await readJsonBody(req);
    assertCleanInput(raw, "body");
    body = parse(s.body, raw, "body");
  }
  return { rawParams, params, query, body };
}

const credentials = (req: Request) => ({
  cookie: req.headers.get("cookie"),
  authorization: req.headers.get("authorization"),
});

function tag(fn: (req: Request, ctx: RouteContext) => Promise<Response>, access: AccessRule): RouteHandler {
  return Object.assign(fn, { access });
}

export interface ProjectRouteContext<P, Q, B> {
  req: Request;
  actor: Actor;
  project: ProjectRef;
  role: Role;
  params: P;
  query: Q;
  body: B;
}

const SlugParams = z.object({ slug: z.string().min(1) }).passthrough();

export function projectRoute<P = Record<string, string>, Q = undefined, B = undefined>(
  action: Action,
  schemas: Schemas<P, Q, B>,
  fn: (ctx: ProjectRouteContext<P, Q, B>) => Promise<unknown>,
): RouteHandler {
  return tag(
    async (req, ctx) => {
      try {
        assertSameOriginWrite(req);
        const actor = await requireActor(credentials(req));
        const { slug } = SlugParams.parse(await ctx.params);
        const { project, role } = await requireProjectAccess(actor, slug, action);
        const { params, query, body } = await parseInputs(req, ctx, schemas);
        return toResponse(await runAsActor(actor, () => fn({ req, actor, project, role, params, query, body })));
      } catch (e) {
        return errorResponse(e);
      }
    },
    { kind: "project", action },
  );
}

export interface UserRouteContext<P, Q, B> {
  req: Request;
  actor: Actor & { kind: "user" };
  params: P;
  query: Q;
  body: B;
}

function sessionOnly(actor: Actor): Actor & { kind: "user" } {
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "this endpoint needs a signed-in user, not an API key");
  return actor;
}

export function userRoute<P = undefined, Q = undefined, B = undefined>(
  schemas: Schemas<P, Q, B>,
  fn: (ctx: UserRouteContext<P, Q, B>) => Promise<unknown>,
): RouteHandler {
  return tag(
    async (req, ctx) => {
      try {
        assertSameOriginWrite(req);
        const actor = sessionOnly(await requireActor(credentials(req)));
        const { params, query, body } = await parseInputs(req, ctx, schemas);
        return toResponse(await fn({ req, actor, params, query, body }));
      } catch (e) {
        return errorResponse(e);
      }
    },
    { kind: "user" },
  );
}

export function instanceRoute<P = undefined, Q = undefined, B = undefined>(
  action: InstanceAction,
  schemas: Schemas<P, Q, B>,
  fn: (ctx: UserRouteContext<P, Q, B>) => Promise<unknown>,
): RouteHandler {
  return tag(
    async (req, ctx) => {
      try {
        assertSameOriginWrite(req);
        const actor = sessionOnly(await requireActor(credentials(req)));
        if (!actor.user.isAdmin)
          throw new AppError(
            "FORBIDDEN",
            `only instance administrators may ${action.replace("instance.", "").replace(".", " ")}`,
          );
        const { params, query, body } = await parseInputs(req, ctx, schemas);
        return toResponse(await fn({ req, actor, params, query, body }));
      } catch (e) {
        return errorResponse(e);
      }
    },
    { kind: "instance", action },
  );
}

export function publicRoute(fn: (req: Request) => Promise<unknown>): RouteHandler {
  return tag(
    async (req) => {
      try {
        return toResponse(await fn(req));
      } catch (e) {
        return errorResponse(e);
      }
    },
    { kind: "public" },
  );
}
