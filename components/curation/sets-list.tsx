"use client";
/** The project's curation sets, and (for leads) a form to start one. */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, ApiError } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { EmptyState, ErrorBox, Spinner, Badge } from "@/components/ui/states";
import { DateTime } from "@/components/ui/date-time";
import { curationApi, curationPath, type SetsResponse } from "@/components/curation/curation-api";

export function SetsList({ slug, canCurate, domains }: { slug: string; canCurate: boolean; domains: string[] }) {
  const api = curationApi(slug);
  const qc = useQueryClient();
  const router = useRouter();
  const sets = useQuery({ queryKey: ["curation", slug, "sets"], queryFn: () => apiFetch<SetsResponse>(api.sets) });
  const [name, setName] = useState("");
  const [target, setTarget] = useState("78");
  const [maxTokens, setMaxTokens] = useState("125000");
  const [quotas, setQuotas] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: () =>
      apiFetch<{ set: { id: string } }>(api.sets, {
        method: "POST",
        json: {
          name,
          targetSize: Number(target),
          maxTokensPerSample: Number(maxTokens),
          quotas: Object.fromEntries(
            Object.entries(quotas)
              .filter(([, v]) => v.trim() !== "")
              .map(([k, v]) => [k, Number(v)]),
          ),
        },
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ["curation", slug, "sets"] });
      router.push(curationPath(slug, `/sets/${r.set.id}`));
    },
  });
  const err = create.error instanceof ApiError ? create.error : null;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <section aria-labelledby="sets-h">
        <h2 id="sets-h" className="mb-2 text-base font-semibold">
          Sets
        </h2>
        {sets.isPending ? (
          <Spinner label="Loading sets" />
        ) : sets.isError ? (
          <ErrorBox error={sets.error} retry={() => void sets.refetch()} />
        ) : sets.data.sets.length === 0 ? (
          <EmptyState title="No curation sets yet">
            A set gathers approved trajectories toward a release: a target size (LIMI used 78), quotas per domain and a
            token rule. {canCurate ? "Start one with the form." : "A lead starts one."}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {sets.data.sets.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div>
                  <Link
                    href={curationPath(slug, `/sets/${s.id}`)}
                    className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    {s.name}
                  </Link>
                  <div className="text-xs text-zinc-600 dark:text-zinc-400">
                    {s.itemCount} of {s.targetSize} · max {Number(s.maxTokensPerSample).toLocaleString("en")} tokens per
                    sample · updated <DateTime value={s.updatedAt} />
                  </div>
                </div>
                <div className="flex gap-2">
                  {s.lastRelease ? <Badge tone="green">released #{s.lastRelease}</Badge> : <Badge>draft</Badge>}
                  {s.itemCount === s.targetSize && <Badge tone="indigo">at target</Badge>}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canCurate && (
        <section aria-labelledby="new-set-h" className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <h2 id="new-set-h" className="mb-3 text-base font-semibold">
            New set
          </h2>
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
          >
            <Field label="Name" error={err?.field === "name" ? err.message : undefined}>
              <Input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
            </Field>
            <Field label="Target size" error={err?.field === "targetSize" ? err.message : undefined}>
              <Input type="number" min={1} value={target} onChange={(e) => setTarget(e.target.value)} required />
            </Field>
            <Field label="Max tokens per sample (token rule)">
              <Input type="number" min={1} value={maxTokens} onChange={(e) => setMaxTokens(e.target.value)} required />
            </Field>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Quotas per domain</legend>
              {domains.map((d) => (
                <Field key={d} label={d}>
                  <Input
                    type="number"
                    min={0}
                    placeholder="no quota"
                    value={quotas[d] ?? ""}
                    onChange={(e) => setQuotas({ ...quotas, [d]: e.target.value })}
                  />
                </Field>
              ))}
            </fieldset>
            {create.error && <ErrorBox error={create.error} />}
            <Button type="submit" disabled={create.isPending || !name.trim()}>
              {create.isPending ? "Creating…" : "Create set"}
            </Button>
          </form>
        </section>
      )}
    </div>
  );
}
