/**
 * What the authorization matrix checks before it calls anything: the permission table, and the
 * access rule each route enforces, against README.md's statement of them (lib/auth/testing/
 * readme-access.ts). Pure, so a test can hand it a deliberately wrong table and see it complain.
 */
import type { AccessRule } from "@/lib/http/route";
import type { ReadmeAccess, ReadmeStatement } from "@/lib/auth/testing/readme-access";

export interface RouteAccess {
  /** `METHOD /api/path` with parameter segments written `*` (see endpointKey). */
  key: string;
  access: AccessRule;
}

export function describeAccess(a: AccessRule | ReadmeAccess): string {
  return a.kind === "project" ? a.action : a.kind === "instance" ? "instance admin" : a.kind;
}

function sameAccess(route: AccessRule, readme: ReadmeAccess): boolean {
  if (route.kind !== readme.kind) return false;
  return route.kind !== "project" || route.action === (readme as { action: string }).action;
}

/** Every way the code disagrees with README.md, one line each; empty when they agree. */
export function accessMismatches(input: {
  readme: ReadmeStatement;
  roles: readonly string[];
  actions: readonly string[];
  permissions: Readonly<Record<string, ReadonlySet<string>>>;
  routes: readonly RouteAccess[];
}): string[] {
  const { readme, roles, actions, permissions, routes } = input;
  const out = [...readme.errors];
  for (const action of actions)
    if (!readme.permissions.has(action)) out.push(`${action} (permission table) has no row in README's role table`);
  for (const p of readme.permissions)
    if (!actions.includes(p)) out.push(`README's role table names ${p}, which the permission table does not have`);
  for (const role of roles) {
    const stated = readme.grants.get(role);
    if (!stated) {
      out.push(`README's role table has no column for ${role}`);
      continue;
    }
    for (const action of actions) {
      const granted = permissions[role]?.has(action) ?? false;
      if (granted !== stated.has(action))
        out.push(
          granted
            ? `${role}: the permission table grants ${action}; README's role table does not`
            : `${role}: README's role table grants ${action}; the permission table does not`,
        );
    }
  }
  const onDisk = new Set(routes.map((r) => r.key));
  for (const r of routes) {
    const stated = readme.endpoints.get(r.key);
    if (!stated) out.push(`${r.key} has no row in README's API table`);
    else if (!sameAccess(r.access, stated.access))
      out.push(
        `${r.key}: the route enforces ${describeAccess(r.access)}; README.md:${stated.line} says ${describeAccess(stated.access)}`,
      );
  }
  for (const [key, { line }] of readme.endpoints)
    if (!onDisk.has(key)) out.push(`README.md:${line} lists ${key}, which no route file serves`);
  return out;
}

/** What a caller should get from an endpoint, by README's statement alone. */
export function expectedFromReadme(
  access: ReadmeAccess,
  caller: string,
  grants: ReadmeStatement["grants"],
): "ok" | 401 | 403 {
  if (access.kind === "public") return "ok";
  if (caller === "anonymous") return 401;
  if (access.kind === "user") return "ok";
  if (access.kind === "instance") return caller === "instanceAdmin" ? "ok" : 403;
  if (caller === "instanceAdmin") return "ok";
  return grants.get(caller)?.has(access.action) ? "ok" : 403;
}
