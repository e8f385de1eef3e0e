/**
 * The trajectories list's query: sorts, filters and paging, as the API validates them. Kept apart
 * from the list's database code so the browser can check a URL with the same rules (and say which
 * value it ignored) without loading the server's modules.
 */
import { z } from "zod";

/** Every column of the list sorts. */
export const TRAJECTORY_SORTS = [
  "createdAt",
  "title",
  "status",
  "domain",
  "format",
  "agent",
  "tokensTotal",
  "stepCount",
  "toolCallCount",
  "humanTurnCount",
  "failedToolCallCount",
] as const;
export const TRAJECTORY_STATUSES = ["imported", "in_review", "reviewed", "approved", "rejected"] as const;
export const PAGE_SIZES = [25, 50, 100, 200] as const;

export const TrajectoryListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(TRAJECTORY_SORTS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  q: z.string().trim().max(200).optional(),
  format: z.string().trim().max(64).optional(),
  agent: z.string().trim().max(64).optional(),
  domain: z.string().trim().max(64).optional(),
  status: z.enum(TRAJECTORY_STATUSES).optional(),
  minTokens: z.coerce.number().int().min(0).optional(),
  maxTokens: z.coerce.number().int().min(0).optional(),
  minToolCalls: z.coerce.number().int().min(0).optional(),
  hasHumanFeedback: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export type TrajectoryListQuery = z.infer<typeof TrajectoryListQuerySchema>;
type Key = keyof typeof TrajectoryListQuerySchema.shape;

export interface CheckedListParams {
  /** The query string to send: only values the API accepts. */
  search: URLSearchParams;
  /** One sentence per value left out or range that cannot match, for the notice above the list. */
  notices: string[];
}

const LABEL: Partial<Record<Key, string>> = {
  minTokens: "min tokens",
  maxTokens: "max tokens",
  minToolCalls: "min tool calls",
  pageSize: "page size",
  hasHumanFeedback: "human feedback",
};

/**
 * Checks a list URL value by value: a bad value is left out (with a notice naming it) instead of
 * failing the whole list, and a token range whose minimum is above its maximum is pointed out.
 */
export function checkListParams(sp: { get(k: string): string | null }): CheckedListParams {
  const search = new URLSearchParams();
  const notices: string[] = [];
  const shape = TrajectoryListQuerySchema.shape;
  for (const key of Object.keys(shape) as Key[]) {
    const raw = sp.get(key);
    if (raw === null || raw === "") continue;
    if (shape[key].safeParse(raw).success) search.set(key, raw);
    else notices.push(`Ignored ${LABEL[key] ?? key} “${raw.slice(0, 40)}”: ${allowedText(key)}.`);
  }
  const min = Number(search.get("minTokens") ?? NaN);
  const max = Number(search.get("maxTokens") ?? NaN);
  if (min > max)
    notices.push(
      `Min tokens (${min.toLocaleString("en")}) is above max tokens (${max.toLocaleString("en")}), so no trajectory can match.`,
    );
  return { search, notices };
}

function allowedText(key: Key): string {
  switch (key) {
    case "sort":
      return `the list sorts by ${TRAJECTORY_SORTS.join(", ")}`;
    case "status":
      return `a status is one of ${TRAJECTORY_STATUSES.join(", ")}`;
    case "order":
      return "the order is asc or desc";
    case "pageSize":
      return "a page holds 1 to 200 trajectories";
    case "hasHumanFeedback":
      return "it is true or false";
    case "page":
      return "pages are numbered from 1";
    default:
      return "it must be a whole number of 0 or more, or a text of up to 200 characters";
  }
}
