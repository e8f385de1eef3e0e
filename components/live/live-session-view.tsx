"use client";
/**
 * One live session, followed as it happens: the step index arrives row by row over the socket
 * (index rows only; a step's body is fetched when it is opened, as in the viewer). Follow mode
 * keeps the newest step in view and pauses as soon as the user scrolls up; "Jump to live" resumes
 * it. Who else watches is shown, and members with `live.feedback` send feedback (a human step with
 * their name, delivered to the agent) and pause, resume or stop the agent.
 */
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import type { LiveStepRow } from "@/lib/live/sessions/live-step-row";
import { Badge, ErrorBox, Spinner } from "@/components/ui/states";
import { Button } from "@/components/ui/button";
import { useLiveSocket } from "@/components/live/use-live-socket";
import { duration, fmt, STATE_TONE } from "@/components/live/live-format";
import type { LiveSessionSummary } from "@/components/live/live-session-list";

interface SessionReply {
  session: LiveSessionSummary & { cwd: string | null; feedbackMode: string };
  steps: LiveStepRow[];
  pendingFeedback: Array<{ id: string; text: string; authorName: string }>;
}

interface Watcher {
  userId: string;
  name: string;
}

const KIND_TONE: Record<string, "zinc" | "indigo" | "red" | "green" | "amber"> = {
  human: "indigo",
  assistant: "green",
  tool_call: "amber",
  tool_result: "zinc",
  error: "red",
};

function StepBody({ slug, session, id }: { slug: string; session: string; id: string }) {
  const q = useQuery({
    queryKey: ["live", slug, session, "body", id],
    queryFn: () =>
      apiFetch<{ bodies: Array<{ id: string; step: Record<string, unknown> }> }>(
        `/api/projects/${slug}/live/sessions/${session}/bodies?ids=${id}`,
      ),
  });
  if (q.isPending) return <Spinner label="Loading step" />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const step = q.data.bodies[0]?.step ?? {};
  const text =
    typeof step.text === "string"
      ? step.text
      : typeof step.output === "string"
        ? step.output
        : JSON.stringify(step.arguments ?? step, null, 2);
  return (
    <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-900">
      {text}
    </pre>
  );
}

