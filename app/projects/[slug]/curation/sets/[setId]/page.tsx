import { projectPageAccess } from "@/lib/auth/page-access";
import { projectDomains } from "@/lib/queries/domains";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { CurationNav } from "@/components/curation/curation-nav";
import { Board } from "@/components/curation/board";

export default async function CurationBoardPage({ params }: { params: Promise<{ slug: string; setId: string }> }) {
  const { slug, setId } = await params;
  const access = await projectPageAccess(slug, "trajectory.read", `/projects/${slug}/curation/sets/${setId}`);
  if ("forbidden" in access) return <Forbidden what="curation" />;
  return (
    <>
      <PageHeader
        title="Curation board"
        description="Pick the set from the approved pool; other leads' changes appear live."
      />
      <CurationNav slug={access.project.slug} />
      <Board
        slug={access.project.slug}
        setId={setId}
        canCurate={access.allowed.includes("curation.write")}
        canRelease={access.allowed.includes("curation.release")}
        domains={await projectDomains(access.project.id)}
      />
    </>
  );
}
