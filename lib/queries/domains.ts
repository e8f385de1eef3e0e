/** A project's domains: queries and trajectories are tagged with one of them. */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";

export const DomainsSchema = z.object({ domains: z.array(z.string().trim().min(1).max(64)).min(1).max(50) });

export async function projectDomains(projectId: string): Promise<string[]> {
  const p = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { domains: true } });
  return p.domains;
}

export async function setProjectDomains(projectId: string, domains: string[]): Promise<string[]> {
  const unique = [...new Set(domains)];
  const p = await db().project.update({
    where: { id: projectId },
    data: { domains: unique },
    select: { domains: true },
  });
  return p.domains;
}

export async function requireDomain(
  projectId: string,
  domain: string,
  where: { field?: string; line?: number } = { field: "domain" },
): Promise<void> {
  const domains = await projectDomains(projectId);
  if (!domains.includes(domain)) {
    throw new AppError(
      "VALIDATION",
      `${where.line ? `line ${where.line}: ` : ""}unknown domain "${domain}"; this project's domains are: ${domains.join(", ")}`,
      { location: where },
    );
  }
}
