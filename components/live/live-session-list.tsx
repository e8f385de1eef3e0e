"use client";
/**
 * Live and recent sessions of the project: agent, query, state, duration, steps and tokens so far.
 * Counters move as agents send steps (`live:session` events on the project room).
 */
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import { Badge, EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { DateTime } from "@/components/ui/date-time";
import { useLiveSocket } from "@/components/live/use-live-socket";
import { duration, fmt, STATE_TONE } from "@/components/live/live-format";

export interface LiveSessionSummary {
  id: string;
  format: string;
  agent: string | null;
  model: string | null;
  queryId: string | null;
  queryTitle: string | null;
  title: string | null;
  state: "live" | "stale" | "ended";
  control: string;
  stepCount: number;
  tokensTotal: number;
  startedAt: string;
  endedAt: string | null;
  trajectoryId: string | null;
}

export function LiveSessionList({ slug }: { slug: string }) {
  const qc = useQueryClient();
  const key = ["live", slug, "sessions"];
  const q = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<{ sessions: LiveSessionSummary[] }>(`/api/projects/${slug}/live/sessions`),
  });
  useLiveSocket(slug, null, {
    "live:session": () => void qc.invalidateQueries({ queryKey: key }),
  });
  if (q.isPending) return <Spinner label="Loading sessions" />;
  if (q.isError) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  const sessions = q.data.sessions;
  if (!sessions.length)
    return (
      <EmptyState title="No live sessions yet">
        Start one with <code>limi record &lt;transcript&gt; --server … --api-key …</code> or{" "}
        <code>limi run --task …</code>; it appears here while the agent works.
      </EmptyState>
    );
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm" data-testid="live-sessions">
        <thead className="bg-zinc-50 text-xs uppercase text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th className="px-3 py-2 font-medium">Session</th>
            <th className="px-3 py-2 font-medium">Query</th>
            <th className="px-3 py-2 font-medium">State</th>
            <th className="px-3 py-2 font-medium">Started</th>
            <th className="px-3 py-2 font-medium">Duration</th>
            <th className="px-3 py-2 text-right font-medium">Steps</th>
            <th className="px-3 py-2 text-right font-medium">Tokens</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} className="border-t border-zinc-200 dark:border-zinc-800" data-testid="live-session-row">
              <td className="px-3 py-2">
                <Link
                  href={`/projects/${slug}/live/${s.id}`}
                  className="font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
                >
                  {s.agent ?? s.format}
                </Link>
                <div className="text-xs text-zinc-600 dark:text-zinc-400">
                  {s.model ?? "model not given"} · {s.title ? s.title.slice(0, 60) : s.id.slice(0, 8)}
                </div>
              </td>
              <td className="px-3 py-2 text-zinc-700 dark:text-zinc-300">{s.queryTitle ?? "—"}</td>
              <td className="px-3 py-2">
                <Badge tone={STATE_TONE[s.state]}>{s.state}</Badge>
                {s.control !== "running" && s.state !== "ended" && (
                  <span className="ml-1">
                    <Badge tone="amber">{s.control}</Badge>
                  </span>
                )}
              </td>
              <td className="px-3 py-2">
                <DateTime value={s.startedAt} />
              </td>
              <td className="px-3 py-2 tabular-nums">{duration(s.startedAt, s.endedAt)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{fmt.format(s.stepCount)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{fmt.format(s.tokensTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
