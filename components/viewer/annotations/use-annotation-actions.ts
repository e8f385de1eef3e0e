"use client";
/** Creating annotations, commenting, resolving and reopening; each refreshes the list (live events refresh other viewers). */
import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import type { TrajectoryApi } from "@/components/viewer/data/api-paths";
import { viewerKeys } from "@/components/viewer/data/use-viewer-queries";

export interface NewAnnotation {
  stepKey: string;
  field?: "text" | "output" | "arguments";
  start?: number;
  end?: number;
  quote?: string;
}

export function useAnnotationActions(api: TrajectoryApi, trajectoryId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: viewerKeys.annotations(trajectoryId) });
  return {
    async create(a: NewAnnotation, label: string | null, comment: string) {
      const { quote: _q, ...anchor } = a;
      await apiFetch(api.annotations, {
        method: "POST",
        json: { ...anchor, ...(label ? { label } : {}), ...(comment.trim() ? { comment } : {}) },
      });
      await refresh();
    },
    async comment(id: string, body: string) {
      await apiFetch(api.comments(id), { method: "POST", json: { body } });
      await refresh();
    },
    async setStatus(id: string, status: "open" | "resolved") {
      await apiFetch(api.annotation(id), { method: "PATCH", json: { status } });
      await refresh();
    },
    async setLabel(id: string, label: string | null) {
      await apiFetch(api.annotation(id), { method: "PATCH", json: { label } });
      await refresh();
    },
    async remove(id: string) {
      await apiFetch(api.annotation(id), { method: "DELETE" });
      await refresh();
    },
    async editComment(id: string, commentId: string, body: string) {
      await apiFetch(api.comment(id, commentId), { method: "PATCH", json: { body } });
      await refresh();
    },
    async removeComment(id: string, commentId: string) {
      await apiFetch(api.comment(id, commentId), { method: "DELETE" });
      await refresh();
    },
  };
}
