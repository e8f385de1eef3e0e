import { Suspense } from "react";
import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { CurationNav } from "@/components/curation/curation-nav";
import { StatisticsPage } from "@/components/curation/statistics-page";

export default async function Statistics({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "trajectory.read", `/projects/${slug}/curation/statistics`);
  if ("forbidden" in access) return <Forbidden what="curation statistics" />;
  return (
    <>
      <PageHeader
        title="Curation statistics"
        description="The whole pool, the approved pool and the chosen set side by side (LIMI: 13k to 152k tokens, 42.4k on average)."
      />
      <CurationNav slug={access.project.slug} />
      <Suspense>
        <StatisticsPage slug={access.project.slug} />
      </Suspense>
    </>
  );
}
