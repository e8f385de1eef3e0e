/**
 * What the checks read of a set's sample: the approved revision's steps (with their stable keys),
 * the token statistics the token rule needs and the open `secret` annotations. Pure data, so the
 * rules and the scan are tested without a database.
 */
import type { TokenRuleStats } from "@/lib/curation/token-rule";
import type { CanonicalStep } from "@/lib/trajectory/types";

export interface CheckSample {
  trajectoryId: string;
  title: string;
  /** The approved revision checked. */
  revision: number;
  steps: readonly CanonicalStep[];
  tokens: TokenRuleStats;
  /** Annotations labelled `secret` that are still open. */
  secretAnnotations: ReadonlyArray<{
    id: string;
    stepKey: string;
    field: string | null;
    start: number | null;
    end: number | null;
    quote: string | null;
  }>;
}

export type FindingCategory = "validation" | "secret";

/** A finding as a check produces it, before it is stored. */
export interface RawFinding {
  category: FindingCategory;
  rule: string;
  trajectoryId: string;
  revision: number;
  kind?: string;
  stepKey?: string;
  stepIndex?: number;
  /** JSON path of the text in the step (`output`, `arguments.command`). */
  field?: string;
  start?: number;
  end?: number;
  /** sha256 of the secret (hex). */
  secretHash?: string;
  message: string;
  /** A masked excerpt: never the secret. */
  preview: string;
  /** What distinguishes this finding from another of the same rule, trajectory and step. */
  detail: string;
}

/** `ghp_…` → `ghp_…(40 chars)`: enough to recognise, never enough to use. */
export function maskSecret(secret: string): string {
  const shown = secret.length >= 16 ? 4 : secret.length >= 8 ? 2 : 0;
  return `${secret.slice(0, shown)}…(${secret.length} chars)`;
}
