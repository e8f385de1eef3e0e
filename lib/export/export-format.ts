/**
 * The format name of a request, checked. Apart from the export core so that the server's side of
 * the export (routes, the job that starts the child process) does not load the writers.
 */
import { AppError } from "@/lib/errors/app-error";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/export/types";

export function parseExportFormat(value: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(value)) return value as ExportFormat;
  throw new AppError("BAD_REQUEST", `Unknown export format "${value}"; expected one of ${EXPORT_FORMATS.join(", ")}`, {
    location: { field: "format" },
  });
}
