import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { projectPageAccess } from "@/lib/auth/page-access";

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const access = await projectPageAccess(slug, "project.read", `/projects/${slug}`);
  if ("forbidden" in access) return null;
  return (
    <AppShell
      slug={access.project.slug}
      projectName={access.project.name}
      role={access.role}
      allowed={access.allowed}
      user={{ name: access.actor.user.name, email: access.actor.user.email }}
    >
      {children}
    </AppShell>
  );
}
