"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch, ApiError } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);

export function CreateProjectForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const create = useMutation({
    mutationFn: (body: { name: string; slug: string; description: string }) =>
      apiFetch<{ project: { slug: string } }>("/api/projects", { method: "POST", json: body }),
    onSuccess: async ({ project }) => {
      await qc.invalidateQueries({ queryKey: ["projects"] });
      onDone();
      router.push(`/projects/${project.slug}/trajectories`);
    },
  });
  const err = create.error instanceof ApiError ? create.error : null;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    create.mutate({ name, slug, description: String(form.get("description") ?? "") });
  }

  return (
    <form
      onSubmit={onSubmit}
      className="mb-6 space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="create-project-form"
    >
      <Field label="Name" error={err?.field === "name" ? err.message : undefined}>
        <Input
          name="name"
          value={name}
          required
          autoFocus
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
        />
      </Field>
      <Field label="Slug (used in URLs and the CLI)" error={err?.field === "slug" ? err.message : undefined}>
        <Input
          name="slug"
          value={slug}
          required
          pattern="[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
          onChange={(e) => {
            setSlug(e.target.value);
            setSlugEdited(true);
          }}
        />
      </Field>
      <Field label="Description">
        <Input name="description" />
      </Field>
      {create.error && !err?.field && <p className="text-sm text-red-600">{create.error.message}</p>}
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create project"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
