/**
 * `Content-Disposition: attachment` for any file name. HTTP header values are Latin-1 (Node's
 * Headers refuse anything else, which made downloads of "数据.jsonl" fail with 500), so the plain
 * `filename` gets an ASCII stand-in and the real name goes in RFC 5987's `filename*` (UTF-8,
 * percent-encoded), which every current browser prefers.
 */
export function attachmentDisposition(name: string): string {
  const base = name.split(/[/\\]/).pop() || "download";
  const ascii = base.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "download";
  const encoded = encodeURIComponent(base).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
