import { notFound } from "next/navigation";
import { projectPageAccess } from "@/lib/auth/page-access";
import { isAppError } from "@/lib/errors/app-error";
import { getStepBodies, getStepIndex, getTrajectoryDetail } from "@/lib/trajectory/trajectory-detail";
import type { BodiesResponse, StepIndexResponse, TrajectoryDetailResponse } from "@/lib/viewer/types";
import { Forbidden } from "@/components/ui/forbidden";
import { TrajectoryViewer } from "@/components/viewer/trajectory-viewer";
import { firstScreenIds } from "@/lib/viewer/chunk-ids";

/** The API's JSON shapes exactly (dates as strings), so server-given and fetched data are the same. */
const asJson = <T,>(x: unknown): T => JSON.parse(JSON.stringify(x)) as T;

export default async function TrajectoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; trajectoryId: string }>;
  searchParams: Promise<{ step?: string; review?: string }>;
}) {
  const { slug, trajectoryId } = await params;
  const access = await projectPageAccess(slug, "trajectory.read", `/projects/${slug}/trajectories/${trajectoryId}`);
  if ("forbidden" in access) return <Forbidden what="reading trajectories" />;
  // The header, the step index and the first screen's bodies come with the page: opening a
  // trajectory costs no API round trip before its first steps can render.
  let initial: { detail: TrajectoryDetailResponse; index: StepIndexResponse; bodies: BodiesResponse["bodies"] };
  try {
    const [detail, index] = await Promise.all([
      getTrajectoryDetail(access.project.id, trajectoryId),
      getStepIndex(access.project.id, trajectoryId),
    ]);
    // A `#step-` link is not sent to the server; `?step=` is.
    const first = firstScreenIds(index.steps, (await searchParams).step ?? null);
    initial = asJson({ detail, index, bodies: await getStepBodies(access.project.id, trajectoryId, first) });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  // Hiding edit and annotate controls is a convenience; the routes check these permissions themselves.
  return (
    <TrajectoryViewer
      slug={access.project.slug}
      trajectoryId={trajectoryId}
      me={{ id: access.actor.user.id, name: access.actor.user.name }}
      canEdit={access.allowed.includes("trajectory.edit")}
      canAnnotate={access.allowed.includes("annotation.write")}
      canApprove={access.allowed.includes("review.approve")}
      reviewMode={(await searchParams).review === "1"}
      canDelete={access.allowed.includes("trajectory.delete")}
      canModerate={access.allowed.includes("annotation.moderate")}
      initial={initial}
    />
  );
}
