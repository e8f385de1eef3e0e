"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { STATUS_LABELS, type QueryStatus } from "@/lib/queries/query-fields";
import {
  formChanged,
  formFromQuery,
  validateQueryForm,
  type QueryFormErrors,
  type QueryFormValues,
} from "@/components/queries/query-form";
import type { Target } from "@/components/queries/list-neighbours";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge, ErrorBox, Spinner } from "@/components/ui/states";
import { DuplicateList } from "@/components/queries/duplicate-list";
import { LinkedTrajectories } from "@/components/queries/linked-trajectories";
import { MarkdownView } from "@/components/queries/markdown-view";
import { PrDiffPanel } from "@/components/queries/pr-diff-panel";
import { QuerySourceBadge, QueryStatusBadge } from "@/components/queries/query-badges";
import { QueryDecisionBar } from "@/components/queries/query-decision-bar";
import { QueryFormFields } from "@/components/queries/query-form-fields";
import { queryKeys } from "@/components/queries/query-keys";
import { QueryProvenance } from "@/components/queries/query-provenance";
import type { QueryDetailResponse } from "@/components/queries/query-types";
import { serverFieldErrors } from "@/components/queries/server-field-errors";
import { useDomains } from "@/components/queries/use-domains";
import { useQueryNeighbours } from "@/components/queries/use-query-neighbours";
import { useQuerySave, type QueryPatch } from "@/components/queries/use-query-save";
import { useReviewShortcuts } from "@/components/queries/use-review-shortcuts";
import { DateTime } from "@/components/ui/date-time";
import { ShortcutSheet } from "@/components/viewer/keyboard/shortcut-sheet";
import { sheetRows } from "@/lib/keymap/keymap";

const DONE: Record<QueryStatus, string> = {
  accepted: "Accepted.",
  rejected: "Rejected.",
  candidate: "Back to candidate.",
};

/**
 * One query: read it, edit it, decide on it. A synthesised candidate is shown beside its PR diff;
 * `a`/`r` accept/reject (with any edits in progress), `e` edits, `j`/`k` walk the list it was opened from.
 */
