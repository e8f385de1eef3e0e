import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { NewQueryForm } from "@/components/queries/new-query-form";

export default async function NewQueryPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "query.write", `/projects/${slug}/queries/new`);
  if ("forbidden" in access) return <Forbidden what="writing queries" />;
  return (
    <>
      <PageHeader
        title="New query"
        description="A task as a person would give it to an agent. It enters the pool as a candidate; a lead accepts or rejects it."
      />
      <NewQueryForm slug={slug} />
    </>
  );
}
