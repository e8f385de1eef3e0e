"use client";
/**
 * A trajectory's title, domain and query, edited from the viewer (metadata: saving makes no
 * revision), and its delete for leads and admins (soft, undone from the list for a while).
 * A native <dialog>: focus moves in, Escape closes, and single-key shortcuts stay quiet.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ErrorBox } from "@/components/ui/states";
import { apiFetch } from "@/lib/http/client-fetch";
import { DomainSelect, QuerySelect, pickedValue } from "@/components/trajectories/metadata-fields";

interface Meta {
  id: string;
  title: string;
  domain: string | null;
  queryId: string | null;
}

export function TrajectoryDetailsDialog({
  slug,
  t,
  canEdit,
  canDelete,
  onClose,
  onSaved,
}: {
  slug: string;
  t: Meta;
  canEdit: boolean;
  canDelete: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const qc = useQueryClient();
  const [title, setTitle] = useState(t.title);
  const [domain, setDomain] = useState(t.domain ?? "__none");
  const [queryId, setQueryId] = useState(t.queryId ?? "__none");
  const [confirmDelete, setConfirmDelete] = useState(false);
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const url = `/api/projects/${slug}/trajectories/${t.id}`;
  const patch: Record<string, string | null> = {};
  if (title.trim() !== t.title) patch.title = title.trim();
  const d = pickedValue(domain) ?? null;
  if (d !== t.domain) patch.domain = d;
  const q = pickedValue(queryId) ?? null;
  if (q !== t.queryId) patch.queryId = q;

  const save = useMutation({
    mutationFn: () => apiFetch(url, { method: "PATCH", json: patch }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["trajectories", slug] });
      onSaved();
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(url, { method: "DELETE" }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["trajectories", slug] });
      const sp = new URLSearchParams({ deleted: t.id, deletedTitle: t.title.slice(0, 120) });
      router.push(`/projects/${slug}/trajectories?${sp.toString()}`);
    },
  });

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="trajectory-details-title"
      data-testid="trajectory-details"
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <form
        method="dialog"
        className="space-y-3 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (Object.keys(patch).length) save.mutate();
          else onClose();
        }}
      >
        <h2 id="trajectory-details-title" className="text-base font-semibold">
          Trajectory details
        </h2>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Title, domain and query are metadata: changing them makes no revision and leaves reviews as they are.
        </p>
        <Field label="Title">
          <Input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={200}
            disabled={!canEdit}
            data-testid="details-title"
          />
        </Field>
        <Field label="Domain">
          <DomainSelect slug={slug} value={domain} onChange={setDomain} placeholder="—" testId="details-domain" />
        </Field>
        <Field label="Query it attempts">
          <QuerySelect slug={slug} value={queryId} onChange={setQueryId} placeholder="—" testId="details-query" />
        </Field>
        {save.error && <ErrorBox error={save.error} />}
        {remove.error && <ErrorBox error={remove.error} />}
        <div className="flex flex-wrap items-center gap-2 pt-1">
          {canEdit && (
            <Button type="submit" disabled={save.isPending || !title.trim()} data-testid="details-save">
              Save details
            </Button>
          )}
          <Button type="button" variant="secondary" onClick={onClose}>
            Close
          </Button>
          {canDelete &&
            (confirmDelete ? (
              <span className="ml-auto flex items-center gap-2 text-sm">
                Delete it?
                <Button
                  type="button"
                  variant="danger"
                  onClick={() => remove.mutate()}
                  disabled={remove.isPending}
                  data-testid="details-delete-confirm"
                >
                  Delete
                </Button>
              </span>
            ) : (
              <Button
                type="button"
                variant="ghost"
                className="ml-auto text-red-700 dark:text-red-400"
                onClick={() => setConfirmDelete(true)}
                data-testid="details-delete"
              >
                Delete trajectory…
              </Button>
            ))}
        </div>
      </form>
    </dialog>
  );
}
