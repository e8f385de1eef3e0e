import { notFound } from "next/navigation";
import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { CurationNav } from "@/components/curation/curation-nav";
import { ReleaseView } from "@/components/curation/release-view";

export default async function ReleasePage({ params }: { params: Promise<{ slug: string; number: string }> }) {
  const { slug, number } = await params;
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) notFound();
  const access = await projectPageAccess(slug, "trajectory.read", `/projects/${slug}/curation/releases/${n}`);
  if ("forbidden" in access) return <Forbidden what="releases" />;
  return (
    <>
      <PageHeader
        title={`Release #${n}`}
        description="Immutable: later revisions of its trajectories leave it as locked."
      />
      <CurationNav slug={access.project.slug} />
      <ReleaseView slug={access.project.slug} number={n} />
    </>
  );
}
