/** The trajectory API's URLs, in one place for the viewer's hooks. */
export function trajectoryApi(slug: string, id: string) {
  const base = `/api/projects/${encodeURIComponent(slug)}/trajectories/${encodeURIComponent(id)}`;
  return {
    detail: base,
    steps: (revision?: number) => `${base}/steps${revision ? `?revision=${revision}` : ""}`,
    bodies: (ids: readonly string[]) => `${base}/bodies?ids=${ids.map(encodeURIComponent).join(",")}`,
    canonical: (revision?: number) => `${base}/canonical${revision ? `?revision=${revision}` : ""}`,
    source: `${base}/source`,
    revisions: `${base}/revisions`,
    diff: (from: number, to: number) => `${base}/revisions/diff?from=${from}&to=${to}`,
    revert: `${base}/revisions/revert`,
    annotations: `${base}/annotations`,
    annotation: (aid: string) => `${base}/annotations/${encodeURIComponent(aid)}`,
    comments: (aid: string) => `${base}/annotations/${encodeURIComponent(aid)}/comments`,
    comment: (aid: string, cid: string) =>
      `${base}/annotations/${encodeURIComponent(aid)}/comments/${encodeURIComponent(cid)}`,
  };
}
export type TrajectoryApi = ReturnType<typeof trajectoryApi>;
