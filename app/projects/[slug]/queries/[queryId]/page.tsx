import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { QueriesTabs } from "@/components/queries/queries-tabs";
import { QueryDetail } from "@/components/queries/query-detail";

export default async function QueryPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; queryId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, queryId } = await params;
  const access = await projectPageAccess(slug, "query.read", `/projects/${slug}/queries/${queryId}`);
  if ("forbidden" in access) return <Forbidden what="reading queries" />;
  // ?list= is the Queries list's own query string, so next/previous walk what the person saw.
  const { list, created } = await searchParams;
  const canDecide = access.allowed.includes("query.decide");
  return (
    <>
      <QueriesTabs slug={slug} canDecide={canDecide} />
      <QueryDetail
        key={queryId}
        slug={slug}
        id={queryId}
        listQs={typeof list === "string" ? list : ""}
        canWrite={access.allowed.includes("query.write")}
        canDecide={canDecide}
        canImport={access.allowed.includes("trajectory.import")}
        created={created === "1"}
      />
    </>
  );
}
