/**
 * The query pool's API responses as the browser reads them, typed from the server functions that
 * make them (types only: nothing of the server modules reaches the browser bundle). A change of
 * shape on the server is so a type error here. JSON columns are typed by what the server writes.
 */
import type { JsonOf, ResponseOf } from "@/lib/http/json-of";
import type { getQuery, listQueries } from "@/lib/queries/query-service";
import type { DuplicateGroup as DuplicateGroupOf } from "@/lib/queries/near-duplicates";
import type { getPrImport, listPrImports } from "@/lib/queries/pull-requests/pr-import-service";
import type { getRun, listRuns } from "@/lib/queries/synthesis/synthesis-runs";
import type { getTemplate, previewTemplate } from "@/lib/queries/synthesis/template-service";
import type { RemovedBy } from "@/components/queries/prs/pr-filter-form";

export type QueryPage = ResponseOf<typeof listQueries>;
export type QueryRow = QueryPage["items"][number];
export type QueryDetailResponse = ResponseOf<typeof getQuery>;
export type QueryPr = NonNullable<QueryDetailResponse["pr"]>;
export type LinkedTrajectory = QueryDetailResponse["trajectories"][number];
export type DuplicateHit = QueryDetailResponse["duplicates"][number];
/** A 409 of a bulk accept carries these in `details.groups`. */
export type DuplicateGroup = JsonOf<DuplicateGroupOf>;

/** `removed` holds a count per LIMI filter; `options` the filter options the import ran with. */
export type PrImportRow = Omit<ResponseOf<typeof listPrImports>[number], "removed" | "options"> & {
  removed: Partial<Record<RemovedBy, number>>;
  options: Record<string, unknown>;
};
/** `removedBy` is a text column; only LIMI filter names are written to it. */
export type PrListRow = Omit<ResponseOf<typeof getPrImport>["prs"][number], "removedBy"> & {
  removedBy: RemovedBy | null;
};

export type RunDetailResponse = ResponseOf<typeof getRun>;
export type RunRow = ResponseOf<typeof listRuns>[number];
export type RunFlag = RunDetailResponse["flags"][number];
export type TemplateResponse = ResponseOf<typeof getTemplate>;
export type PreviewResponse = ResponseOf<typeof previewTemplate>;
