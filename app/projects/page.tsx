import { pageActor } from "@/lib/auth/page-access";
import { ProjectList } from "@/components/projects/project-list";
import { TopBar } from "@/components/shell/top-bar";

export default async function ProjectsPage() {
  const actor = await pageActor("/projects");
  return (
    <div className="mx-auto max-w-4xl p-6">
      <TopBar title="LIMI Studio" email={actor.user.email} isAdmin={actor.user.isAdmin} />
      <main>
        <ProjectList canCreate={actor.user.isAdmin} />
      </main>
    </div>
  );
}
