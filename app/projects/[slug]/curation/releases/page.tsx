import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { CurationNav } from "@/components/curation/curation-nav";
import { ReleasesList } from "@/components/curation/releases-list";

export default async function ReleasesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "trajectory.read", `/projects/${slug}/curation/releases`);
  if ("forbidden" in access) return <Forbidden what="releases" />;
  return (
    <>
      <PageHeader
        title="Releases"
        description="Locked, numbered sets: each pins its trajectories' approved revisions."
      />
      <CurationNav slug={access.project.slug} />
      <ReleasesList slug={access.project.slug} />
    </>
  );
}
