import { projectPageAccess } from "@/lib/auth/page-access";
import { env } from "@/lib/env";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { QueriesTabs } from "@/components/queries/queries-tabs";
import { PrImportDetail } from "@/components/queries/prs/pr-import-detail";

export default async function PrImportPage({ params }: { params: Promise<{ slug: string; importId: string }> }) {
  const { slug, importId } = await params;
  const access = await projectPageAccess(slug, "query.decide", `/projects/${slug}/queries/prs/${importId}`);
  if ("forbidden" in access) return <Forbidden what="importing pull requests" />;
  return (
    <>
      <PageHeader title="Pull request import" />
      <QueriesTabs slug={slug} canDecide />
      <PrImportDetail slug={slug} importId={importId} llmConfigured={Boolean(env().LLM_BASE_URL)} />
    </>
  );
}
