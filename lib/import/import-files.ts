/**
 * Several files through the one pipeline, a few at a time. A file is one transaction and most
 * files hold one trajectory, so one at a time the process would wait for PostgreSQL (COPY, index
 * updates, the commit's fsync) with nothing to do; with two in flight, one file is parsed and
 * tokenized while the other is stored. Results come back in the order of the input, whatever order
 * the files finish in.
 */
import { importFile, type ImportOptions } from "@/lib/import/import-file";
import type { ImportFileResult } from "@/lib/import/import-result";
import { linkSubagents } from "@/lib/import/link-subagents";

/** Two: the machine this runs on may have two cores, one for this process and one for PostgreSQL. */
export const IMPORT_CONCURRENCY = 2;

export interface ImportFilesOptions extends Omit<ImportOptions, "onProgress"> {
  concurrency?: number;
  /** Bytes read of one file, as its import goes. */
  onProgress?: (file: number, bytesRead: number, size: number) => void;
  /** Each result as soon as it and every result before it are known (input order). */
  onResult?: (result: ImportFileResult, index: number) => void;
}

export async function importFiles(
  files: ReadonlyArray<{ path: string; name: string }>,
  opts: ImportFilesOptions,
): Promise<ImportFileResult[]> {
  const { concurrency = IMPORT_CONCURRENCY, onProgress, onResult, ...fileOpts } = opts;
  const results = new Array<ImportFileResult | undefined>(files.length);
  let next = 0;
  let reported = 0;
  const report = () => {
    while (reported < files.length && results[reported]) {
      onResult?.(results[reported]!, reported);
      reported++;
    }
  };
  const lane = async () => {
    while (next < files.length) {
      const i = next++;
      results[i] = await importFile(files[i], {
        ...fileOpts,
        onProgress: onProgress && ((read, size) => onProgress(i, read, size)),
      });
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, lane));
  const done = results as ImportFileResult[];
  // Sub-agent runs arrive as separate files; link them once the whole import is stored.
  await linkSubagents(
    fileOpts.projectId,
    done.flatMap((r) => (r.status === "imported" ? r.trajectoryIds : [])),
  );
  return done;
}
