import Link from "next/link";
import { notFound } from "next/navigation";
import { projectPageAccess } from "@/lib/auth/page-access";
import { isAppError } from "@/lib/errors/app-error";
import { findSet } from "@/lib/curation/gate/set-samples";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { ChecksPage } from "@/components/curation/checks/checks-page";

export default async function SetChecks({ params }: { params: Promise<{ slug: string; setId: string }> }) {
  const { slug, setId } = await params;
  const access = await projectPageAccess(slug, "trajectory.read", `/projects/${slug}/curation/sets/${setId}/checks`);
  if ("forbidden" in access) return <Forbidden what="curation checks" />;
  const set = await findSet(access.project.id, setId).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link
          href={`/projects/${encodeURIComponent(slug)}/curation`}
          className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
        >
          Curation
        </Link>{" "}
        / {set.name}
      </nav>
      <PageHeader
        title={`Checks: ${set.name}`}
        description="Validation and the secret scan over the set's approved revisions. A release is refused while any finding is open."
      />
      <ChecksPage
        slug={access.project.slug}
        setId={set.id}
        canCheck={access.allowed.includes("curation.check")}
        canWaive={access.allowed.includes("curation.waive")}
      />
    </>
  );
}
