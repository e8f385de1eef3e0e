import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { QueriesTabs } from "@/components/queries/queries-tabs";
import { RunList } from "@/components/queries/synthesis/run-list";
import { TemplateEditor } from "@/components/queries/synthesis/template-editor";

export default async function SynthesisPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "query.decide", `/projects/${slug}/queries/synthesis`);
  if ("forbidden" in access) return <Forbidden what="query synthesis" />;
  return (
    <>
      <PageHeader
        title="Queries"
        description="How the model is asked to turn a pull request into a task, and the runs that did it."
      />
      <QueriesTabs slug={slug} canDecide />
      <div className="space-y-8">
        <RunList slug={slug} />
        <TemplateEditor slug={slug} />
      </div>
    </>
  );
}
