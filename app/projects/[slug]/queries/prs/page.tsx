import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { QueriesTabs } from "@/components/queries/queries-tabs";
import { PrImportForm } from "@/components/queries/prs/pr-import-form";
import { PrImportList } from "@/components/queries/prs/pr-import-list";

export default async function PrImportsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "query.decide", `/projects/${slug}/queries/prs`);
  if ("forbidden" in access) return <Forbidden what="importing pull requests" />;
  return (
    <>
      <PageHeader
        title="Queries"
        description="Pull requests become candidate tasks: import them, keep the small code changes (the LIMI filters), then let the model write a task for each."
      />
      <QueriesTabs slug={slug} canDecide />
      <div className="space-y-6">
        <PrImportForm slug={slug} />
        <PrImportList slug={slug} />
      </div>
    </>
  );
}
