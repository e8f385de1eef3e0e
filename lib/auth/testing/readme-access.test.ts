import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, PERMISSIONS, ROLES, type Action } from "@/lib/auth/permissions";
import { accessMismatches, type RouteAccess } from "@/lib/auth/testing/access-mismatches";
import { endpointKey, parseReadmeAccess, type ReadmeStatement } from "@/lib/auth/testing/readme-access";
import type { AccessRule } from "@/lib/http/route";

const README = readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8");
const readme = parseReadmeAccess(README, ROLES);

/** The routes exactly as README states them, so only the permission table is under test. */
function routesAsStated(st: ReadmeStatement): RouteAccess[] {
  return [...st.endpoints].map(([key, { access }]) => ({
    key,
    access:
      access.kind === "instance"
        ? { kind: "instance", action: "instance.project.create" }
        : (access as AccessRule & { action: Action }),
  }));
}

function check(over: { permissions?: Record<string, ReadonlySet<string>>; routes?: RouteAccess[] } = {}) {
  return accessMismatches({
    readme,
    roles: ROLES,
    actions: ACTIONS,
    permissions: over.permissions ?? PERMISSIONS,
    routes: over.routes ?? routesAsStated(readme),
  });
}

describe("README's statement of access", () => {
  it("reads every API row and the role table of today's README without an error", () => {
    expect(readme.errors).toEqual([]);
    expect(readme.endpoints.size).toBeGreaterThan(40);
    const action = (method: string, p: string) => readme.endpoints.get(endpointKey(method, p))?.access;
    expect(action("GET", "/api/health")).toEqual({ kind: "public" });
    expect(action("GET", "/api/me")).toEqual({ kind: "user" });
    expect(action("POST", "/api/projects")).toEqual({ kind: "instance" });
    expect(readme.grants.get("annotator")?.has("review.approve")).toBe(false);
    expect(readme.grants.get("lead")?.has("review.approve")).toBe(true);
  });

  it.each([
    // METHOD alone continues the previous path; a relative path replaces from its first segment.
    ["POST", "/api/projects/{slug}/members", "member.manage"],
    ["DELETE", "/api/projects/{slug}/members/{id}", "member.manage"],
    ["GET", "/api/projects/{slug}/members", "member.read"],
    // A path alone takes the row's first method and is appended when it shares no segment.
    ["GET", "/api/projects/{slug}/trajectories/{id}/steps", "trajectory.read"],
    ["GET", "/api/projects/{slug}/trajectories/{id}/revisions/diff", "trajectory.read"],
    ["POST", "/api/projects/{slug}/trajectories/{id}/revisions/revert", "trajectory.edit"],
    // Labels: a word of the label that is a path segment picks it; else the first non-read label.
    ["POST", "/api/projects/{slug}/queries/bulk", "query.decide"],
    ["POST", "/api/projects/{slug}/queries/import", "query.write"],
    ["PATCH", "/api/projects/{slug}/queries/{id}", "query.write"],
    ["PUT", "/api/projects/{slug}/synthesis/template", "query.decide"],
  ])("reads %s %s as needing %s", (method, p, action) => {
    expect(readme.endpoints.get(endpointKey(method, p))?.access).toEqual({ kind: "project", action });
  });

  it("agrees with the permission table as it is", () => {
    expect(check()).toEqual([]);
  });

  it("fails a permission table that grants annotators review.approve", () => {
    const wrong = { ...PERMISSIONS, annotator: new Set([...PERMISSIONS.annotator, "review.approve"]) };
    expect(check({ permissions: wrong })).toEqual([
      "annotator: the permission table grants review.approve; README's role table does not",
    ]);
  });

  it("fails a permission table that takes one permission away", () => {
    const lead = new Set(PERMISSIONS.lead);
    lead.delete("query.decide");
    expect(check({ permissions: { ...PERMISSIONS, lead } })).toEqual([
      "lead: README's role table grants query.decide; the permission table does not",
    ]);
  });

  it("fails a route whose wrapper names another permission than README, and routes README does not list", () => {
    const routes = routesAsStated(readme);
    const bulk = routes.find((r) => r.key === "POST /api/projects/*/queries/bulk")!;
    bulk.access = { kind: "project", action: "query.write" };
    routes.push({ key: "GET /api/projects/*/secret", access: { kind: "project", action: "project.read" } });
    const line = readme.endpoints.get(bulk.key)!.line;
    expect(check({ routes })).toEqual([
      `POST /api/projects/*/queries/bulk: the route enforces query.write; README.md:${line} says query.decide`,
      "GET /api/projects/*/secret has no row in README's API table",
    ]);
    expect(check({ routes: routes.filter((r) => r !== bulk) })).toContain(
      `README.md:${line} lists POST /api/projects/*/queries/bulk, which no route file serves`,
    );
  });

  it("names the line of a row it cannot read", () => {
    const st = parseReadmeAccess(
      [
        "| route | permission |",
        "| --- | --- |",
        "| `GET /api/a` · `POST` | `a.read` · `a.write` |",
        "| `GET /api/b` | nothing here |",
        "| `GET /api/c` · `WHAT` | `c.read` |",
        "",
        "| permission | annotator | admin |",
        "| --- | --- | --- |",
        "| `a.read` | ✓ | ✓ |",
        "| `a.write` | yes | ✓ |",
      ].join("\n"),
      ["annotator", "admin"],
    );
    expect([...st.endpoints.keys()]).toEqual(["GET /api/a", "POST /api/a"]);
    expect(st.endpoints.get("POST /api/a")?.access).toEqual({ kind: "project", action: "a.write" });
    expect(st.errors).toEqual([
      "README.md:4: the permission cell names no permission (`a.b`), and is not public, signed in or instance admin",
      "README.md:5: `WHAT` is neither METHOD, a path nor METHOD path",
      'README.md:10: a.write for annotator is "yes", not ✓, — or empty',
    ]);
    expect([...st.grants.get("annotator")!]).toEqual(["a.read"]);
  });
});
