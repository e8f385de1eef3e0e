/** The rows of the results table and the batch summary, derived from the queue. */
import type { ImportFileResult } from "@/lib/import/import-result";
import type { QueueItem } from "@/components/import/use-import-queue";

export type RowStatus = "queued" | "uploading" | "processing" | "failed" | ImportFileResult["status"];

export interface ResultRow {
  key: string;
  item: QueueItem;
  /** The file as the user chose it (the server's name when one upload held several files). */
  file: string;
  status: RowStatus;
  result: ImportFileResult | null;
}

export function resultRows(items: readonly QueueItem[]): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const item of items) {
    if (item.state === "done" && item.results.length) {
      item.results.forEach((r, n) =>
        rows.push({
          key: `${item.id}:${n}`,
          item,
          file: item.results.length === 1 ? item.path : r.file,
          status: r.status,
          result: r,
        }),
      );
    } else {
      rows.push({
        key: item.id,
        item,
        file: item.path,
        status: item.state === "done" ? "failed" : item.state,
        result: null,
      });
    }
  }
  return rows;
}

export interface BatchSummary {
  imported: number;
  duplicate: number;
  rejected: number;
  failed: number;
  /** Files not settled yet (queued, uploading or processing). */
  pending: number;
  total: number;
}

export function summarizeRows(rows: readonly ResultRow[]): BatchSummary {
  const s: BatchSummary = { imported: 0, duplicate: 0, rejected: 0, failed: 0, pending: 0, total: rows.length };
  for (const r of rows) {
    if (r.status === "imported" || r.status === "duplicate" || r.status === "rejected" || r.status === "failed")
      s[r.status]++;
    else s.pending++;
  }
  return s;
}
