/**
 * The query pool's enumerations and their labels. No server imports: the browser's forms, filters
 * and badges use the same lists the server validates with.
 */
export const QUERY_STATUSES = ["candidate", "accepted", "rejected"] as const;
export const QUERY_SOURCES = ["human", "pr_synthesized", "imported"] as const;
export const DIFFICULTIES = ["easy", "medium", "hard"] as const;

export type QueryStatus = (typeof QUERY_STATUSES)[number];
export type QuerySource = (typeof QUERY_SOURCES)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];

export const SOURCE_LABELS: Record<QuerySource, string> = {
  human: "Human",
  pr_synthesized: "From a PR",
  imported: "Imported",
};
export const STATUS_LABELS: Record<QueryStatus, string> = {
  candidate: "Candidate",
  accepted: "Accepted",
  rejected: "Rejected",
};

/** Limits the server enforces on tags (query-service), checked in forms before sending. */
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const MAX_QUERY_TEXT = 50_000;
