/** Deep links to a step: `#step-<key>` (what the viewer writes) or `?step=<key>`. */
const PREFIX = "#step-";

export function stepKeyFromUrl(hash: string, search: string): string | null {
  if (hash.startsWith(PREFIX) && hash.length > PREFIX.length) {
    try {
      return decodeURIComponent(hash.slice(PREFIX.length));
    } catch {
      return null;
    }
  }
  const fromQuery = new URLSearchParams(search).get("step");
  return fromQuery ? fromQuery : null;
}

export function stepHash(key: string): string {
  return `${PREFIX}${encodeURIComponent(key)}`;
}

/** The URL with the step in its hash and no `?step=` left over, for history.replaceState. */
export function urlWithStep(href: string, key: string): string {
  const url = new URL(href);
  url.searchParams.delete("step");
  url.hash = stepHash(key);
  return `${url.pathname}${url.search}${url.hash}`;
}
