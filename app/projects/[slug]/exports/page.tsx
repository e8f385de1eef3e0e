import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { ExportsPanel } from "@/components/exports/exports-panel";

export default async function ExportsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "export.create", `/projects/${slug}/exports`);
  if ("forbidden" in access) return <Forbidden what="exporting" />;
  return (
    <>
      <PageHeader
        title="Exports"
        description="Export a locked release in a training format: a zip with the data files, manifest.json (sha256 per file and sample) and a dataset card. The same release always gives the same bytes."
      />
      <ExportsPanel slug={access.project.slug} />
    </>
  );
}
