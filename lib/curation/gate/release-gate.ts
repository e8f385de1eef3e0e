/**
 * The release gate: validation and redaction findings that must be resolved (or waived) before a
 * set can be locked as a release. MINIMAL PLACEHOLDER: the gate branch replaces this file with the
 * real checks (the lead engineer merges it); this version keeps the signature and finds nothing.
 */
import type { Prisma } from "@/lib/db/generated/client";

export async function assertReleasable(
  tx: Prisma.TransactionClient,
  projectId: string,
  setId: string,
): Promise<{ findings: unknown[]; waivers: unknown[] }> {
  void tx;
  void projectId;
  void setId;
  return { findings: [], waivers: [] };
}
