import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { LinkButton } from "@/components/ui/link-button";
import { PageHeader } from "@/components/ui/page-header";
import { QueriesTabs } from "@/components/queries/queries-tabs";
import { QueryJsonlActions } from "@/components/queries/query-jsonl-actions";
import { QueryTable } from "@/components/queries/query-table";

export default async function QueriesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "query.read", `/projects/${slug}/queries`);
  if ("forbidden" in access) return <Forbidden what="reading queries" />;
  // Hidden controls are a convenience; every route checks the permission itself.
  const canWrite = access.allowed.includes("query.write");
  const canDecide = access.allowed.includes("query.decide");
  return (
    <>
      <PageHeader
        title="Queries"
        description={`The tasks trajectories are collected for in ${access.project.name}: written by people, imported, or synthesised from pull requests.`}
        actions={
          <div className="flex items-start gap-2">
            <QueryJsonlActions slug={slug} canWrite={canWrite} />
            {canWrite && (
              <LinkButton href={`/projects/${slug}/queries/new`} data-testid="new-query">
                New query
              </LinkButton>
            )}
          </div>
        }
      />
      <QueriesTabs slug={slug} canDecide={canDecide} />
      <QueryTable slug={slug} canDecide={canDecide} canWrite={canWrite} />
    </>
  );
}
