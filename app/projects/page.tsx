import { pageActor } from "@/lib/auth/page-access";
import { ProjectList } from "@/components/projects/project-list";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { SignOutButton } from "@/components/shell/sign-out-button";

export default async function ProjectsPage() {
  const actor = await pageActor("/projects");
  return (
    <div className="mx-auto max-w-4xl p-6">
      <header className="mb-6 flex items-center justify-between">
        <h1 className="text-xl font-semibold tracking-tight">LIMI Studio</h1>
        <div className="flex items-center gap-2">
          <span className="text-sm text-zinc-600 dark:text-zinc-400">{actor.user.email}</span>
          <ThemeToggle />
          <SignOutButton />
        </div>
      </header>
      <main>
        <ProjectList canCreate={actor.user.isAdmin} />
      </main>
    </div>
  );
}
