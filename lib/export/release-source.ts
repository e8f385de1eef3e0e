/**
 * Where an export's samples come from in the database: a release's pinned revisions (in the
 * release's order), or an ad-hoc set of trajectory ids (their approved revisions, in the order
 * given; marked unreleased in the manifest). Both are re-openable `SampleSource`s for the export
 * core: each pass reads the same pinned revisions again through the one trajectory store
 * (`pinRevision` + `streamRevisionSteps`), one sample at a time, so 10,000 samples are never in
 * memory together. The per-sample metadata (domain, query, token counts, scores, first-error
 * step) is small and read once, up front.
 */
import { AppError } from "@/lib/errors/app-error";
import { pgPool } from "@/lib/db/pg-pool";
import { approvedRevision } from "@/lib/review/approved-revision";
import { pinRevision, readTools, streamRevisionStepsJson } from "@/lib/trajectory/store/read-revision";
import type {
  ExportFormat,
  ExportOptions,
  ExportSample,
  ExportStep,
  SampleMeta,
  SampleSource,
} from "@/lib/export/types";

export interface SourceItem {
  trajectoryId: string;
  revisionNumber: number;
}

export interface ReleaseRef {
  id: string;
  number: number;
  approvedBy?: string;
  notes?: string;
  createdAt?: string;
  selection: NonNullable<ExportOptions["selection"]>;
}

export interface OpenedSource {
  source: SampleSource;
  items: SourceItem[];
  release: ReleaseRef | null;
}

/** The most ids one ad-hoc export names (a release has no such cap: it was curated). */
export const MAX_ADHOC_IDS = 10_000;

/** A release of the project by number, or 404 naming the field `release`. */
export async function findRelease(projectId: string, number: number): Promise<ReleaseRef> {
  const { rows } = await pgPool().query<{
    id: string;
    number: number;
    notes: string;
    createdAt: Date;
    approvedBy: string | null;
    targetSize: number | null;
    quotas: Record<string, number> | null;
    tokenRule: { maxTokensPerSample?: number } | null;
  }>(
    `SELECT r."id", r."number", r."notes", r."createdAt", u."name" AS "approvedBy", s."targetSize", s."quotas", r."tokenRule"
       FROM "Release" r LEFT JOIN "User" u ON u."id" = r."approvedById" LEFT JOIN "CurationSet" s ON s."id" = r."setId"
      WHERE r."projectId" = $1 AND r."number" = $2`,
    [projectId, number],
  );
  const r = rows[0];
  if (!r)
    throw new AppError("NOT_FOUND", `release ${number} does not exist in this project`, {
      location: { field: "release" },
    });
  return {
    id: r.id,
    number: r.number,
    ...(r.approvedBy ? { approvedBy: r.approvedBy } : {}),
    ...(r.notes ? { notes: r.notes } : {}),
    createdAt: r.createdAt.toISOString(),
    selection: {
      ...(r.targetSize !== null ? { targetSize: r.targetSize } : {}),
      ...(r.quotas && Object.keys(r.quotas).length ? { quotas: r.quotas } : {}),
      ...(r.tokenRule?.maxTokensPerSample ? { maxTokens: r.tokenRule.maxTokensPerSample } : {}),
    },
  };
}

/** A release's pinned revisions, in the release's order. */
export async function releaseSource(
  projectId: string,
  releaseNumber: number,
  format: ExportFormat,
): Promise<OpenedSource> {
  const release = await findRelease(projectId, releaseNumber);
  const { rows } = await pgPool().query<SourceItem>(
    `SELECT "trajectoryId", "revisionNumber" FROM "ReleaseItem" WHERE "releaseId" = $1 AND "projectId" = $2 ORDER BY "position"`,
    [release.id, projectId],
  );
  return { release, items: rows, source: await sourceOver(projectId, rows, format) };
}

/**
 * The approved revisions of the given ids, in the order given. Unknown ids (or another project's,
 * or deleted ones) and ids that are not approved are refused, naming them, before anything is read.
 */
