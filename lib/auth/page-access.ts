/**
 * The check for pages (server components). Same actor resolution and permission table as the
 * routes; an anonymous visitor is sent to /login, an outsider gets 404, a role without the action
 * gets the forbidden state. Navigation hiding in the UI is a convenience on top of this.
 */
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { isAppError } from "@/lib/errors/app-error";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { requireProjectAccess, type ProjectAccess } from "@/lib/auth/project-access";
import { ACTIONS, can, type Action } from "@/lib/auth/permissions";

async function cookieHeader(): Promise<string> {
  const jar = await cookies();
  return jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join("; ");
}

export async function pageActor(next: string): Promise<Actor & { kind: "user" }> {
  const actor = await resolveActor({ cookie: await cookieHeader() }).catch(() => null);
  if (!actor || actor.kind !== "user") redirect(`/login?next=${encodeURIComponent(next)}`);
  return actor;
}

export type PageAccess =
  | (ProjectAccess & { actor: Actor & { kind: "user" }; allowed: Action[] })
  | { forbidden: true; actor: Actor & { kind: "user" } };

export async function projectPageAccess(slug: string, action: Action, path: string): Promise<PageAccess> {
  const actor = await pageActor(path);
  try {
    const access = await requireProjectAccess(actor, slug, action);
    return { ...access, actor, allowed: ACTIONS.filter((a) => can(access.role, a)) };
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    if (isAppError(e) && e.code === "FORBIDDEN") return { forbidden: true, actor };
    throw e;
  }
}
