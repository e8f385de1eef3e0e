/** Body requests take at most 200 ids: split a list of missing ids into request-sized chunks. */
export const MAX_BODY_IDS = 200;

export function chunkIds(ids: readonly string[], size = MAX_BODY_IDS): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** The ids not yet loaded, without duplicates, in their first order. */
export function missingIds(ids: Iterable<string>, has: (id: string) => boolean): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ids) {
    if (seen.has(id) || has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}
