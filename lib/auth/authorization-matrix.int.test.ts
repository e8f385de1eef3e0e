/**
 * Every API endpoint, called as anonymous, annotator, reviewer, lead and admin (and as an API key
 * of each role), must answer as the permission table says. Route files are discovered on disk, so
 * an endpoint without an entry in ENDPOINT_SPECS fails this test.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { can, ROLES, type Role } from "@/lib/auth/permissions";
import { createApiKey } from "@/lib/auth/api-keys";
import { ENDPOINT_SPECS, UNWRAPPED_ROUTES, type SpecContext } from "@/lib/auth/testing/endpoint-specs";
import { makeMember, makeProject, makeUser, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import type { RouteHandler } from "@/lib/http/route";
import { describeSocketRevocation } from "@/lib/live/testing/socket-revocation-cases";

const ROOT = path.resolve(__dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const routeFiles = walk(path.join(ROOT, "app/api")).filter((f) => f.endsWith("/route.ts"));
const routePath = (file: string) =>
  "/" + path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");

interface Endpoint {
  key: string;
  handler: RouteHandler;
}

async function discover(): Promise<Endpoint[]> {
  const out: Endpoint[] = [];
  for (const file of routeFiles) {
    const rp = routePath(file);
    if (UNWRAPPED_ROUTES.has(rp)) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const m of METHODS)
      if (typeof mod[m] === "function") out.push({ key: `${m} ${rp}`, handler: mod[m] as RouteHandler });
  }
  return out;
}

function expectedForRole(access: RouteHandler["access"], role: Role | "instanceAdmin" | "anonymous"): "ok" | 401 | 403 {
  if (access.kind === "public") return "ok";
  if (role === "anonymous") return 401;
  if (access.kind === "user") return "ok";
  if (access.kind === "instance") return role === "instanceAdmin" ? "ok" : 403;
  if (role === "instanceAdmin") return "ok";
  return can(role, access.action) ? "ok" : 403;
}

let endpoints: Endpoint[];
let ctx: SpecContext;
const cookies: Partial<Record<Role | "instanceAdmin", string>> = {};
const apiKeys: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  endpoints = await discover();
  const project = await makeProject();
  const instanceAdmin = await makeUser({ isAdmin: true });
  cookies.instanceAdmin = await sessionCookie(instanceAdmin.id);
  for (const role of ROLES) {
    const u = await makeMember(project.id, role);
    cookies[role] = await sessionCookie(u.id);
    if (role === "admin") ctx = { project, adminId: u.id };
  }
  for (const role of ROLES) {
    apiKeys[role] = (
      await createApiKey({
        projectId: project.id,
        name: `k-${role}`,
        role,
        creatorId: ctx.adminId,
        creatorRole: "admin",
      })
    ).secret;
  }
});

describe("authorization matrix", () => {
  it("has a spec for every endpoint on disk, and every spec names an existing endpoint", () => {
    const keys = endpoints.map((e) => e.key).sort();
    expect(keys).toEqual(Object.keys(ENDPOINT_SPECS).sort());
  });

  it("every endpoint enforces the access rule its spec names", () => {
    for (const e of endpoints)
      expect({ key: e.key, access: e.handler.access }).toEqual({ key: e.key, access: ENDPOINT_SPECS[e.key].access });
  });

  it("no server actions exist outside the matrix (mutations are route handlers)", () => {
    const sources = [
      ...walk(path.join(ROOT, "app")),
      ...walk(path.join(ROOT, "components")),
      ...walk(path.join(ROOT, "lib")),
    ].filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes("/generated/"));
    const withActions = sources.filter((f) => /^\s*["']use server["']/m.test(readFileSync(f, "utf8")));
    expect(withActions).toEqual([]);
  });

  const callers = ["anonymous", ...ROLES, "instanceAdmin"] as const;
  for (const caller of callers) {
    it(`answers ${caller} as the permission table says`, async () => {
      const rows: string[] = [];
      for (const e of endpoints) {
        const spec = ENDPOINT_SPECS[e.key];
        const req = await spec.prepare(ctx);
        const res = await callRoute(e.handler, {
          method: e.key.split(" ")[0],
          path: req.query ? `/?${req.query}` : "/",
          params: req.params,
          body: req.body,
          cookie: caller === "anonymous" ? undefined : cookies[caller],
        });
        const expected = expectedForRole(spec.access, caller);
        const ok = expected === "ok" ? res.status === (spec.okStatus ?? 200) : res.status === expected;
        if (!ok)
          rows.push(
            `${e.key}: expected ${expected === "ok" ? spec.okStatus : expected}, got ${res.status} ${JSON.stringify(res.json)}`,
          );
      }
      expect(rows).toEqual([]);
    });
  }

  for (const role of ROLES) {
    it(`answers an API key with the ${role} role as that role on project endpoints`, async () => {
      const rows: string[] = [];
      for (const e of endpoints.filter((x) => x.handler.access.kind !== "public")) {
        const spec = ENDPOINT_SPECS[e.key];
        const req = await spec.prepare(ctx);
        const res = await callRoute(e.handler, {
          method: e.key.split(" ")[0],
          path: req.query ? `/?${req.query}` : "/",
          params: req.params,
          body: req.body,
          authorization: `Bearer ${apiKeys[role]}`,
        });
        // Keys act only inside their project; user and instance endpoints need a signed-in person.
        const expected = spec.access.kind === "project" ? (can(role, spec.access.action) ? "ok" : 403) : 403;
        const ok = expected === "ok" ? res.status === (spec.okStatus ?? 200) : res.status === expected;
        if (!ok)
          rows.push(
            `${e.key}: expected ${expected === "ok" ? spec.okStatus : expected}, got ${res.status} ${JSON.stringify(res.json)}`,
          );
      }
      expect(rows).toEqual([]);
    });
  }
});

// Socket events are checked per role in lib/live/socket-server.int.test.ts; here: access taken away.
describeSocketRevocation();
