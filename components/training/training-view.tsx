"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Fragment, useMemo } from "react";
import { apiFetch, ApiError } from "@/lib/http/client-fetch";
import type { RevisionTrainingView } from "@/lib/export/training-view/project-template";
import { PageHeader } from "@/components/ui/page-header";
import { Badge, EmptyState, ErrorBox, Spinner } from "@/components/ui/states";

const nf = new Intl.NumberFormat("en-US");

/** `text` cut at the loss spans' edges: [piece, carries loss]. */
function pieces(text: string, spans: RevisionTrainingView["lossSpans"]): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [];
  let at = 0;
  for (const s of spans) {
    if (s.start > at) out.push([text.slice(at, s.start), false]);
    out.push([text.slice(s.start, s.end), true]);
    at = s.end;
  }
  if (at < text.length) out.push([text.slice(at), false]);
  return out;
}

/**
 * The exact text the trainer sees for a revision under the project's chat template, with the
 * tokens that carry loss (assistant turns after the generation prompt) highlighted, the exact
 * token count, and what the template could not render as intended.
 */
export function TrainingViewPanel({
  slug,
  trajectoryId,
  revision,
  canChooseTemplate,
}: {
  slug: string;
  trajectoryId: string;
  revision: number | null;
  canChooseTemplate: boolean;
}) {
  const base = `/projects/${encodeURIComponent(slug)}/trajectories/${encodeURIComponent(trajectoryId)}`;
  const q = useQuery({
    queryKey: ["training-view", slug, trajectoryId, revision],
    queryFn: () => apiFetch<RevisionTrainingView>(`/api${base}/training${revision ? `?revision=${revision}` : ""}`),
    retry: false,
  });
  const v = q.data;
  const parts = useMemo(() => (v ? pieces(v.text, v.lossSpans) : []), [v]);
  const noTemplate = q.error instanceof ApiError && q.error.status === 409;

  return (
    <>
      <PageHeader
        title="Training view"
        description="The exact text the trainer renders through the project's chat template; highlighted text carries loss (assistant turns after the generation prompt, as slime's multi-turn mask)."
        actions={
          <Link href={base} className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            Back to the trajectory
          </Link>
        }
      />
      {q.isPending && <Spinner label="Rendering" />}
      {noTemplate && (
        <EmptyState
          title="No chat template yet"
          action={
            canChooseTemplate ? (
              <Link
                href={`/projects/${encodeURIComponent(slug)}/settings`}
                className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400"
              >
                Choose one in Settings
              </Link>
            ) : undefined
          }
        >
          The project has no chat template.{" "}
          {canChooseTemplate ? "" : "An admin chooses one in Settings → Training view."}
        </EmptyState>
      )}
      {q.error && !noTemplate && <ErrorBox error={q.error} retry={() => q.refetch()} />}
      {v && (
        <div className="space-y-4" data-testid="training-view">
          <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
            <div>
              <dt className="text-xs text-zinc-500">revision</dt>
              <dd data-testid="training-revision">{v.revision}</dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500">template</dt>
              <dd className="font-mono text-xs">{v.templateId}</dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500">tokens (exact, under the template)</dt>
              <dd className="font-semibold" data-testid="training-token-count">
                {nf.format(v.tokenCount)}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500">tokens carrying loss</dt>
              <dd data-testid="training-loss-count">{nf.format(v.lossTokenCount)}</dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500">tokenizer count (no template)</dt>
              <dd>{nf.format(v.tokenizerCount)}</dd>
            </div>
            {v.maxTokens !== null && (
              <div>
                <dt className="text-xs text-zinc-500">token rule</dt>
                <dd>
                  {v.tokenRule ? (
                    <Badge tone="red">over {nf.format(v.maxTokens)}</Badge>
                  ) : (
                    <Badge tone="green">within {nf.format(v.maxTokens)}</Badge>
                  )}
                </dd>
              </div>
            )}
          </dl>
          {(v.findings.length > 0 || v.tokenRule) && (
            <ul
              className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
              data-testid="training-findings"
            >
              {v.tokenRule && <li>{v.tokenRule.text}</li>}
              {v.findings.map((f, i) => (
                <li key={i}>{f.text}</li>
              ))}
            </ul>
          )}
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            <mark className="rounded-sm bg-emerald-200 px-1 text-emerald-950 dark:bg-emerald-800 dark:text-emerald-50">
              highlighted
            </mark>{" "}
            text carries loss; the rest is context the model reads but is not trained to produce.
          </p>
          <pre
            className="max-h-[70vh] overflow-auto whitespace-pre-wrap break-words rounded-md border border-zinc-200 bg-white p-3 font-mono text-xs leading-relaxed text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
            data-testid="training-text"
            tabIndex={0}
            aria-label="Rendered training text"
          >
            {parts.map(([text, loss], i) =>
              loss ? (
                <mark
                  key={i}
                  data-testid="loss-span"
                  className="rounded-sm bg-emerald-200 text-emerald-950 dark:bg-emerald-800 dark:text-emerald-50"
                >
                  {text}
                </mark>
              ) : (
                <Fragment key={i}>{text}</Fragment>
              ),
            )}
          </pre>
        </div>
      )}
    </>
  );
}
