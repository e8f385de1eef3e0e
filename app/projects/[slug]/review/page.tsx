import { PlannedPage } from "@/components/ui/planned-page";

export default async function ReviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <PlannedPage
      slug={slug}
      segment="review"
      action="review.write"
      title="Review"
      description="A queue of trajectories to review: verdicts, rubric scores and step labels."
      planned="Review queues with claims, verdicts, rubric scores and agreement are not built yet."
    />
  );
}
