"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/http/client-fetch";
import type { ResponseOf } from "@/lib/http/json-of";
import type { listProjectsFor } from "@/lib/projects/projects";

// Types only: the list is typed from the server function that makes it.
type ProjectItem = ResponseOf<typeof listProjectsFor>[number];

export function ProjectSwitcher({ current }: { current: string }) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["projects"],
    queryFn: () => apiFetch<{ projects: ProjectItem[] }>("/api/projects"),
  });
  return (
    <select
      aria-label="Project"
      data-testid="project-switcher"
      value={current}
      onChange={(e) =>
        router.push(e.target.value === "__all" ? "/projects" : `/projects/${e.target.value}/trajectories`)
      }
      className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
    >
      {(data?.projects ?? [{ slug: current, name: current, role: "" }]).map((p) => (
        <option key={p.slug} value={p.slug}>
          {p.name}
        </option>
      ))}
      <option value="__all">All projects…</option>
    </select>
  );
}
