/**
 * Base64 media never becomes step text: it is replaced by a placeholder carrying the mime type,
 * the decoded size and a sha256, so the step stays small and the content stays identifiable.
 */
import { createHash } from "node:crypto";
import type { MediaPlaceholder } from "@/lib/trajectory/types";

export function mediaPlaceholder(base64: string, mime: string): MediaPlaceholder {
  const bytes = Buffer.from(base64, "base64");
  return { mime, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

export function placeholderText(m: MediaPlaceholder): string {
  return `[${m.mime} ${m.size} bytes sha256:${m.sha256.slice(0, 12)}]`;
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?(;[^,]*)?;base64,(.*)$/s;

/** Parses a `data:` URL; returns null when it is not a base64 data URL. */
export function fromDataUrl(url: string): MediaPlaceholder | null {
  const m = DATA_URL.exec(url);
  if (!m) return null;
  return mediaPlaceholder(m[3], m[1] ?? "application/octet-stream");
}
