"use client";
/** What this trajectory is: title, status, source format, agent, model, query, token totals, and the original file. */
import { plainTitle } from "@/lib/markdown/plain-title";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/states";
import { apiFetch } from "@/lib/http/client-fetch";
import type { TrajectoryDetail } from "@/lib/viewer/types";
import { TokenBar } from "@/components/viewer/header/token-bar";
import { DateTime } from "@/components/ui/date-time";

function Meta({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <span className="text-xs" data-testid={testId}>
      <span className="text-zinc-500">{label} </span>
      <span className="font-medium text-zinc-800 dark:text-zinc-200">{children}</span>
    </span>
  );
}

function QueryText({ slug, queryId }: { slug: string; queryId: string }) {
  const q = useQuery({
    queryKey: ["query", slug, queryId],
    queryFn: () =>
      apiFetch<{ query: { text: string } }>(
        `/api/projects/${encodeURIComponent(slug)}/queries/${encodeURIComponent(queryId)}`,
      ),
    staleTime: Infinity,
  });
  return <span title={q.data?.query.text}>{q.data ? q.data.query.text.slice(0, 140) : q.error ? queryId : "…"}</span>;
}

export function TrajectoryHeader({
  slug,
  t,
  sourceUrl,
  right,
}: {
  slug: string;
  t: TrajectoryDetail;
  sourceUrl: string;
  right: ReactNode;
}) {
  return (
    <div className="space-y-2 border-b border-zinc-200 pb-2 dark:border-zinc-800" data-testid="trajectory-header">
      <div className="flex flex-wrap items-start gap-3">
        <h1 className="min-w-0 flex-1 truncate text-lg font-semibold tracking-tight" title={plainTitle(t.title)}>
          {plainTitle(t.title)}
        </h1>
        {right}
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <span data-testid="meta-status">
          <Badge tone={t.status === "approved" ? "green" : t.status === "rejected" ? "red" : "indigo"}>
            {t.status}
          </Badge>
        </span>
        <Meta label="source" testId="meta-source">
          {t.format}
        </Meta>
        <Meta label="agent" testId="meta-agent">
          {t.agent ?? "unknown"}
        </Meta>
        <Meta label="model" testId="meta-model">
          {t.model ?? "unknown"}
        </Meta>
        {t.domain && (
          <Meta label="domain" testId="meta-domain">
            {t.domain}
          </Meta>
        )}
        <Meta label="query" testId="meta-query">
          {t.queryId ? <QueryText slug={slug} queryId={t.queryId} /> : "none"}
        </Meta>
        {t.startedAt && (
          <Meta label="started" testId="meta-started">
            <DateTime value={t.startedAt} />
          </Meta>
        )}
        <a
          href={`/projects/${encodeURIComponent(slug)}/trajectories/${encodeURIComponent(t.id)}/training`}
          data-testid="open-training-view"
          className="text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400"
        >
          Training view
        </a>
        {t.hasSource ? (
          <a
            href={sourceUrl}
            download
            data-testid="download-source"
            className="text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400"
          >
            Download original file
          </a>
        ) : (
          <span className="text-xs text-zinc-500">no original file kept</span>
        )}
      </div>
      <TokenBar t={t} />
    </div>
  );
}
