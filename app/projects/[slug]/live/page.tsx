import { PlannedPage } from "@/components/ui/planned-page";

export default async function LivePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <PlannedPage
      slug={slug}
      segment="live"
      action="live.watch"
      title="Live"
      description="Watch collection sessions as they happen and send feedback to the agent."
      planned="Live sessions from `limi record` are not built yet. Past sessions can be imported as files."
    />
  );
}
