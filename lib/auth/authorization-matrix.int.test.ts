/**
 * Every API endpoint, called as anonymous, annotator, reviewer, lead and admin (and as an API key
 * of each role), must answer as README.md says: its API table names each endpoint's permission and
 * its role table who holds it (parsed by lib/auth/testing/readme-access.ts, whose comment gives the
 * rules a row must follow). That statement is independent of the code, so a wrong permission in
 * the table, a route's wrapper or ENDPOINT_SPECS fails here. Route files are discovered on disk, so
 * an endpoint without an entry in ENDPOINT_SPECS or a row in README fails this test.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, PERMISSIONS, ROLES, type Role } from "@/lib/auth/permissions";
import { createApiKey } from "@/lib/auth/api-keys";
import { ENDPOINT_SPECS, UNWRAPPED_ROUTES, type SpecContext } from "@/lib/auth/testing/endpoint-specs";
import { endpointKey, parseReadmeAccess } from "@/lib/auth/testing/readme-access";
import { accessMismatches, expectedFromReadme } from "@/lib/auth/testing/access-mismatches";
import { makeMember, makeProject, makeUser, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import type { RouteHandler } from "@/lib/http/route";
import { describeSocketRevocation } from "@/lib/live/testing/socket-revocation-cases";

const ROOT = path.resolve(__dirname, "../..");
const README = parseReadmeAccess(readFileSync(path.join(ROOT, "README.md"), "utf8"), ROLES);
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
  /** `METHOD /api/…/[param]`, the key of ENDPOINT_SPECS. */
  key: string;
  /** The same with parameters written `*`, the key of README's API table. */
  readmeKey: string;
  handler: RouteHandler;
}

async function discover(): Promise<Endpoint[]> {
  const out: Endpoint[] = [];
  for (const file of routeFiles) {
    const rp = routePath(file);
    if (UNWRAPPED_ROUTES.has(rp)) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const m of METHODS)
      if (typeof mod[m] === "function")
        out.push({ key: `${m} ${rp}`, readmeKey: endpointKey(m, rp), handler: mod[m] as RouteHandler });
  }
  return out;
}

/** README's access for an endpoint; a missing row is reported by the agreement test. */
function stated(e: Endpoint) {
  const row = README.endpoints.get(e.readmeKey);
  if (!row) throw new Error(`${e.key} has no row in README's API table`);
  return row.access;
}

let endpoints: Endpoint[];
let ctx: SpecContext;
const cookies: Partial<Record<Role | "instanceAdmin", string>> = {};
/** Each caller's user id: endpoints whose rule is "the author" prepare rows written by the caller. */
const userIds: Partial<Record<Role | "instanceAdmin", string>> = {};
const apiKeys: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  endpoints = await discover();
  const project = await makeProject();
  const instanceAdmin = await makeUser({ isAdmin: true });
  cookies.instanceAdmin = await sessionCookie(instanceAdmin.id);
  userIds.instanceAdmin = instanceAdmin.id;
  for (const role of ROLES) {
    const u = await makeMember(project.id, role);
    cookies[role] = await sessionCookie(u.id);
    userIds[role] = u.id;
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

/** Calls each endpoint once as one caller; a line for every answer other than the expected one. */
async function wrongAnswers(
  list: Endpoint[],
  auth: { cookie?: string; authorization?: string },
  expectedOf: (e: Endpoint) => "ok" | 401 | 403,
  callerId: string = ctx.adminId,
): Promise<string[]> {
  const rows: string[] = [];
  for (const e of list) {
    const spec = ENDPOINT_SPECS[e.key];
    const req = await spec.prepare({ ...ctx, callerId });
    const res = await callRoute(e.handler, {
      method: e.key.split(" ")[0],
      path: req.query ? `/?${req.query}` : "/",
      params: req.params,
      body: req.body,
      ...auth,
    });
    const expected = expectedOf(e);
    const ok = expected === "ok" ? res.status === (spec.okStatus ?? 200) : res.status === expected;
    if (!ok)
      rows.push(
        `${e.key}: expected ${expected === "ok" ? spec.okStatus : expected}, got ${res.status} ${JSON.stringify(res.json)}`,
      );
  }
  return rows;
}

describe("authorization matrix", () => {
  it("has a spec for every endpoint on disk, and every spec names an existing endpoint", () => {
    const keys = endpoints.map((e) => e.key).sort();
    expect(keys).toEqual(Object.keys(ENDPOINT_SPECS).sort());
  });

  it("the permission table and every route's access rule say what README.md says", () => {
    const mismatches = accessMismatches({
      readme: README,
      roles: ROLES,
      actions: ACTIONS,
      permissions: PERMISSIONS,
      routes: endpoints.map((e) => ({ key: e.readmeKey, access: e.handler.access })),
    });
    expect(mismatches).toEqual([]);
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
    it(`answers ${caller} as README.md says`, async () => {
      const cookie = caller === "anonymous" ? undefined : cookies[caller];
      const expected = (e: Endpoint) => expectedFromReadme(stated(e), caller, README.grants);
      const callerId = caller === "anonymous" ? undefined : userIds[caller];
      expect(await wrongAnswers(endpoints, { cookie }, expected, callerId)).toEqual([]);
    });
  }

  it("refuses every write carrying the session cookie from another origin, before anything else", async () => {
    const rows: string[] = [];
    for (const e of endpoints.filter((x) => x.key.split(" ")[0] !== "GET")) {
      const spec = ENDPOINT_SPECS[e.key];
      const req = await spec.prepare(ctx);
      const variants: Record<string, string>[] = [
        { origin: "http://localhost:4444" },
        { "sec-fetch-site": "same-site" },
      ];
      for (const headers of variants) {
        const res = await callRoute(e.handler, {
          method: e.key.split(" ")[0],
          path: req.query ? `/?${req.query}` : "/",
          params: req.params,
          body: req.body,
          cookie: cookies.instanceAdmin,
          headers,
        });
        const expected = spec.access.kind === "public" ? "not 403" : 403;
        if (expected === 403 && res.status !== 403) rows.push(`${e.key} ${JSON.stringify(headers)}: got ${res.status}`);
      }
    }
    expect(rows).toEqual([]);
  });

  for (const role of ROLES) {
    it(`answers an API key with the ${role} role as that role on project endpoints`, async () => {
      // Keys act only inside their project; user and instance endpoints need a signed-in person.
      const expected = (e: Endpoint) => {
        const access = stated(e);
        const refused = ENDPOINT_SPECS[e.key].apiKeys === "refused";
        return access.kind === "project" && !refused && README.grants.get(role)?.has(access.action) ? "ok" : 403;
      };
      const nonPublic = endpoints.filter((x) => x.handler.access.kind !== "public");
      // A key acts as its creator (the project admin here), so the admin's rows are the key's own.
      expect(await wrongAnswers(nonPublic, { authorization: `Bearer ${apiKeys[role]}` }, expected)).toEqual([]);
    });
  }
});

// Socket events are checked per role in lib/live/socket-server.int.test.ts; here: access taken away.
describeSocketRevocation();
