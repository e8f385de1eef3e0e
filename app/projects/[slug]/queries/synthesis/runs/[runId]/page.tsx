import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { QueriesTabs } from "@/components/queries/queries-tabs";
import { RunDetail } from "@/components/queries/synthesis/run-detail";

export default async function SynthesisRunPage({ params }: { params: Promise<{ slug: string; runId: string }> }) {
  const { slug, runId } = await params;
  const access = await projectPageAccess(slug, "query.read", `/projects/${slug}/queries/synthesis/runs/${runId}`);
  if ("forbidden" in access) return <Forbidden what="reading queries" />;
  const canDecide = access.allowed.includes("query.decide");
  return (
    <>
      <PageHeader title="Synthesis run" />
      <QueriesTabs slug={slug} canDecide={canDecide} />
      <RunDetail slug={slug} runId={runId} canDecide={canDecide} />
    </>
  );
}
