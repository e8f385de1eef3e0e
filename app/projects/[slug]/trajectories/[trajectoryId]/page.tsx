import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { TrajectoryViewer } from "@/components/viewer/trajectory-viewer";

export default async function TrajectoryPage({ params }: { params: Promise<{ slug: string; trajectoryId: string }> }) {
  const { slug, trajectoryId } = await params;
  const access = await projectPageAccess(slug, "trajectory.read", `/projects/${slug}/trajectories/${trajectoryId}`);
  if ("forbidden" in access) return <Forbidden what="reading trajectories" />;
  // Hiding edit and annotate controls is a convenience; the routes check these permissions themselves.
  return (
    <TrajectoryViewer
      slug={access.project.slug}
      trajectoryId={trajectoryId}
      me={{ id: access.actor.user.id, name: access.actor.user.name }}
      canEdit={access.allowed.includes("trajectory.edit")}
      canAnnotate={access.allowed.includes("annotation.write")}
    />
  );
}
