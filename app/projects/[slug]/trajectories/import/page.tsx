import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { ImportPanel } from "@/components/import/import-panel";

export default async function ImportTrajectoriesPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "trajectory.import", `/projects/${slug}/trajectories/import`);
  if ("forbidden" in access) return <Forbidden what="importing trajectories" />;
  // ?queryId= links the batch to a query of the pool (the server checks that it exists).
  const { queryId } = await searchParams;
  return (
    <>
      <PageHeader
        title="Import trajectories"
        description={`Add past agent sessions to ${access.project.name}. Each file is uploaded, parsed and stored on its own; a file that fails writes nothing and says what is wrong and where.`}
      />
      <ImportPanel slug={slug} queryId={typeof queryId === "string" && queryId ? queryId : null} />
    </>
  );
}
