import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { TrajectoryTable } from "@/components/trajectories/trajectory-table";
import { LinkButton } from "@/components/ui/link-button";

export default async function TrajectoriesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "trajectory.read", `/projects/${slug}/trajectories`);
  if ("forbidden" in access) return <Forbidden what="reading trajectories" />;
  // Hiding the button is a convenience; the import page and route check the permission themselves.
  const canImport = access.allowed.includes("trajectory.import");
  return (
    <>
      <PageHeader
        title="Trajectories"
        description={`Every collected and imported session in ${access.project.name}, with its token statistics.`}
        actions={
          canImport ? (
            <LinkButton href={`/projects/${slug}/trajectories/import`} data-testid="import-link">
              Import
            </LinkButton>
          ) : undefined
        }
      />
      <TrajectoryTable slug={slug} canImport={canImport} canEdit={access.allowed.includes("trajectory.edit")} />
    </>
  );
}