export function QueryDetail({
  slug,
  id,
  listQs,
  canWrite,
  canDecide,
  canImport,
  created,
}: {
  slug: string;
  id: string;
  listQs: string;
  canWrite: boolean;
  canDecide: boolean;
  canImport: boolean;
  created: boolean;
}) {
  const detail = useQuery({
    queryKey: queryKeys.one(slug, id),
    queryFn: () => apiFetch<QueryDetailResponse>(`/api/projects/${slug}/queries/${id}`),
  });
  const domains = useDomains(slug).data?.domains ?? [];
  const nav = useQueryNeighbours(slug, listQs, id);
  const [editing, setEditing] = useState<QueryFormValues | null>(null);
  const [help, setHelp] = useState(false);
  const [localErrors, setLocalErrors] = useState<QueryFormErrors>({});
  const [notice, setNotice] = useState<string | null>(created ? "Query created." : null);
  const { save, held, error, confirm, cancel } = useQuerySave(slug, id, {
    onSaved: (_q, patch) => {
      setEditing(null);
      setNotice(patch.status ? DONE[patch.status] : "Saved.");
    },
  });
  const data = detail.data;
  const saved = data ? formFromQuery(data.query) : null;
  const dirty = editing !== null && saved !== null && formChanged(editing, saved);
  const server = serverFieldErrors(error);

  function submit(status?: QueryStatus) {
    const patch: QueryPatch = {};
    if (editing) {
      const checked = validateQueryForm(editing, domains);
      if (!checked.ok) {
        setLocalErrors(checked.errors);
        return;
      }
      if (dirty) Object.assign(patch, checked.body);
    }
    if (status) patch.status = status;
    if (!Object.keys(patch).length) {
      setEditing(null);
      return;
    }
    setNotice(null);
    save.mutate(patch);
  }

  const startEditing = () => saved && (setEditing(saved), setLocalErrors({}), setNotice(null));
  const leave = (target: Target | null) => {
    if (!target) return;
    if (dirty && !window.confirm("Discard your unsaved edits to this query?")) return;
    void nav.go(target);
  };

  useReviewShortcuts(
    {
      accept: canDecide ? () => submit("accepted") : undefined,
      reject: canDecide ? () => submit("rejected") : undefined,
      next: () => leave(nav.next),
      previous: () => leave(nav.previous),
      edit: canWrite && !editing ? startEditing : undefined,
      help: () => setHelp(true),
    },
    data !== undefined && !save.isPending && !help,
  );

  if (detail.isPending) return <Spinner />;
  if (detail.error || !data) return <ErrorBox error={detail.error} retry={() => detail.refetch()} />;
  const { query, pr, trajectories, duplicates } = data;
  const listHref = `/projects/${slug}/queries${listQs ? `?${listQs}` : ""}`;

  const decisionBar = (
    <QueryDecisionBar
      status={query.status}
      canDecide={canDecide}
      canWrite={canWrite}
      editing={editing !== null}
      dirty={dirty}
      busy={save.isPending}
      onDecide={submit}
      onSave={() => submit()}
      onEdit={startEditing}
      onCancelEdit={() => (setEditing(null), save.reset())}
    />
  );

  const body = (
    <div className="min-w-0 space-y-4">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <QueryStatusBadge status={query.status} />
        <QuerySourceBadge source={query.source} />
        <Badge tone="indigo">{query.domain}</Badge>
        {query.difficulty && <Badge>{query.difficulty}</Badge>}
        {query.tags.map((t) => (
          <Badge key={t}>{t}</Badge>
        ))}
        <span className="text-xs text-zinc-500">
          {query.author ? `by ${query.author.name} · ` : ""}added <DateTime value={query.createdAt} />
          {query.updatedAt !== query.createdAt && (
            <>
              {" · edited "}
              <DateTime value={query.updatedAt} />
            </>
          )}
        </span>
      </div>
      {decisionBar}
      {server.general && <ErrorBox error={server.general} />}
      {editing ? (
        <QueryFormFields
          values={editing}
          onChange={(v) => {
            setEditing(v);
            setLocalErrors({});
            if (save.isError) save.reset();
          }}
          errors={{ ...server.fields, ...localErrors }}
          domains={domains}
          disabled={save.isPending}
          stacked={pr !== null}
          autoFocus
        />
      ) : (
        <div
          className="rounded-lg border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900"
          data-testid="query-body"
        >
          <MarkdownView text={query.text} />
        </div>
      )}
      <QueryProvenance slug={slug} provenance={query.provenance} />
    </div>
  );

  return (
    <div className="space-y-4" data-testid="query-detail" data-status={query.status}>
      <h1 className="sr-only">Query</h1>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <Link
          href={listHref}
          className="text-indigo-700 hover:underline dark:text-indigo-300"
          data-testid="back-to-list"
        >
          ← Back to the list
        </Link>
        <div className="flex items-center gap-2">
          {nav.position !== null && nav.total !== null && (
            <span className="text-zinc-500" data-testid="list-position">
              {nav.position} of {nav.total}
            </span>
          )}
          <Button
            variant="secondary"
            onClick={() => leave(nav.previous)}
            disabled={!nav.previous}
            title="Previous in the list (k)"
            data-testid="previous-query"
          >
            ← Previous <Kbd>k</Kbd>
          </Button>
          <Button
            variant="secondary"
            onClick={() => leave(nav.next)}
            disabled={!nav.next}
            title="Next in the list (j)"
            data-testid="next-query"
          >
            Next <Kbd>j</Kbd> →
          </Button>
        </div>
      </div>
      {notice && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400" data-testid="query-notice">
          {notice} {query.status === "candidate" || !nav.next ? "" : "Press j for the next one."}
        </p>
      )}
      {duplicates.length > 0 && query.status !== "accepted" && (
        <div
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950/40"
          data-testid="duplicate-warning"
        >
          <p className="mb-2 font-medium text-amber-900 dark:text-amber-200">
            {duplicates.length === 1 ? "A similar query is" : `${duplicates.length} similar queries are`} already in the
            pool. Accepting this one will ask for confirmation.
          </p>
          <DuplicateList slug={slug} hits={duplicates} />
        </div>
      )}
      {pr ? (
        <div className="grid gap-6 xl:grid-cols-2">
          {body}
          <div className="min-w-0 xl:sticky xl:top-4 xl:self-start">
            <PrDiffPanel pr={pr} />
          </div>
        </div>
      ) : (
        <div className="max-w-5xl">{body}</div>
      )}
      <LinkedTrajectories
        slug={slug}
        queryId={query.id}
        trajectories={trajectories}
        total={query.trajectoryCount}
        canImport={canImport}
      />
      <p className="text-xs text-zinc-500">
        Keys:{" "}
        {canDecide && (
          <>
            <Kbd>a</Kbd> accept · <Kbd>r</Kbd> reject ·{" "}
          </>
        )}
        {canWrite && (
          <>
            <Kbd>e</Kbd> edit ·{" "}
          </>
        )}
        <Kbd>j</Kbd>/<Kbd>k</Kbd> next/previous in the list ·{" "}
        <button
          type="button"
          className="rounded underline focus-visible:outline-2 focus-visible:outline-indigo-500"
          onClick={() => setHelp(true)}
          data-testid="shortcuts-button"
        >
          <Kbd>?</Kbd> all keys
        </button>
        . Not while typing.
      </p>
      {help && (
        <ShortcutSheet
          rows={sheetRows("queries")}
          title="Keyboard shortcuts: this query"
          onClose={() => setHelp(false)}
        />
      )}
      <ConfirmDialog
        open={held !== null}
        title="Accept a near-duplicate?"
        confirmLabel="Accept anyway"
        busy={save.isPending}
        onConfirm={confirm}
        onCancel={cancel}
        testId="duplicate-dialog"
      >
        <p className="mb-3 text-zinc-600 dark:text-zinc-400">
          This query is very similar to{" "}
          {held?.hits.length === 1 ? "another query" : `${held?.hits.length} other queries`} in the pool. Accept it
          anyway?
        </p>
        {held && <DuplicateList slug={slug} hits={held.hits} />}
      </ConfirmDialog>
      <span className="sr-only" aria-live="polite">
        {STATUS_LABELS[query.status]}
      </span>
    </div>
  );
}
