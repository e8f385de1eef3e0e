"use client";
/**
 * A curation set's checks: run validation and the redaction scan, see the findings grouped by rule
 * with links to their steps, redact a secret in one click (a new revision; the approval carries
 * over) or waive a finding with a reason. The server checks every action; the buttons follow the
 * role only as a convenience. Keys come from lib/keymap ("checks" context).
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import { actionFor, bindingsFor } from "@/lib/keymap/keymap";
import type { ChecksView, FindingView } from "@/lib/curation/gate/findings";
import { Button } from "@/components/ui/button";
import { Badge, EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { DateTime } from "@/components/ui/date-time";
import { Kbd } from "@/components/ui/kbd";
import { isTypingTarget } from "@/components/ui/typing-target";
import { WaiveDialog } from "@/components/curation/checks/waive-dialog";

const STATUS_TONE = { open: "red", redacted: "green", waived: "amber", resolved: "zinc" } as const;

export function ChecksPage({
  slug,
  setId,
  canCheck,
  canWaive,
}: {
  slug: string;
  setId: string;
  canCheck: boolean;
  canWaive: boolean;
}) {
  const base = `/api/projects/${encodeURIComponent(slug)}/curation/sets/${encodeURIComponent(setId)}`;
  const key = useMemo(() => ["curation-checks", slug, setId], [slug, setId]);
  const qc = useQueryClient();
  const router = useRouter();
  const query = useQuery({ queryKey: key, queryFn: () => apiFetch<ChecksView>(`${base}/checks`) });
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [waiving, setWaiving] = useState<FindingView | null>(null);
  const [showKeys, setShowKeys] = useState(false);
  const [focused, setFocused] = useState<string | null>(null);
  const rows = useRef(new Map<string, HTMLLIElement>());

  const run = useMutation({
    mutationFn: () => apiFetch<ChecksView>(`${base}/checks`, { method: "POST" }),
    onMutate: () => setActionError(null),
    onSuccess: (v) => {
      qc.setQueryData(key, v);
      setNotice(
        `Checks ran over ${v.counts.samples} samples: ${v.counts.open} open finding${v.counts.open === 1 ? "" : "s"}.`,
      );
    },
    onError: setActionError,
  });
  const redact = useMutation({
    mutationFn: (f: FindingView) =>
      apiFetch<{ revision: number }>(`${base}/findings/${encodeURIComponent(f.id)}/redact`, { method: "POST" }),
    onMutate: () => setActionError(null),
    onSuccess: (r, f) => {
      setNotice(`Redacted ${f.kind ?? "the secret"} in "${f.trajectoryTitle}": revision ${r.revision}.`);
      void qc.invalidateQueries({ queryKey: key });
    },
    onError: setActionError,
  });
  const waive = useMutation({
    mutationFn: ({ f, reason }: { f: FindingView; reason: string }) =>
      apiFetch<FindingView>(`${base}/findings/${encodeURIComponent(f.id)}/waive`, { method: "POST", json: { reason } }),
    onSuccess: (_r, { f }) => {
      setWaiving(null);
      setNotice(`Waived: ${f.ruleLabel} in "${f.trajectoryTitle}".`);
      void qc.invalidateQueries({ queryKey: key });
    },
  });

  const data = query.data;
  const groups = useMemo(() => groupByRule(data?.findings ?? []), [data]);
  const flat = useMemo(() => groups.flatMap((g) => g.findings), [groups]);
  const stepHref = useCallback(
    (f: FindingView) =>
      `/projects/${encodeURIComponent(slug)}/trajectories/${encodeURIComponent(f.trajectoryId)}${f.stepKey ? `#step-${encodeURIComponent(f.stepKey)}` : ""}`,
    [slug],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target) || document.querySelector("dialog[open]")) return;
      const b = actionFor("checks", e);
      if (!b) return;
      // The row that has the focus now (a key right after `j` comes before React re-renders).
      const active = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>("[data-finding-id]");
      const at = flat.findIndex((f) => f.id === (active?.dataset.findingId ?? focused));
      const current = at >= 0 ? flat[at] : null;
      const move = (i: number) => {
        const f = flat[Math.max(0, Math.min(flat.length - 1, i))];
        if (!f) return;
        setFocused(f.id);
        rows.current.get(f.id)?.focus();
      };
      e.preventDefault();
      switch (b.action) {
        case "checks.run":
          if (canCheck && !run.isPending) run.mutate();
          break;
        case "finding.next":
          move(at + 1);
          break;
        case "finding.prev":
          move(at < 0 ? 0 : at - 1);
          break;
        case "finding.redact":
          if (current && canCheck && current.status === "open" && current.redactable && !redact.isPending)
            redact.mutate(current);
          break;
        case "finding.waive":
          if (current && canWaive && current.status === "open") setWaiving(current);
          break;
        case "finding.open":
          if (current) router.push(stepHref(current));
          break;
        case "help":
          setShowKeys((v) => !v);
          break;
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [flat, focused, canCheck, canWaive, run, redact, router, stepHref]);

  if (query.isPending) return <Spinner label="Loading the checks" />;
  if (query.isError) return <ErrorBox error={query.error} retry={() => void query.refetch()} />;
  const v = data!;

  return (
    <div className="space-y-4" data-testid="checks-page">
      <section
        aria-label="Summary"
        className="flex flex-wrap items-center gap-x-6 gap-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      >
        <Count label="Open" value={v.counts.open} tone={v.counts.open ? "red" : "green"} testId="open-count" />
        <Count label="Validation" value={v.counts.openValidation} />
        <Count label="Secrets" value={v.counts.openSecrets} />
        <Count label="Redacted" value={v.counts.redacted} />
        <Count label="Waived" value={v.counts.waived} />
        <div className="min-w-48 flex-1 text-sm text-zinc-600 dark:text-zinc-400">
          {v.run ? (
            <>
              Last run <DateTime value={v.run.ranAt} />
              {v.run.ranBy ? ` by ${v.run.ranBy}` : ""} over {v.run.samples} samples ({v.run.durationMs} ms); token rule{" "}
              {v.set.maxTokensPerSample.toLocaleString("en-US")}.
            </>
          ) : (
            "The checks have not been run on this set."
          )}
        </div>
        {canCheck && (
          <Button onClick={() => run.mutate()} disabled={run.isPending} data-testid="run-checks">
            {run.isPending ? "Running…" : v.run ? "Run again" : "Run checks"} <Kbd>r</Kbd>
          </Button>
        )}
      </section>

      {v.run?.stale && (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          The set&apos;s samples changed since the last run: run the checks again before releasing.
        </p>
      )}
      {notice && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300" data-testid="checks-notice">
          {notice}
        </p>
      )}
      {actionError !== null && <ErrorBox error={actionError} />}

      {!canCheck && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Only leads and admins run checks, redact and waive.</p>
      )}

      {!v.run ? (
        <EmptyState title="No checks yet">
          Validation (tool-call arguments, calls and results, one type per argument name, the last turn, the token rule,
          secret annotations, duplicates) and the secret scan run over the set&apos;s approved revisions.
        </EmptyState>
      ) : flat.length === 0 ? (
        <EmptyState title="No findings">Every sample passed validation and the secret scan.</EmptyState>
      ) : (
        groups.map((g) => (
          <section key={g.label} aria-labelledby={`rule-${g.id}`} className="space-y-2">
            <h2 id={`rule-${g.id}`} className="text-sm font-semibold">
              {g.label}{" "}
              <span className="font-normal text-zinc-600 dark:text-zinc-400">
                ({g.open} open of {g.findings.length})
              </span>
            </h2>
            <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
              {g.findings.map((f) => (
                <li
                  key={f.id}
                  ref={(el) => {
                    if (el) rows.current.set(f.id, el);
                    else rows.current.delete(f.id);
                  }}
                  tabIndex={0}
                  onFocus={() => setFocused(f.id)}
                  data-testid="finding"
                  data-finding-id={f.id}
                  data-status={f.status}
                  className={`flex flex-wrap items-start gap-3 p-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${focused === f.id ? "bg-indigo-50 dark:bg-indigo-950/40" : ""}`}
                >
                  <div className="min-w-0 flex-1 space-y-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge tone={STATUS_TONE[f.status]}>{f.status}</Badge>
                      <Link
                        href={stepHref(f)}
                        className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
                      >
                        {f.trajectoryTitle}
                        {f.stepIndex !== null ? ` · step ${f.stepIndex + 1}` : ""}
                      </Link>
                      {f.field && <span className="text-xs text-zinc-600 dark:text-zinc-400">{f.field}</span>}
                    </div>
                    <p className="break-words text-zinc-700 dark:text-zinc-300">{f.message}</p>
                    {f.preview && (
                      <code className="rounded bg-zinc-100 px-1 text-xs dark:bg-zinc-800">{f.preview}</code>
                    )}
                    {f.status === "waived" && (
                      <p className="text-xs text-zinc-600 dark:text-zinc-400">
                        Waived by {f.waivedBy ?? "someone"}: {f.waiverReason}
                      </p>
                    )}
                    {f.status === "redacted" && f.redactedRevision && (
                      <p className="text-xs text-zinc-600 dark:text-zinc-400">
                        Redacted in revision {f.redactedRevision}
                        {f.purgedAt
                          ? "; purged from older revisions and the original"
                          : "; older revisions still hold it until an instance admin purges it"}
                      </p>
                    )}
                  </div>
                  {f.status === "open" && (
                    <div className="flex gap-2">
                      {canCheck && f.redactable && (
                        <Button
                          variant="secondary"
                          onClick={() => redact.mutate(f)}
                          disabled={redact.isPending}
                          aria-label={`Redact ${f.kind ?? "secret"} in ${f.trajectoryTitle}`}
                          data-testid="redact"
                        >
                          Redact
                        </Button>
                      )}
                      {canWaive && (
                        <Button
                          variant="ghost"
                          onClick={() => setWaiving(f)}
                          aria-label={`Waive ${f.ruleLabel} in ${f.trajectoryTitle}`}
                          data-testid="waive"
                        >
                          Waive
                        </Button>
                      )}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      {v.truncated && <p className="text-sm text-zinc-600">Only the first findings are shown.</p>}

      <div className="text-xs text-zinc-600 dark:text-zinc-400">
        <button type="button" className="underline" onClick={() => setShowKeys((s) => !s)} aria-expanded={showKeys}>
          Keys <Kbd>?</Kbd>
        </button>
        {showKeys && (
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1" data-testid="checks-keys">
            {bindingsFor("checks").map((b) => (
              <div key={b.action} className="contents">
                <dt>
                  <Kbd>{b.label}</Kbd>
                </dt>
                <dd>{b.what}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>

      <WaiveDialog
        finding={waiving}
        busy={waive.isPending}
        error={waive.error}
        onCancel={() => {
          setWaiving(null);
          waive.reset();
        }}
        onWaive={(reason) => waiving && waive.mutate({ f: waiving, reason })}
      />
    </div>
  );
}

function Count({
  label,
  value,
  tone,
  testId,
}: {
  label: string;
  value: number;
  tone?: "red" | "green";
  testId?: string;
}) {
  const color =
    tone === "red"
      ? "text-red-700 dark:text-red-300"
      : tone === "green"
        ? "text-emerald-700 dark:text-emerald-300"
        : "";
  return (
    <div>
      <div className="text-xs text-zinc-600 dark:text-zinc-400">{label}</div>
      <div className={`text-xl font-semibold tabular-nums ${color}`} data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

function groupByRule(findings: FindingView[]) {
  const groups = new Map<string, { id: string; label: string; open: number; findings: FindingView[] }>();
  for (const f of findings) {
    let g = groups.get(f.ruleLabel);
    if (!g)
      groups.set(f.ruleLabel, (g = { id: `${f.rule}-${f.kind ?? ""}`, label: f.ruleLabel, open: 0, findings: [] }));
    g.findings.push(f);
    if (f.status === "open") g.open++;
  }
  // Groups with open findings first.
  return [...groups.values()].sort((a, b) => Number(b.open > 0) - Number(a.open > 0));
}
