import { Suspense } from "react";
import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { ReviewPage } from "@/components/review/review-page";

export default async function Review({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "trajectory.read", `/projects/${slug}/review`);
  if ("forbidden" in access) return <Forbidden what="review" />;
  // Tabs follow the role; the routes behind them check the same permissions themselves.
  return (
    <>
      <PageHeader
        title="Review"
        description="Verdicts and rubric scores per revision, handed out as claims; disagreements go to a lead, who approves."
      />
      <Suspense>
        <ReviewPage
          slug={access.project.slug}
          meId={access.actor.user.id}
          canReview={access.allowed.includes("review.write")}
          canEdit={access.allowed.includes("trajectory.edit")}
          canApprove={access.allowed.includes("review.approve")}
        />
      </Suspense>
    </>
  );
}
