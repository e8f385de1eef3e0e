"use client";
/**
 * A set's board: the approved pool (filtered, sorted and paged on the server) beside the set's
 * items, with progress against the target and each quota, near-duplicate warnings, Suggest and the
 * release dialog. Add and remove by click, keyboard (lib/keymap "curation") or drag. Other leads'
 * changes arrive live (use-board-live) with who else has the board open.
 */
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, ApiError } from "@/lib/http/client-fetch";
import { actionFor, bindingsFor } from "@/lib/keymap/keymap";
import { isTypingTarget } from "@/components/ui/typing-target";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { Badge, EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { ListPager } from "@/components/ui/list-pager";
import {
  curationApi,
  curationPath,
  kTokens,
  trajectoryPath,
  type AddResponse,
  type DuplicatesResponse,
  type PoolResponse,
  type SetResponse,
} from "@/components/curation/curation-api";
import { useBoardLive } from "@/components/curation/use-board-live";
import { SuggestPanel } from "@/components/curation/suggest-panel";
import { ReleaseDialog } from "@/components/curation/release-dialog";

const SORTS: Array<[string, string]> = [
  ["score", "review score"],
  ["tokens", "tokens"],
  ["agreement", "agreement"],
  ["toolCalls", "tool calls"],
  ["humanTurns", "human turns"],
  ["title", "title"],
];

interface Filters {
  domain: string;
  source: string;
  q: string;
  tool: string;
  minTokens: string;
  maxTokens: string;
  minScore: string;
  minAgreement: string;
  minToolCalls: string;
  minHumanTurns: string;
  sort: string;
  dir: string;
}
const EMPTY: Filters = {
  domain: "",
  source: "",
  q: "",
  tool: "",
  minTokens: "",
  maxTokens: "",
  minScore: "",
  minAgreement: "",
  minToolCalls: "",
  minHumanTurns: "",
  sort: "score",
  dir: "desc",
};

type Focus = { list: "pool" | "set"; index: number };
const DRAG_TYPE = "application/x-limi-trajectory";

export function Board({
  slug,
  setId,
  canCurate,
  canRelease,
  domains,
}: {
  slug: string;
  setId: string;
  canCurate: boolean;
  canRelease: boolean;
  domains: string[];
}) {
  const api = curationApi(slug);
  const qc = useQueryClient();
  const live = useBoardLive(slug, setId);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [focus, setFocus] = useState<Focus>({ list: "pool", index: 0 });
  const [pendingWarning, setPendingWarning] = useState<{ ids: string[]; message: string } | null>(null);
  const [showSuggest, setShowSuggest] = useState(false);
  const [showRelease, setShowRelease] = useState(false);
  const [showHelp, setShowHelp] = useState(false);
  const [dropActive, setDropActive] = useState<"pool" | "set" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rowRefs = useRef(new Map<string, HTMLElement>());

  const query = useMemo(() => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== "") p.set(k, v);
    p.set("page", String(page));
    p.set("pageSize", "25");
    return p.toString();
  }, [filters, page]);

  const set = useQuery({
    queryKey: ["curation", slug, "set", setId, "detail"],
    queryFn: () => apiFetch<SetResponse>(api.set(setId)),
  });
  const pool = useQuery({
    queryKey: ["curation", slug, "set", setId, "pool", query],
    queryFn: () => apiFetch<PoolResponse>(api.pool(setId, query)),
    placeholderData: (prev) => prev,
  });
  const dups = useQuery({
    queryKey: ["curation", slug, "set", setId, "duplicates"],
    queryFn: () => apiFetch<DuplicatesResponse>(api.duplicates(setId)),
  });
  const refresh = useCallback(
    () => void qc.invalidateQueries({ queryKey: ["curation", slug, "set", setId] }),
    [qc, slug, setId],
  );

  const add = useMutation({
    mutationFn: ({ ids, force }: { ids: string[]; force?: boolean }) =>
      apiFetch<AddResponse>(api.items(setId), { method: "POST", json: { trajectoryIds: ids, force: !!force } }),
    onSuccess: (r) => {
      setPendingWarning(null);
      setNotice(`Added ${r.added}${r.warnings.length ? ` (past: ${r.warnings.join("; ")})` : ""}.`);
      refresh();
    },
    onError: (e, vars) => {
      if (e instanceof ApiError && e.status === 409 && (e.details as { warnings?: string[] })?.warnings?.length)
        setPendingWarning({ ids: vars.ids, message: e.message });
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(api.item(setId, id), { method: "DELETE" }),
    onSuccess: () => {
      setNotice("Removed.");
      refresh();
    },
    onError: refresh,
  });

  const poolRows = useMemo(() => pool.data?.rows ?? [], [pool.data]);
  const items = useMemo(() => set.data?.items ?? [], [set.data]);
  const dupPairs = useMemo(() => dups.data?.pairs ?? [], [dups.data]);
  const dupOf = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of dupPairs) {
      m.set(p.a.id, [...(m.get(p.a.id) ?? []), `${p.reason} with “${p.b.title}”`]);
      m.set(p.b.id, [...(m.get(p.b.id) ?? []), `${p.reason} with “${p.a.title}”`]);
    }
    return m;
  }, [dupPairs]);

  const focusedId = focus.list === "pool" ? poolRows[focus.index]?.id : items[focus.index]?.id;
  useEffect(() => {
    if (focusedId) rowRefs.current.get(`${focus.list}:${focusedId}`)?.focus({ preventScroll: false });
  }, [focus, focusedId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target) || document.querySelector("dialog[open]")) return;
      const b = actionFor("curation", e);
      if (!b) return;
      // Enter on a link or a button is theirs (open, press), not "add".
      if (e.key === "Enter" && e.target instanceof HTMLElement && e.target.closest("a, button")) return;
      const len = focus.list === "pool" ? poolRows.length : items.length;
      const go = (f: Focus) => {
        e.preventDefault();
        setFocus(f);
      };
      switch (b.action) {
        case "row.next":
          return go({ ...focus, index: Math.min(len - 1, focus.index + 1) });
        case "row.prev":
          return go({ ...focus, index: Math.max(0, focus.index - 1) });
        case "list.pool":
          return go({ list: "pool", index: 0 });
        case "list.set":
          return go({ list: "set", index: 0 });
        case "item.add":
          if (focus.list === "pool" && canCurate && poolRows[focus.index]) {
            e.preventDefault();
            add.mutate({ ids: [poolRows[focus.index].id] });
          }
          return;
        case "item.remove":
          if (focus.list === "set" && canCurate && items[focus.index]) {
            e.preventDefault();
            remove.mutate(items[focus.index].id);
          }
          return;
        case "suggest":
          if (canCurate) {
            e.preventDefault();
            setShowSuggest(true);
          }
          return;
        case "help":
          e.preventDefault();
          return setShowHelp(true);
        case "escape":
          setShowHelp(false);
          setShowSuggest(false);
          return;
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [focus, poolRows, items, canCurate, add, remove]);

  if (set.isPending) return <Spinner label="Loading the set" />;
  if (set.isError) return <ErrorBox error={set.error} retry={() => void set.refetch()} />;
  const { progress } = set.data;
  const s = set.data.set;
  const activeFilters = Object.entries(filters).filter(([k, v]) => v !== "" && k !== "sort" && k !== "dir").length;
  const upd = (k: keyof Filters) => (e: { target: { value: string } }) => {
    setFilters({ ...filters, [k]: e.target.value });
    setPage(1);
  };
  const onDrop = (target: "pool" | "set") => (e: React.DragEvent) => {
    e.preventDefault();
    setDropActive(null);
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    if (!raw || !canCurate) return;
    const { id, from } = JSON.parse(raw) as { id: string; from: "pool" | "set" };
    if (from === target) return;
    if (target === "set") add.mutate({ ids: [id] });
    else remove.mutate(id);
  };
  const dragProps = (id: string, from: "pool" | "set") =>
    canCurate
      ? {
          draggable: true,
          onDragStart: (e: React.DragEvent) => {
            e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ id, from }));
            e.dataTransfer.effectAllowed = "move";
          },
        }
      : {};
  const dropProps = (target: "pool" | "set") =>
    canCurate
      ? {
          onDragOver: (e: React.DragEvent) => {
            if (e.dataTransfer.types.includes(DRAG_TYPE)) {
              e.preventDefault();
              setDropActive(target);
            }
          },
          onDragLeave: () => setDropActive(null),
          onDrop: onDrop(target),
        }
      : {};

  return (
    <div className="space-y-4" data-testid="curation-board">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">{s.name}</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Token rule: at most {s.maxTokensPerSample.toLocaleString("en")} tokens per sample · version {s.version}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="board-live">
            {live.connected ? "Live" : "Offline (refreshes on focus)"}
          </span>
          <ul aria-label="Also on this board" className="flex -space-x-1" data-testid="board-presence">
            {live.viewers.map((v) => (
              <li
                key={v.userId}
                title={v.name}
                className="flex h-7 w-7 items-center justify-center rounded-full border-2 border-white bg-indigo-700 text-xs font-semibold text-white dark:border-zinc-900"
              >
                <span aria-hidden>{v.name.slice(0, 1).toUpperCase()}</span>
                <span className="sr-only">{v.name}</span>
              </li>
            ))}
          </ul>
          <Link
            href={curationPath(slug, `/sets/${setId}/checks`)}
            className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Checks
          </Link>
          <Link
            href={curationPath(slug, `/statistics?setId=${setId}`)}
            className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Statistics
          </Link>
          {canCurate && (
            <Button variant="secondary" onClick={() => setShowSuggest(true)} data-testid="suggest-open">
              Suggest
            </Button>
          )}
          {canRelease && (
            <Button onClick={() => setShowRelease(true)} data-testid="release-open">
              Release…
            </Button>
          )}
          <Button variant="ghost" onClick={() => setShowHelp(true)} aria-label="Keyboard shortcuts">
            ?
          </Button>
        </div>
      </div>

      <section aria-label="Progress" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4" data-testid="board-progress">
        <ProgressBar label="Target" count={progress.count} of={progress.target} testId="progress-target" />
        {progress.byDomain.map((d) => (
          <ProgressBar key={d.domain} label={d.domain} count={d.count} of={d.quota} testId={`progress-${d.domain}`} />
        ))}
      </section>

      <div aria-live="polite" className="min-h-5 text-sm text-zinc-700 dark:text-zinc-300" data-testid="board-notice">
        {notice}
      </div>
      {pendingWarning && (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-3 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          data-testid="add-warning"
        >
          <span>{pendingWarning.message}</span>
          <Button variant="secondary" onClick={() => add.mutate({ ids: pendingWarning.ids, force: true })}>
            Add anyway
          </Button>
          <Button variant="ghost" onClick={() => setPendingWarning(null)}>
            Cancel
          </Button>
        </div>
      )}
      {add.error && !pendingWarning && <ErrorBox error={add.error} />}
      {remove.error && <ErrorBox error={remove.error} />}
      {dupPairs.length > 0 && (
        <div
          role="status"
          className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          data-testid="duplicate-warning"
        >
          <strong>Near-duplicates in this set:</strong>
          <ul className="mt-1 list-disc pl-5">
            {dupPairs.slice(0, 8).map((p) => (
              <li key={`${p.a.id}-${p.b.id}-${p.kind}`}>
                “{p.a.title}” and “{p.b.title}”: {p.reason}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section
          aria-labelledby="pool-h"
          className={`min-w-0 rounded-lg border p-3 ${dropActive === "pool" ? "border-indigo-500" : "border-zinc-200 dark:border-zinc-800"}`}
          {...dropProps("pool")}
          data-testid="pool"
        >
          <h3 id="pool-h" className="mb-2 font-semibold">
            Approved pool
          </h3>
          <div className="mb-3 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Search</span>
              <Input value={filters.q} onChange={upd("q")} placeholder="title or query" className="w-full" />
            </label>
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Domain</span>
              <Select value={filters.domain} onChange={upd("domain")} className="w-full">
                <option value="">any</option>
                {domains.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </Select>
            </label>
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Query source</span>
              <Select value={filters.source} onChange={upd("source")} className="w-full">
                <option value="">any</option>
                <option value="human">human</option>
                <option value="pr_synthesized">from a PR</option>
                <option value="imported">imported</option>
                <option value="none">no query</option>
              </Select>
            </label>
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Tool used</span>
              <Input value={filters.tool} onChange={upd("tool")} placeholder="e.g. bash" className="w-full" />
            </label>
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Min tokens</span>
              <Input type="number" min={0} value={filters.minTokens} onChange={upd("minTokens")} className="w-full" />
            </label>
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Max tokens</span>
              <Input type="number" min={0} value={filters.maxTokens} onChange={upd("maxTokens")} className="w-full" />
            </label>
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Min score</span>
              <Input
                type="number"
                min={0}
                step="0.1"
                value={filters.minScore}
                onChange={upd("minScore")}
                className="w-full"
              />
            </label>
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Min agreement (0–1)</span>
              <Input
                type="number"
                min={0}
                max={1}
                step="0.05"
                value={filters.minAgreement}
                onChange={upd("minAgreement")}
                className="w-full"
              />
            </label>
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Min tool calls</span>
              <Input
                type="number"
                min={0}
                value={filters.minToolCalls}
                onChange={upd("minToolCalls")}
                className="w-full"
              />
            </label>
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Min human turns</span>
              <Input
                type="number"
                min={0}
                value={filters.minHumanTurns}
                onChange={upd("minHumanTurns")}
                className="w-full"
              />
            </label>
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Sort by</span>
              <Select value={filters.sort} onChange={upd("sort")} className="w-full">
                {SORTS.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </Select>
            </label>
            <label className="text-xs">
              <span className="block text-zinc-600 dark:text-zinc-400">Order</span>
              <Select value={filters.dir} onChange={upd("dir")} className="w-full">
                <option value="desc">high to low</option>
                <option value="asc">low to high</option>
              </Select>
            </label>
          </div>
          {pool.isPending ? (
            <Spinner label="Loading the approved pool" />
          ) : pool.isError ? (
            <ErrorBox error={pool.error} retry={() => void pool.refetch()} />
          ) : poolRows.length === 0 ? (
            <EmptyState title={activeFilters ? "No approved trajectory matches" : "The approved pool is empty"}>
              {activeFilters
                ? "Loosen a filter."
                : "Only trajectories a lead approved in Review can enter a set; everything approved is in this set already, or nothing is approved yet."}
            </EmptyState>
          ) : (
            <>
              <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="pool-rows">
                {poolRows.map((r, i) => (
                  <li
                    key={r.id}
                    ref={(el) => {
                      if (el) rowRefs.current.set(`pool:${r.id}`, el);
                    }}
                    tabIndex={focus.list === "pool" && focus.index === i ? 0 : -1}
                    onFocus={() => setFocus({ list: "pool", index: i })}
                    className="flex items-center gap-2 py-2 focus-visible:outline-2 focus-visible:outline-indigo-500"
                    data-testid="pool-row"
                    data-id={r.id}
                    {...dragProps(r.id, "pool")}
                  >
                    <div className="min-w-0 flex-1">
                      <Link
                        href={trajectoryPath(slug, r.id)}
                        className="block truncate text-sm font-medium hover:underline"
                      >
                        {r.title}
                      </Link>
                      <div className="flex flex-wrap gap-x-3 text-xs text-zinc-600 dark:text-zinc-400">
                        <span>{r.domain ?? "no domain"}</span>
                        <span>{kTokens(r.tokens)} tokens</span>
                        <span>{r.toolCallCount} tool calls</span>
                        <span>{r.humanTurnCount} human turns</span>
                        <span>score {r.score === null ? "—" : r.score.toFixed(2)}</span>
                        <span>agreement {r.agreement === null ? "—" : `${Math.round(r.agreement * 100)}%`}</span>
                        {r.querySource && <span>query: {r.querySource.replace("_", " ")}</span>}
                      </div>
                    </div>
                    {canCurate && (
                      <Button
                        variant="secondary"
                        onClick={() => add.mutate({ ids: [r.id] })}
                        disabled={add.isPending}
                        aria-label={`Add ${r.title}`}
                      >
                        Add
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
              <div className="mt-2">
                <ListPager
                  total={pool.data.total}
                  noun={["approved trajectory", "approved trajectories"]}
                  page={pool.data.page}
                  pageCount={Math.max(1, Math.ceil(pool.data.total / pool.data.pageSize))}
                  activeFilters={activeFilters}
                  onPage={setPage}
                  testId="pool-count"
                />
              </div>
            </>
          )}
        </section>

        <section
          aria-labelledby="items-h"
          className={`min-w-0 rounded-lg border p-3 ${dropActive === "set" ? "border-indigo-500 bg-indigo-50/40 dark:bg-indigo-950/30" : "border-zinc-200 dark:border-zinc-800"}`}
          {...dropProps("set")}
          data-testid="set-items"
        >
          <h3 id="items-h" className="mb-2 font-semibold">
            In the set ({items.length} of {s.targetSize})
          </h3>
          {items.length === 0 ? (
            <EmptyState title="The set is empty">
              {canCurate ? "Add from the pool (click, a, or drag here), or let Suggest fill it." : "A lead fills it."}
            </EmptyState>
          ) : (
            <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="set-rows">
              {items.map((it, i) => (
                <li
                  key={it.id}
                  ref={(el) => {
                    if (el) rowRefs.current.set(`set:${it.id}`, el);
                  }}
                  tabIndex={focus.list === "set" && focus.index === i ? 0 : -1}
                  onFocus={() => setFocus({ list: "set", index: i })}
                  className="flex items-center gap-2 py-2 focus-visible:outline-2 focus-visible:outline-indigo-500"
                  data-testid="set-row"
                  data-id={it.id}
                  {...dragProps(it.id, "set")}
                >
                  <div className="min-w-0 flex-1">
                    <Link
                      href={trajectoryPath(slug, it.id)}
                      className="block truncate text-sm font-medium hover:underline"
                    >
                      {it.title}
                    </Link>
                    <div className="flex flex-wrap gap-x-3 text-xs text-zinc-600 dark:text-zinc-400">
                      <span>{it.domain ?? "no domain"}</span>
                      <span>{kTokens(it.tokens)} tokens</span>
                      <span>rev {it.revisionNumber}</span>
                      {it.addedByName && <span>by {it.addedByName}</span>}
                    </div>
                    <div className="mt-1 flex flex-wrap gap-1">
                      {!it.approved && <Badge tone="red">no longer approved</Badge>}
                      {it.tokens > s.maxTokensPerSample && <Badge tone="red">over the token rule</Badge>}
                      {dupOf.get(it.id)?.map((w) => (
                        <Badge key={w} tone="amber">
                          near-duplicate: {w}
                        </Badge>
                      ))}
                    </div>
                  </div>
                  {canCurate && (
                    <Button variant="ghost" onClick={() => remove.mutate(it.id)} aria-label={`Remove ${it.title}`}>
                      Remove
                    </Button>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      {showSuggest && (
        <SuggestPanel
          slug={slug}
          setId={setId}
          onClose={() => setShowSuggest(false)}
          onAccept={(ids) => add.mutateAsync({ ids })}
        />
      )}
      {showRelease && (
        <ReleaseDialog
          slug={slug}
          setId={setId}
          version={s.version}
          unmet={progress.unmet}
          onClose={() => setShowRelease(false)}
        />
      )}
      {showHelp && <CurationShortcuts onClose={() => setShowHelp(false)} />}
    </div>
  );
}

function ProgressBar({
  label,
  count,
  of,
  testId,
}: {
  label: string;
  count: number;
  of: number | null;
  testId: string;
}) {
  const pct = of ? Math.min(100, Math.round((count / of) * 100)) : 0;
  const over = of !== null && count > of;
  const met = of !== null && count === of;
  return (
    <div className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800" data-testid={testId}>
      <div className="flex justify-between text-xs">
        <span className="font-medium">{label}</span>
        <span className={over ? "text-red-700 dark:text-red-300" : met ? "text-emerald-700 dark:text-emerald-300" : ""}>
          {count} / {of ?? "no quota"}
          {over ? " (over)" : ""}
        </span>
      </div>
      <div
        className="mt-1 h-2 rounded bg-zinc-200 dark:bg-zinc-800"
        role="progressbar"
        aria-label={label}
        aria-valuenow={count}
        aria-valuemin={0}
        aria-valuemax={of ?? count}
      >
        <div
          className={`h-2 rounded ${over ? "bg-red-600" : met ? "bg-emerald-600" : "bg-indigo-600"}`}
          style={{ width: `${of ? pct : 0}%` }}
        />
      </div>
    </div>
  );
}

function CurationShortcuts({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label="Keyboard shortcuts"
      data-testid="shortcut-sheet"
      className="m-auto w-96 rounded-lg bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 className="mb-3 text-base font-semibold">Keyboard shortcuts</h2>
      <table className="w-full text-sm">
        <tbody>
          {bindingsFor("curation").map((b) => (
            <tr key={b.action}>
              <td className="py-1 pr-4">
                <kbd className="rounded border border-zinc-300 px-1.5 font-mono text-xs dark:border-zinc-700">
                  {b.label}
                </kbd>
              </td>
              <td className="py-1 text-zinc-600 dark:text-zinc-400">{b.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
        Rows can also be dragged between the pool and the set.
      </p>
      <button
        type="button"
        className="mt-4 text-sm text-indigo-700 hover:underline dark:text-indigo-300"
        onClick={onClose}
      >
        Close
      </button>
    </dialog>
  );
}
