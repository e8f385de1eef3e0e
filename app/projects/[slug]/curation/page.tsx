import { PlannedPage } from "@/components/ui/planned-page";

export default async function CurationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <PlannedPage
      slug={slug}
      segment="curation"
      action="curation.write"
      title="Curation"
      description="Assemble the training set from approved trajectories: target size, domain quotas, token budget, no near-duplicates."
      planned="Set assembly and locked releases are not built yet."
    />
  );
}
