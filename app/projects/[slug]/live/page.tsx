import { projectPageAccess } from "@/lib/auth/page-access";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { LiveSessionList } from "@/components/live/live-session-list";

export default async function LivePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "live.watch", `/projects/${slug}/live`);
  if ("forbidden" in access) return <Forbidden what="live sessions" />;
  return (
    <>
      <PageHeader
        title="Live"
        description="Sessions agents stream while they work (limi record, limi run): watch them and send feedback. An ended session is a trajectory in review."
      />
      <LiveSessionList slug={access.project.slug} />
    </>
  );
}
