/**
 * Browser-side calls to the app's API. Errors come back in the server's one error shape and are
 * thrown as ApiError, so components show the server's message (which says what and where).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** The server's structured details: the near-duplicates behind a 409 on accept, the revisions made since behind a 409 on save. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function apiFetch<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = body?.error;
    // An expired session: a full navigation to sign-in (this helper runs outside any component).
    if (res.status === 401 && typeof window !== "undefined") {
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.href = `/login?next=${encodeURIComponent(window.location.pathname)}`;
    }
    throw new ApiError(
      res.status,
      err?.code ?? "HTTP",
      err?.message ?? `request failed (${res.status})`,
      err?.location?.field,
      err?.details,
    );
  }
  return body as T;
}
