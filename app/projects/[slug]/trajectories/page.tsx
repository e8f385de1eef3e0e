import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { TrajectoryTable } from "@/components/trajectories/trajectory-table";

export default async function TrajectoriesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "trajectory.read", `/projects/${slug}/trajectories`);
  if ("forbidden" in access) return <Forbidden what="reading trajectories" />;
  return (
    <>
      <PageHeader title="Trajectories" description={`Every collected and imported session in ${access.project.name}, with its token statistics.`} />
      <TrajectoryTable slug={slug} />
    </>
  );
}
