import { PlannedPage } from "@/components/ui/planned-page";

export default async function ExportsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <PlannedPage
      slug={slug}
      segment="exports"
      action="export.create"
      title="Exports"
      description="Download locked releases in the training format, with a manifest of checksums."
      planned="Exports of locked releases are not built yet."
    />
  );
}
