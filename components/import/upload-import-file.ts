/**
 * Uploads one file to the import endpoint with XMLHttpRequest (fetch has no upload progress) as
 * a multipart body with one part named `file`.
 */
import type { ImportFileResult } from "@/lib/import/import-result";

export interface ImportParams {
  format: string;
  domain: string | null;
  queryId: string | null;
}

export type UploadOutcome =
  /** The server read the file: 200, or 422 when it rejected it (the body has the results either way). */
  | { kind: "results"; results: ImportFileResult[] }
  /** The request failed before the file was imported (session, permission, size, network). */
  | { kind: "error"; status: number; code: string; message: string }
  | { kind: "aborted" };

export interface UploadHandle {
  done: Promise<UploadOutcome>;
  abort: () => void;
}

export function importUrl(slug: string, params: ImportParams): string {
  const qs = new URLSearchParams({ format: params.format || "auto" });
  if (params.domain) qs.set("domain", params.domain);
  if (params.queryId) qs.set("queryId", params.queryId);
  return `/api/projects/${encodeURIComponent(slug)}/imports?${qs.toString()}`;
}

function errorMessage(status: number, body: unknown): { code: string; message: string } {
  const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
  if (status === 401)
    return {
      code: "UNAUTHENTICATED",
      message: "Your session has expired. Sign in again (in another tab keeps this list), then retry.",
    };
  if (err?.message) return { code: err.code ?? "HTTP", message: err.message };
  if (status === 413) return { code: "PAYLOAD_TOO_LARGE", message: "The file is over the server's upload limit." };
  return { code: "HTTP", message: `The upload failed (HTTP ${status}).` };
}

export function uploadImportFile(opts: {
  url: string;
  file: File;
  /** Sent as the part's filename; folders are kept so that messages name the file. */
  name: string;
  onProgress: (fraction: number) => void;
  /** The last byte is sent: the server is now parsing and storing. */
  onUploaded: () => void;
}): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.open("POST", opts.url);
    xhr.responseType = "text";
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.upload.onload = () => {
      opts.onProgress(1);
      opts.onUploaded();
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      const results = (body as { results?: unknown } | null)?.results;
      if ((xhr.status === 200 || xhr.status === 422) && Array.isArray(results)) {
        resolve({ kind: "results", results: results as ImportFileResult[] });
      } else {
        resolve({ kind: "error", status: xhr.status, ...errorMessage(xhr.status, body) });
      }
    };
    xhr.onerror = () =>
      resolve({
        kind: "error",
        status: 0,
        code: "NETWORK",
        message: "The upload did not reach the server (network error).",
      });
    xhr.ontimeout = () =>
      resolve({ kind: "error", status: 0, code: "TIMEOUT", message: "The server did not answer in time." });
    xhr.onabort = () => resolve({ kind: "aborted" });
    const form = new FormData();
    form.append("file", opts.file, opts.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
