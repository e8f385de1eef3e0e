"use client";
/** A lead's bar over selected queue items: assign to a member (or nobody) and/or set the priority. */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import { reviewApi, type ProgressResponse } from "@/components/review/review-api";

export function AssignBar({ slug, ids, onDone }: { slug: string; ids: string[]; onDone: () => void }) {
  const api = reviewApi(slug);
  const people = useQuery({
    queryKey: ["review", slug, "progress"],
    queryFn: () => apiFetch<ProgressResponse>(api.progress),
  });
  const [assignee, setAssignee] = useState("");
  const [priority, setPriority] = useState("");
  const [error, setError] = useState<string | null>(null);
  const apply = async () => {
    setError(null);
    try {
      await apiFetch(api.assign, {
        method: "POST",
        json: {
          trajectoryIds: ids,
          ...(assignee ? { assigneeId: assignee === "-" ? null : assignee } : {}),
          ...(priority !== "" ? { priority: Number(priority) } : {}),
        },
      });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "could not assign");
    }
  };
  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 p-2 text-sm dark:border-indigo-900 dark:bg-indigo-950"
      data-testid="assign-bar"
    >
      <span>{ids.length} selected</span>
      <label className="flex items-center gap-1">
        Assign to
        <select
          value={assignee}
          onChange={(e) => setAssignee(e.target.value)}
          className="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">(unchanged)</option>
          <option value="-">nobody</option>
          {people.data?.people.map((u) => (
            <option key={u.userId} value={u.userId}>
              {u.name} ({u.role})
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        Priority
        <input
          type="number"
          min={-100}
          max={100}
          value={priority}
          onChange={(e) => setPriority(e.target.value)}
          className="w-16 rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      <Button onClick={() => void apply()} disabled={!assignee && priority === ""}>
        Apply
      </Button>
      {error && (
        <span role="alert" className="text-red-600">
          {error}
        </span>
      )}
    </div>
  );
}
