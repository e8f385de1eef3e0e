/**
 * Where to go after sign-in: only a path of this app. `/\evil.example/x` and `//evil.example` are
 * paths to a browser's eye but hosts to its URL parser, so the value is resolved as the browser
 * would and kept only when it stays on the app's origin. Browser-safe (no server imports).
 */
const BASE = "http://app.invalid";

export function safeNextPath(next: string | null | undefined, fallback = "/projects"): string {
  if (!next || !next.startsWith("/") || /[\\\u0000-\u001f]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
