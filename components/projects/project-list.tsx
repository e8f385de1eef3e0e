"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { Badge, EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { CreateProjectForm } from "@/components/projects/create-project-form";
import type { ResponseOf } from "@/lib/http/json-of";
import type { listProjectsFor } from "@/lib/projects/projects";

// Types only: the list is typed from the server function that makes it.
type ProjectItem = ResponseOf<typeof listProjectsFor>[number];

export function ProjectList({ canCreate }: { canCreate: boolean }) {
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: ["projects"], queryFn: () => apiFetch<{ projects: ProjectItem[] }>("/api/projects") });
  return (
    <section>
      <div className="mb-4 flex items-center justify-between">
        <h2 className="text-lg font-semibold">Projects</h2>
        {canCreate && !creating && <Button onClick={() => setCreating(true)}>New project</Button>}
      </div>
      {creating && <CreateProjectForm onDone={() => setCreating(false)} />}
      {q.isPending && <Spinner />}
      {q.error && <ErrorBox error={q.error} retry={() => q.refetch()} />}
      {q.data && q.data.projects.length === 0 && (
        <EmptyState title="No projects yet">
          {canCreate
            ? "Create the first project to start collecting trajectories."
            : "Ask an administrator to add you to a project."}
        </EmptyState>
      )}
      <ul className="grid gap-3 sm:grid-cols-2" data-testid="project-list">
        {q.data?.projects.map((p) => (
          <li key={p.slug}>
            <Link
              href={`/projects/${p.slug}/trajectories`}
              className="block rounded-lg border border-zinc-200 bg-white p-4 hover:border-indigo-400 dark:border-zinc-800 dark:bg-zinc-900"
            >
              <div className="flex items-center justify-between">
                <span className="font-medium">{p.name}</span>
                <Badge>{p.role}</Badge>
              </div>
              <p className="mt-1 line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">{p.description || p.slug}</p>
              <p className="mt-2 text-xs text-zinc-500">{p.trajectoryCount} trajectories</p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