export async function resolveAdhocIds(projectId: string, ids: readonly string[]): Promise<SourceItem[]> {
  if (ids.length === 0)
    throw new AppError("BAD_REQUEST", "name at least one trajectory id", { location: { field: "ids" } });
  if (ids.length > MAX_ADHOC_IDS)
    throw new AppError("BAD_REQUEST", `at most ${MAX_ADHOC_IDS} ids per export`, { location: { field: "ids" } });
  const unique = [...new Set(ids)];
  if (unique.length !== ids.length)
    throw new AppError("BAD_REQUEST", "an id is named twice", { location: { field: "ids" } });
  const { rows } = await pgPool().query<{ id: string }>(
    `SELECT "id" FROM "Trajectory" WHERE "projectId" = $1 AND "deletedAt" IS NULL AND "id" = ANY($2)`,
    [projectId, unique],
  );
  const known = new Set(rows.map((r) => r.id));
  const unknown = unique.filter((id) => !known.has(id));
  if (unknown.length)
    throw new AppError(
      "NOT_FOUND",
      `unknown trajectory id${unknown.length > 1 ? "s" : ""}: ${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? ", …" : ""}`,
      {
        location: { field: "ids" },
      },
    );
  const items: SourceItem[] = [];
  const unapproved: string[] = [];
  for (const id of unique) {
    const a = await approvedRevision(projectId, id);
    if (a) items.push({ trajectoryId: id, revisionNumber: a.revisionNumber });
    else unapproved.push(id);
  }
  if (unapproved.length)
    throw new AppError(
      "VALIDATION",
      `not approved, so not exportable: ${unapproved.slice(0, 10).join(", ")}${unapproved.length > 10 ? ", …" : ""}`,
      {
        location: { field: "ids" },
      },
    );
  return items;
}

/**
 * The ad-hoc set's gate. A release passed curation's validation and redaction gate when it was
 * locked; an `--ids` set has not, so it runs the same rules and secret scan here (nothing stored;
 * any finding refuses the export). The export core's validate-set runs inside `exportSamples` for
 * every export as well.
 */
export async function assertAdhocReleasable(projectId: string, items: readonly SourceItem[]): Promise<void> {
  // Loaded here, not with the module: a release's export (in a child process started per export)
  // never needs the secret scanner, the gate's largest import.
  const { assertIdsReleasable } = await import("@/lib/curation/gate/adhoc-gate");
  await assertIdsReleasable(
    projectId,
    items.map((i) => i.trajectoryId),
  );
}

export async function idsSource(
  projectId: string,
  ids: readonly string[],
  format: ExportFormat,
): Promise<OpenedSource> {
  const items = await resolveAdhocIds(projectId, ids);
  await assertAdhocReleasable(projectId, items);
  return { release: null, items, source: await sourceOver(projectId, items, format) };
}

interface MetaRow {
  trajectoryId: string;
  domain: string | null;
  queryText: string | null;
  querySource: string | null;
  tokensTotal: number;
  tokenizer: string;
  templateTokens: number | null;
  templateId: string | null;
}

async function readMeta(projectId: string, items: readonly SourceItem[]): Promise<Map<string, SampleMeta>> {
  const ids = items.map((i) => i.trajectoryId);
  const numbers = items.map((i) => i.revisionNumber);
  const { rows } = await pgPool().query<MetaRow>(
    `SELECT t."id" AS "trajectoryId", t."domain", q."text" AS "queryText", q."source"::text AS "querySource",
            t."tokensTotal", p."tokenizer", r."templateTokens", r."templateId"
       FROM unnest($2::text[], $3::int[]) AS i(tid, num)
       JOIN "Trajectory" t ON t."id" = i.tid AND t."projectId" = $1
       JOIN "Project" p ON p."id" = t."projectId"
       JOIN "Revision" r ON r."trajectoryId" = t."id" AND r."number" = i.num
       LEFT JOIN "Query" q ON q."id" = t."queryId"`,
    [projectId, ids, numbers],
  );
  const scores = await pgPool().query<{ trajectoryId: string; reviewer: string; scores: Record<string, number> }>(
    `SELECT rv."trajectoryId", u."name" AS reviewer, rv."scores"
       FROM unnest($2::text[], $3::int[]) AS i(tid, num)
       JOIN "Review" rv ON rv."trajectoryId" = i.tid AND rv."revisionNumber" <= i.num AND rv."projectId" = $1
       JOIN "User" u ON u."id" = rv."reviewerId"
      ORDER BY rv."trajectoryId", u."name"`,
    [projectId, ids, numbers],
  );
  const byTrajectory = new Map<string, Record<string, number>>();
  for (const s of scores.rows) {
    const values = Object.values(s.scores ?? {}).filter((v): v is number => typeof v === "number");
    if (!values.length) continue;
    let m = byTrajectory.get(s.trajectoryId);
    if (!m) byTrajectory.set(s.trajectoryId, (m = {}));
    m[s.reviewer] = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
  }
  const out = new Map<string, SampleMeta>();
  const number = new Map(items.map((i) => [i.trajectoryId, i.revisionNumber]));
  for (const r of rows) {
    out.set(r.trajectoryId, {
      trajectoryId: r.trajectoryId,
      revision: number.get(r.trajectoryId)!,
      ...(r.domain ? { domain: r.domain } : {}),
      ...(r.queryText ? { query: { text: r.queryText, ...(r.querySource ? { source: r.querySource } : {}) } } : {}),
      tokens: {
        tokenizer: r.tokenizer,
        count: r.tokensTotal,
        ...(r.templateId && r.templateTokens !== null
          ? { template: r.templateId, templateCount: r.templateTokens }
          : {}),
      },
      ...(byTrajectory.has(r.trajectoryId) ? { scores: byTrajectory.get(r.trajectoryId) } : {}),
    });
  }
  return out;
}

