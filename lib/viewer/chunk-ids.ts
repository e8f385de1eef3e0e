/** Body requests take at most 200 ids: split a list of missing ids into request-sized chunks. */
export const MAX_BODY_IDS = 200;

/** Bodies that come with the page (or are asked for first): a screen of steps and its overscan. */
export const FIRST_SCREEN_STEPS = 30;

/** Ids of the first screen: from the top, or around the step a link opens on. */
export function firstScreenIds(
  steps: ReadonlyArray<{ id: string; key: string }>,
  key: string | null,
  count = FIRST_SCREEN_STEPS,
): string[] {
  const at = key
    ? Math.max(
        0,
        steps.findIndex((s) => s.key === key),
      )
    : 0;
  const from = Math.max(0, at - 8);
  return steps.slice(from, from + count).map((s) => s.id);
}

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
