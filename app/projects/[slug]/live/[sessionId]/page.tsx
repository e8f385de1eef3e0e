import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { LiveSessionView } from "@/components/live/live-session-view";

export default async function LiveSessionPage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const access = await projectPageAccess(slug, "live.watch", `/projects/${slug}/live/${sessionId}`);
  if ("forbidden" in access) return <Forbidden what="live sessions" />;
  return (
    <>
      <PageHeader
        title="Live session"
        description="Steps appear as the agent works; scroll up to read, jump to live to follow."
      />
      <LiveSessionView
        slug={access.project.slug}
        session={sessionId}
        canFeedback={access.allowed.includes("live.feedback")}
      />
    </>
  );
}
