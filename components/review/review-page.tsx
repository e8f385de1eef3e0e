"use client";
/**
 * The Review section: the review queue (reviewers), the edit queue (everyone who edits), and for
 * leads disagreements, approval and settings; the dashboard for all. Tabs are kept in the URL.
 */
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import { reviewApi, type ReviewSettings } from "@/components/review/review-api";
import { useReviewLive } from "@/components/review/use-review-live";
import { QueueTab } from "@/components/review/queue-tab";
import { DisagreementsTab } from "@/components/review/disagreements-tab";
import { ApprovalTab } from "@/components/review/approval-tab";
import { DashboardTab } from "@/components/review/dashboard-tab";
import { SettingsTab } from "@/components/review/settings-tab";
import { ProgressTable } from "@/components/review/progress-table";

const LIVE_LABEL = { connecting: "Connecting…", live: "Live updates", offline: "Offline" } as const;
const LIVE_HINT = {
  connecting: "Connecting for live updates",
  live: "The lists update as others claim or finish items",
  offline: "No live connection: the lists refresh when you come back to this tab",
} as const;

type Tab = "queue" | "edits" | "disagreements" | "approval" | "dashboard" | "settings";

export function ReviewPage({
  slug,
  meId,
  canReview,
  canEdit,
  canApprove,
}: {
  slug: string;
  meId: string;
  canReview: boolean;
  canEdit: boolean;
  canApprove: boolean;
}) {
  const params = useSearchParams();
  const live = useReviewLive(slug);
  const settings = useQuery({
    queryKey: ["review", slug, "settings"],
    queryFn: () => apiFetch<ReviewSettings>(reviewApi(slug).settings),
  });
  const tabs: Array<[Tab, string]> = [
    ...(canReview ? ([["queue", "To review"]] as Array<[Tab, string]>) : []),
    ["edits", "Changes requested"],
    ...(canApprove
      ? ([
          ["disagreements", "Disagreements"],
          ["approval", "Awaiting approval"],
        ] as Array<[Tab, string]>)
      : []),
    ["dashboard", "Dashboard"],
    ...(canApprove ? ([["settings", "Settings"]] as Array<[Tab, string]>) : []),
  ];
  const asked = params.get("tab") as Tab | null;
  const tab = tabs.some(([k]) => k === asked) ? asked! : tabs[0][0];
  const required = settings.data?.requiredReviews ?? 2;
  return (
    <div className="space-y-4">
      {params.get("done") && (
        <p
          className="rounded-md bg-emerald-50 p-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
          data-testid="queue-done"
        >
          Review saved. Nothing else in the queue is for you right now.
        </p>
      )}
      <nav
        aria-label="Review"
        className="flex flex-wrap items-center gap-1 border-b border-zinc-200 dark:border-zinc-800"
        data-testid="review-tabs"
      >
        {tabs.map(([k, label]) => (
          <Link
            key={k}
            href={`/projects/${slug}/review?tab=${k}`}
            aria-current={tab === k ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab === k ? "border-indigo-600 font-medium text-indigo-700 dark:text-indigo-300" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`}
          >
            {label}
          </Link>
        ))}
        <span
          role="status"
          className="ml-auto flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400"
          data-testid="live-status"
          data-state={live}
          title={LIVE_HINT[live]}
        >
          <span
            aria-hidden
            className={`inline-block h-2 w-2 rounded-full ${live === "live" ? "bg-emerald-500" : live === "connecting" ? "bg-amber-400" : "bg-zinc-400"}`}
          />
          {LIVE_LABEL[live]}
        </span>
      </nav>
      {tab === "queue" && (
        <>
          <QueueTab
            slug={slug}
            meId={meId}
            queue="review"
            canStart={canReview}
            canAssign={canApprove}
            requiredReviews={required}
          />
          {canApprove && <ProgressTable slug={slug} />}
        </>
      )}
      {tab === "edits" && (
        <QueueTab
          slug={slug}
          meId={meId}
          queue="edit"
          canStart={canEdit}
          canAssign={canApprove}
          requiredReviews={required}
        />
      )}
      {tab === "disagreements" && (
        <DisagreementsTab slug={slug} threshold={settings.data?.agreementThreshold ?? 0.75} />
      )}
      {tab === "approval" && <ApprovalTab slug={slug} />}
      {tab === "dashboard" && <DashboardTab slug={slug} />}
      {tab === "settings" && <SettingsTab slug={slug} />}
    </div>
  );
}
