/** TanStack Query keys of the query pool, so mutations invalidate exactly what they change. */
export const queryKeys = {
  all: (slug: string) => ["queries", slug] as const,
  list: (slug: string, qs: string) => ["queries", slug, "list", qs] as const,
  one: (slug: string, id: string) => ["queries", slug, "one", id] as const,
  domains: (slug: string) => ["domains", slug] as const,
  prImports: (slug: string) => ["pr-imports", slug] as const,
  prImport: (slug: string, id: string) => ["pr-imports", slug, id] as const,
  runs: (slug: string) => ["synthesis-runs", slug] as const,
  run: (slug: string, id: string) => ["synthesis-runs", slug, id] as const,
  template: (slug: string) => ["synthesis-template", slug] as const,
};
