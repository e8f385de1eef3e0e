"use client";
/**
 * After a delete (from the viewer, which comes back here with `?deleted=<id>`): what was deleted
 * and an Undo, for as long as the server allows a restore.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ErrorBox } from "@/components/ui/states";
import { apiFetch } from "@/lib/http/client-fetch";
import { useListParams } from "@/components/ui/use-list-params";
import { UNDO_WINDOW_MINUTES } from "@/lib/trajectory/undo-window";

export function DeletedBanner({ slug }: { slug: string }) {
  const { sp, setParams } = useListParams();
  const router = useRouter();
  const qc = useQueryClient();
  const id = sp.get("deleted");
  const title = sp.get("deletedTitle") ?? "the trajectory";
  const undo = useMutation({
    mutationFn: () => apiFetch(`/api/projects/${slug}/trajectories/${id}/restore`, { method: "POST" }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["trajectories", slug] });
      router.push(`/projects/${slug}/trajectories/${id}`);
    },
  });
  if (!id) return null;
  return (
    <div
      role="status"
      data-testid="deleted-banner"
      className="flex flex-wrap items-center gap-3 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
    >
      <span>
        Deleted “{title}”. It is hidden from every list; you can undo this for {UNDO_WINDOW_MINUTES} minutes.
      </span>
      <Button variant="secondary" onClick={() => undo.mutate()} disabled={undo.isPending} data-testid="undo-delete">
        Undo
      </Button>
      <Button variant="ghost" onClick={() => setParams({ deleted: null, deletedTitle: null })}>
        Dismiss
      </Button>
      {undo.error && <ErrorBox error={undo.error} />}
    </div>
  );
}
