/** Request schemas of the curation and release routes (lib/curation owns their meaning). */
import { z } from "zod";

const id = z.string().min(1).max(64);

export const SetParams = z.object({ slug: z.string(), setId: id });
export const SetItemParams = SetParams.extend({ trajectoryId: id });
export const ReleaseParams = z.object({ slug: z.string(), number: z.coerce.number().int().min(1) });

export const Quotas = z.record(z.string().trim().min(1).max(64), z.number().int().min(0).max(100_000));

export const CreateSetSchema = z.object({
  name: z.string().trim().min(1, "name the set").max(120),
  targetSize: z.number().int().min(1).max(100_000).default(78),
  quotas: Quotas.default({}),
  maxTokensPerSample: z.number().int().min(1).max(10_000_000).default(125_000),
});

export const UpdateSetSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    targetSize: z.number().int().min(1).max(100_000).optional(),
    quotas: Quotas.optional(),
    maxTokensPerSample: z.number().int().min(1).max(10_000_000).optional(),
    /** The version the person edited; a different current version answers 409. */
    expectedVersion: z.number().int().min(0).optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== "expectedVersion"), { message: "change at least one field" });

export const AddItemsSchema = z.object({
  trajectoryIds: z.array(id).min(1, "name at least one trajectory").max(500),
  /** Add past a quota or the target after the warning was shown. */
  force: z.boolean().default(false),
  expectedVersion: z.number().int().min(0).optional(),
});

export const ReleaseSchema = z.object({
  notes: z.string().max(10_000).default(""),
  /** Needed when the target or a quota is not met exactly: the lead's reason (audited). */
  override: z.object({ reason: z.string().trim().min(3, "give a reason (3 characters or more)").max(2000) }).optional(),
  expectedVersion: z.number().int().min(0).optional(),
});

export const POOL_SORTS = ["tokens", "score", "agreement", "toolCalls", "humanTurns", "title", "updated"] as const;

export const PoolQuery = z.object({
  domain: z.string().max(64).optional(),
  source: z.enum(["human", "pr_synthesized", "imported", "none"]).optional(),
  q: z.string().max(200).optional(),
  tool: z.string().max(200).optional(),
  minTokens: z.coerce.number().int().min(0).optional(),
  maxTokens: z.coerce.number().int().min(0).optional(),
  minScore: z.coerce.number().min(0).optional(),
  minAgreement: z.coerce.number().min(0).max(1).optional(),
  minToolCalls: z.coerce.number().int().min(0).optional(),
  minHumanTurns: z.coerce.number().int().min(0).optional(),
  /** Leave out what is already in the set (default) or show everything. */
  inSet: z.enum(["exclude", "include"]).default("exclude"),
  sort: z.enum(POOL_SORTS).default("score"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PoolFilters = z.infer<typeof PoolQuery>;

export const StatsQuery = z.object({ setId: id.optional() });
export const CompareQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
