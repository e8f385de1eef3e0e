/** The query pool's API responses as the browser reads them (never the database's row types). */
import type { QuerySource, QueryStatus } from "@/lib/queries/query-fields";
import type { RemovedBy } from "@/components/queries/prs/pr-filter-form";
import type { RunTally } from "@/components/queries/synthesis/run-progress";

export interface QueryRow {
  id: string;
  text: string;
  domain: string;
  difficulty: string | null;
  tags: string[];
  source: QuerySource;
  status: QueryStatus;
  provenance: unknown;
  prId: string | null;
  createdAt: string;
  updatedAt: string;
  author: { name: string; email: string } | null;
  trajectoryCount: number;
  approvedCount: number;
}

export interface QueryPage {
  items: QueryRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export interface DuplicateHit {
  id: string;
  text: string;
  status: string;
  similarity: number;
}

export interface DuplicateGroup {
  id: string;
  text: string;
  duplicates: DuplicateHit[];
}

export interface QueryPr {
  id: string;
  repo: string;
  number: number;
  title: string;
  body: string;
  patch: string;
  changedFiles: string[];
  url: string | null;
  commit: string | null;
  mergedAt: string | null;
}

export interface LinkedTrajectory {
  id: string;
  title: string;
  status: string;
  agent: string | null;
  format: string;
  tokensTotal: number;
  createdAt: string;
}

export interface QueryDetailResponse {
  query: QueryRow;
  pr: QueryPr | null;
  trajectories: LinkedTrajectory[];
  duplicates: DuplicateHit[];
}

export interface PrImportRow {
  id: string;
  sourceKind: string;
  sourceName: string;
  total: number;
  kept: number;
  removed: Partial<Record<RemovedBy, number>>;
  options: Record<string, unknown>;
  createdAt: string;
}

export interface PrListRow {
  id: string;
  repo: string;
  number: number;
  title: string;
  changedFiles: string[];
  kept: boolean;
  removedBy: RemovedBy | null;
  url: string | null;
}

export interface RunRow extends RunTally {
  id: string;
  importId: string;
  model: string;
  concurrency: number;
  domain: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunFlag {
  prKey: string;
  kind: "invalid_output" | "provider_error" | string;
  reason: string;
  rawOutput: string | null;
}