/**
 * The first-error step a PRM label starts from: the key every reviewer of the latest reviewed
 * revision (at or before the pinned one) marked, when they agree and marked one; else null.
 * Adjudications record a decision, not a step, so a lead's word on the step is not stored yet;
 * when it is, it goes first here.
 */
async function readFirstErrors(projectId: string, items: readonly SourceItem[]): Promise<Map<string, string | null>> {
  const { rows } = await pgPool().query<{ trajectoryId: string; keys: Array<string | null> }>(
    `SELECT rv."trajectoryId", array_agg(rv."firstErrorStepKey") AS keys
       FROM unnest($2::text[], $3::int[]) AS i(tid, num)
       JOIN LATERAL (SELECT max(x."revisionNumber") AS n FROM "Review" x
                      WHERE x."trajectoryId" = i.tid AND x."projectId" = $1 AND x."revisionNumber" <= i.num) last ON true
       JOIN "Review" rv ON rv."trajectoryId" = i.tid AND rv."revisionNumber" = last.n
      GROUP BY rv."trajectoryId"`,
    [projectId, items.map((i) => i.trajectoryId), items.map((i) => i.revisionNumber)],
  );
  const out = new Map<string, string | null>();
  for (const r of rows) {
    const keys = new Set(r.keys);
    const only = [...keys][0];
    out.set(r.trajectoryId, keys.size === 1 && typeof only === "string" ? only : null);
  }
  return out;
}

/**
 * The steps of a pinned revision, from the stored bodies as text (`streamRevisionStepsJson`) parsed
 * here, which costs less CPU than Prisma's JSON mapping (README, Benchmarks). The step keeps the field
 * order `streamRevisionSteps` gives (body, then key), so the files are the same byte for byte.
 */
const stepsOf = async (projectId: string, trajectoryId: string, number: number): Promise<ExportStep[]> => {
  const pinned = await pinRevision(projectId, trajectoryId, number);
  const steps: ExportStep[] = [];
  for await (const pieces of streamRevisionStepsJson(pinned)) {
    const { key, tokens: _tokens, ...body } = JSON.parse(pieces.join("")) as ExportStep & { tokens: number };
    void _tokens;
    steps.push({ ...body, key } as ExportStep);
  }
  return steps;
};

/** A re-openable source over pinned revisions: each `open()` reads them again, one at a time. */
export async function sourceOver(
  projectId: string,
  items: readonly SourceItem[],
  format: ExportFormat,
): Promise<SampleSource> {
  const meta = await readMeta(projectId, items);
  const firstErrors = format === "prm" ? await readFirstErrors(projectId, items) : null;
  for (const i of items)
    if (!meta.has(i.trajectoryId))
      throw new AppError("NOT_FOUND", `trajectory ${i.trajectoryId} has no revision ${i.revisionNumber}`, {
        location: { field: "ids" },
      });
  return {
    async *open(): AsyncGenerator<ExportSample> {
      for (const item of items) {
        const [tools, steps] = await Promise.all([
          readTools(item.trajectoryId),
          stepsOf(projectId, item.trajectoryId, item.revisionNumber),
        ]);
        const sample: ExportSample = { meta: meta.get(item.trajectoryId)!, tools, steps };
        if (format === "dpo")
          sample.firstRevisionSteps =
            item.revisionNumber === 1 ? steps : await stepsOf(projectId, item.trajectoryId, 1);
        if (firstErrors) sample.firstErrorStepKey = firstErrors.get(item.trajectoryId) ?? null;
        yield sample;
      }
    },
  };
}
