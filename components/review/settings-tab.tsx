"use client";
/** Review settings for leads: the rubric (criteria with scale and description), reviews required, threshold, claim TTL. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorBox, Spinner } from "@/components/ui/states";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import type { Criterion } from "@/lib/review/rubric";
import { reviewApi, type ReviewSettings } from "@/components/review/review-api";

const input = "rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950";

export function SettingsTab({ slug }: { slug: string }) {
  const q = useQuery({
    queryKey: ["review", slug, "settings"],
    queryFn: () => apiFetch<ReviewSettings>(reviewApi(slug).settings),
  });
  if (q.error) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  if (!q.data) return <Spinner label="Loading settings" />;
  return <SettingsForm slug={slug} initial={q.data} />;
}

function SettingsForm({ slug, initial }: { slug: string; initial: ReviewSettings }) {
  const qc = useQueryClient();
  const [s, setS] = useState(initial);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const setC = (i: number, patch: Partial<Criterion>) =>
    setS((x) => ({ ...x, rubric: x.rubric.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      await apiFetch(reviewApi(slug).settings, { method: "PUT", json: s });
      setSaved(true);
      void qc.invalidateQueries({ queryKey: ["review", slug] });
    } catch (e) {
      setError(e instanceof ApiError ? { message: e.message, field: e.field } : { message: "could not save" });
    }
  };
  return (
    <form
      className="max-w-3xl space-y-4 text-sm"
      data-testid="review-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset className="space-y-2">
        <legend className="font-medium">Rubric</legend>
        {s.rubric.map((c, i) => (
          <div key={i} className="grid grid-cols-[8rem_10rem_1fr_3.5rem_3.5rem_auto] items-center gap-2">
            <input
              aria-label="key"
              className={input}
              value={c.key}
              onChange={(e) => setC(i, { key: e.target.value })}
            />
            <input
              aria-label="label"
              className={input}
              value={c.label}
              onChange={(e) => setC(i, { label: e.target.value })}
            />
            <input
              aria-label="description"
              className={input}
              value={c.description}
              onChange={(e) => setC(i, { description: e.target.value })}
            />
            <input
              aria-label="min"
              type="number"
              className={input}
              value={c.min}
              onChange={(e) => setC(i, { min: Number(e.target.value) })}
            />
            <input
              aria-label="max"
              type="number"
              className={input}
              value={c.max}
              onChange={(e) => setC(i, { max: Number(e.target.value) })}
            />
            <Button
              type="button"
              variant="ghost"
              onClick={() => setS((x) => ({ ...x, rubric: x.rubric.filter((_, j) => j !== i) }))}
            >
              Remove
            </Button>
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            setS((x) => ({
              ...x,
              rubric: [
                ...x.rubric,
                { key: `criterion_${x.rubric.length + 1}`, label: "New criterion", description: "", min: 1, max: 5 },
              ],
            }))
          }
        >
          Add criterion
        </Button>
      </fieldset>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <label className="flex flex-col gap-1">
          Reviews per revision
          <input
            type="number"
            min={1}
            max={10}
            className={input}
            value={s.requiredReviews}
            onChange={(e) => setS({ ...s, requiredReviews: Number(e.target.value) })}
          />
        </label>
        <label className="flex flex-col gap-1">
          Agreement threshold (0–1)
          <input
            type="number"
            step="0.05"
            min={0}
            max={1}
            className={input}
            value={s.agreementThreshold}
            onChange={(e) => setS({ ...s, agreementThreshold: Number(e.target.value) })}
          />
        </label>
        <label className="flex flex-col gap-1">
          Claim time-to-live (s)
          <input
            type="number"
            min={30}
            className={input}
            value={s.claimTtlSeconds}
            onChange={(e) => setS({ ...s, claimTtlSeconds: Number(e.target.value) })}
          />
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={s.queueNewTrajectories}
            onChange={(e) => setS({ ...s, queueNewTrajectories: e.target.checked })}
          />
          Queue new trajectories for review
        </label>
      </div>
      {error && (
        <p role="alert" className="text-red-600" data-testid="settings-error">
          {error.field ? `${error.field}: ` : ""}
          {error.message}
        </p>
      )}
      {saved && <p className="text-emerald-600">Saved.</p>}
      <Button type="submit">Save settings</Button>
    </form>
  );
}
