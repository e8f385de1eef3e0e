import { PlannedPage } from "@/components/ui/planned-page";

export default async function QueriesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <PlannedPage
      slug={slug}
      segment="queries"
      action="query.read"
      title="Queries"
      description="The pool of tasks trajectories are collected for: written by people or synthesised from pull requests."
      planned="The query pool (human-written tasks, PR import and LLM synthesis, near-duplicate checks) is being built. Trajectories can already be listed and opened from Trajectories."
    />
  );
}
