import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { TrainingViewPanel } from "@/components/training/training-view";

export default async function TrainingPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; trajectoryId: string }>;
  searchParams: Promise<{ revision?: string }>;
}) {
  const { slug, trajectoryId } = await params;
  const access = await projectPageAccess(
    slug,
    "trajectory.read",
    `/projects/${slug}/trajectories/${trajectoryId}/training`,
  );
  if ("forbidden" in access) return <Forbidden what="reading trajectories" />;
  const rev = Number((await searchParams).revision);
  return (
    <TrainingViewPanel
      slug={access.project.slug}
      trajectoryId={trajectoryId}
      revision={Number.isInteger(rev) && rev > 0 ? rev : null}
      canChooseTemplate={access.allowed.includes("project.update")}
    />
  );
}
