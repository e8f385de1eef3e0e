import type { Action } from "@/lib/auth/permissions";
import { projectPageAccess } from "@/lib/auth/page-access";
import { EmptyState } from "@/components/ui/states";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";

/**
 * A section whose capability is not built yet: the access check is real, and the page says
 * plainly what will be here instead of showing a broken screen.
 */
export async function PlannedPage(props: {
  slug: string;
  segment: string;
  action: Action;
  title: string;
  description: string;
  planned: string;
}) {
  const access = await projectPageAccess(props.slug, props.action, `/projects/${props.slug}/${props.segment}`);
  if ("forbidden" in access) return <Forbidden what={props.title.toLowerCase()} />;
  return (
    <>
      <PageHeader title={props.title} description={props.description} />
      <EmptyState title={`${props.title} is not available yet`}>{props.planned}</EmptyState>
    </>
  );
}
