/** The curation and release routes as the browser calls them, typed from the server functions. */
import type { ResponseOf } from "@/lib/http/json-of";
import type { getSet, listSets, addItems } from "@/lib/curation/sets";
import type { listPool } from "@/lib/curation/pool";
import type { setDuplicates } from "@/lib/curation/duplicates";
import type { suggestForSet } from "@/lib/curation/suggest";
import type { compareReleases, getRelease, listReleases } from "@/lib/curation/releases";
import type { curationStats } from "@/lib/curation/stats";

export type SetsResponse = ResponseOf<typeof listSets>;
export type SetResponse = ResponseOf<typeof getSet>;
export type PoolResponse = ResponseOf<typeof listPool>;
export type DuplicatesResponse = ResponseOf<typeof setDuplicates>;
export type SuggestResponse = ResponseOf<typeof suggestForSet>;
export type AddResponse = ResponseOf<typeof addItems>;
export type ReleasesResponse = ResponseOf<typeof listReleases>;
export type ReleaseResponse = ResponseOf<typeof getRelease>;
export type CompareResponse = ResponseOf<typeof compareReleases>;
export type StatsResponse = ResponseOf<typeof curationStats>;

export function curationApi(slug: string) {
  const p = `/api/projects/${encodeURIComponent(slug)}`;
  const set = (id: string) => `${p}/curation/sets/${encodeURIComponent(id)}`;
  return {
    sets: `${p}/curation/sets`,
    set,
    pool: (id: string, query: string) => `${set(id)}/pool?${query}`,
    items: (id: string) => `${set(id)}/items`,
    item: (id: string, trajectoryId: string) => `${set(id)}/items/${encodeURIComponent(trajectoryId)}`,
    duplicates: (id: string) => `${set(id)}/duplicates`,
    suggest: (id: string) => `${set(id)}/suggest`,
    release: (id: string) => `${set(id)}/release`,
    stats: (setId?: string) => `${p}/curation/stats${setId ? `?setId=${encodeURIComponent(setId)}` : ""}`,
    releases: `${p}/releases`,
    releaseOne: (n: number) => `${p}/releases/${n}`,
    compare: (from: number, to: number) => `${p}/releases/compare?from=${from}&to=${to}`,
  };
}

export const curationPath = (slug: string, rest = "") => `/projects/${encodeURIComponent(slug)}/curation${rest}`;
export const trajectoryPath = (slug: string, id: string) =>
  `/projects/${encodeURIComponent(slug)}/trajectories/${encodeURIComponent(id)}`;
export const kTokens = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(n >= 100_000 ? 0 : 1)}k` : String(n));