export function LiveSessionView({
  slug,
  session,
  canFeedback,
}: {
  slug: string;
  session: string;
  canFeedback: boolean;
}) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ["live", slug, session],
    queryFn: () => apiFetch<SessionReply>(`/api/projects/${slug}/live/sessions/${session}`),
  });
  // Rows that arrived live, by position; the fetched index comes first.
  const [liveRows, setLiveRows] = useState<Map<number, LiveStepRow>>(new Map());
  const steps = useMemo(() => {
    const out = [...(q.data?.steps ?? [])];
    while (liveRows.has(out.length)) out.push(liveRows.get(out.length)!);
    return out;
  }, [q.data, liveRows]);
  const addRows = useCallback(
    (rows: LiveStepRow[]) =>
      setLiveRows((prev) => {
        const n = new Map(prev);
        for (const r of rows) n.set(r.position, r);
        return n;
      }),
    [],
  );
  const [counters, setCounters] = useState<Partial<LiveSessionSummary>>({});
  const [watchers, setWatchers] = useState<Watcher[]>([]);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [following, setFollowing] = useState(true);
  const [text, setText] = useState("");
  const list = useRef<HTMLDivElement>(null);

  const catchUp = useCallback(
    async (from: number) => {
      const r = await apiFetch<SessionReply>(`/api/projects/${slug}/live/sessions/${session}?from=${from}`);
      addRows(r.steps);
    },
    [slug, session, addRows],
  );

  const live = useLiveSocket(slug, session, {
    joined: (d: { watchers?: Watcher[] } | undefined) => d?.watchers && setWatchers(d.watchers),
    "live:watchers": (d: { watchers: Watcher[] }) => setWatchers(d.watchers),
    "live:session": (d: Partial<LiveSessionSummary> & { sessionId: string }) => {
      setCounters(d);
      if (d.state === "ended") void qc.invalidateQueries({ queryKey: ["live", slug, session] });
    },
    "live:step": (row: LiveStepRow) => {
      addRows([row]);
      // A row past a hole (events missed while reconnecting): fetch the index from the hole on.
      if (row.position > steps.length) void catchUp(steps.length);
    },
  });

  // Follow mode: keep the newest step in view while following.
  useEffect(() => {
    const el = list.current;
    if (el && following) el.scrollTop = el.scrollHeight;
  }, [steps, following]);

  const onScroll = () => {
    const el = list.current;
    if (!el) return;
    setFollowing(el.scrollHeight - el.scrollTop - el.clientHeight < 40);
  };
  const jumpToLive = () => {
    setFollowing(true);
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  const feedback = useMutation({
    mutationFn: (t: string) =>
      apiFetch(`/api/projects/${slug}/live/sessions/${session}/feedback`, { method: "POST", json: { text: t } }),
    onSuccess: () => {
      setText("");
      void qc.invalidateQueries({ queryKey: ["live", slug, session] });
    },
  });
  const control = useMutation({
    mutationFn: (action: "pause" | "resume" | "stop") =>
      apiFetch<{ control: string }>(`/api/projects/${slug}/live/sessions/${session}/control`, {
        method: "POST",
        json: { action },
      }),
    onSuccess: (r) => setCounters((c) => ({ ...c, control: r.control })),
  });

  if (q.isPending) return <Spinner label="Loading session" />;
  if (q.isError) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  const s = { ...q.data.session, ...counters };
  const ended = s.state === "ended";

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm" data-testid="live-header">
        <Badge tone={STATE_TONE[s.state as keyof typeof STATE_TONE]}>{s.state}</Badge>
        {!ended && s.control !== "running" && <Badge tone="amber">{s.control}</Badge>}
        <span>{s.agent ?? s.format}</span>
        <span className="text-zinc-600 dark:text-zinc-400">{s.model ?? ""}</span>
        <span className="tabular-nums">{duration(s.startedAt, s.endedAt ?? null)}</span>
        <span className="tabular-nums" data-testid="live-step-count">
          {fmt.format(steps.length)} steps
        </span>
        <span className="tabular-nums">{fmt.format(steps.reduce((n, r) => n + r.tokens, 0))} tokens</span>
        <span className="flex items-center gap-1" data-testid="live-watchers" aria-label="Watching now">
          {watchers.map((w) => (
            <span
              key={w.userId}
              title={w.name}
              className="inline-flex h-6 min-w-6 items-center justify-center rounded-full bg-indigo-700 px-1.5 text-xs font-medium text-white"
            >
              {w.name
                .split(/\s+/)
                .map((p) => p[0])
                .join("")
                .slice(0, 2)
                .toUpperCase()}
            </span>
          ))}
          <span className="text-xs text-zinc-600 dark:text-zinc-400">{live ? "connected" : "offline"}</span>
        </span>
        {s.trajectoryId && (
          <Link
            className="text-indigo-700 underline dark:text-indigo-300"
            href={`/projects/${slug}/trajectories/${s.trajectoryId}`}
          >
            Open the trajectory
          </Link>
        )}
      </div>

      <div className="relative">
        <div
          ref={list}
          onScroll={onScroll}
          className="h-[60vh] overflow-y-auto rounded-lg border border-zinc-200 dark:border-zinc-800"
          data-testid="live-steps"
          tabIndex={0}
          aria-label="Steps of the session"
        >
          {steps.length === 0 && (
            <p className="p-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
              No steps yet; they appear here as the agent works.
            </p>
          )}
          <ol>
            {steps.map((row) => (
              <li
                key={row.position}
                className="border-b border-zinc-100 px-3 py-2 dark:border-zinc-800"
                data-testid="live-step"
              >
                <button
                  type="button"
                  className="flex w-full items-start gap-2 text-left focus-visible:outline-2 focus-visible:outline-indigo-500"
                  aria-expanded={open.has(row.id)}
                  onClick={() =>
                    setOpen((o) => {
                      const n = new Set(o);
                      if (n.has(row.id)) n.delete(row.id);
                      else n.add(row.id);
                      return n;
                    })
                  }
                >
                  <span className="w-8 shrink-0 text-right text-xs tabular-nums text-zinc-600 dark:text-zinc-400">
                    {row.position + 1}
                  </span>
                  <Badge tone={KIND_TONE[row.kind] ?? "zinc"}>{row.toolName ?? row.kind}</Badge>
                  {row.authorName && <Badge tone="indigo">feedback · {row.authorName}</Badge>}
                  {row.isError && <Badge tone="red">error</Badge>}
                  <span className="min-w-0 flex-1 truncate text-sm">{row.preview || "(empty)"}</span>
                </button>
                {open.has(row.id) && <StepBody slug={slug} session={session} id={row.id} />}
              </li>
            ))}
          </ol>
        </div>
        {!following && (
          <div className="absolute bottom-3 left-1/2 -translate-x-1/2">
            <Button onClick={jumpToLive} data-testid="jump-to-live">
              Jump to live ↓
            </Button>
          </div>
        )}
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="follow-state">
        {following ? "Following the newest step." : "Follow paused while you read; jump to live to resume."}
      </p>

      {canFeedback && !ended && (
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) feedback.mutate(text.trim());
          }}
        >
          <label htmlFor="live-feedback" className="text-sm font-medium">
            Feedback to the agent
          </label>
          <textarea
            id="live-feedback"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && text.trim()) {
                e.preventDefault();
                feedback.mutate(text.trim());
              }
            }}
            rows={3}
            maxLength={20000}
            placeholder={
              q.data.session.feedbackMode === "inject"
                ? "The agent reads it at its next step."
                : "Stored in the session now; this recorder prints it for the person at the agent."
            }
            className="rounded-md border border-zinc-300 bg-white p-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
          {feedback.isError && <ErrorBox error={feedback.error} />}
          {control.isError && <ErrorBox error={control.error} />}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={!text.trim() || feedback.isPending} data-testid="send-feedback">
              Send feedback
            </Button>
            <span className="text-xs text-zinc-600 dark:text-zinc-400">Ctrl+Enter sends</span>
            <span className="flex-1" />
            {s.control === "paused" ? (
              <Button variant="secondary" type="button" onClick={() => control.mutate("resume")}>
                Resume agent
              </Button>
            ) : (
              <Button
                variant="secondary"
                type="button"
                disabled={s.control === "stopping"}
                onClick={() => control.mutate("pause")}
              >
                Pause agent
              </Button>
            )}
            <Button
              variant="danger"
              type="button"
              disabled={s.control === "stopping"}
              onClick={() => control.mutate("stop")}
            >
              Stop agent
            </Button>
          </div>
          {q.data.pendingFeedback.length > 0 && (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {q.data.pendingFeedback.length} feedback message(s) wait for the agent&apos;s next step.
            </p>
          )}
        </form>
      )}
    </div>
  );
}
