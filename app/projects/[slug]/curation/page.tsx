import { projectPageAccess } from "@/lib/auth/page-access";
import { projectDomains } from "@/lib/queries/domains";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { CurationNav } from "@/components/curation/curation-nav";
import { SetsList } from "@/components/curation/sets-list";

export default async function CurationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "trajectory.read", `/projects/${slug}/curation`);
  if ("forbidden" in access) return <Forbidden what="curation" />;
  return (
    <>
      <PageHeader
        title="Curation"
        description="Assemble the training set from approved trajectories: target size, domain quotas, the token rule, no near-duplicates; then lock it as a release."
      />
      <CurationNav slug={access.project.slug} />
      <SetsList
        slug={access.project.slug}
        canCurate={access.allowed.includes("curation.write")}
        domains={await projectDomains(access.project.id)}
      />
    </>
  );
}
