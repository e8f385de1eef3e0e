"use client";
/** The loaded viewer: header, toolbar, draft bar, the outline and the virtualized steps, and the side panel. */
import dynamic from "next/dynamic";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { collapseText } from "@/lib/viewer/collapse-text";
import {
  emptyDraft,
  anchorBefore,
  draftDelete,
  draftInsert,
  draftMove,
  draftRestore,
  draftRows,
  draftUpdate,
  type Draft,
} from "@/lib/viewer/draft";
import { filterSteps, NO_FILTERS, activeFilterCount, type StepFilters } from "@/lib/viewer/filters";
import { newStep, type InsertableKind } from "@/lib/viewer/step-text";
import type { StepIndexResponse, TrajectoryDetailResponse } from "@/lib/viewer/types";
import type { TrajectoryApi } from "@/components/viewer/data/api-paths";
import { useBodyVersion } from "@/components/viewer/data/use-body-store";
import type { BodyStore } from "@/components/viewer/data/body-store";
import { useAnnotations, viewerKeys } from "@/components/viewer/data/use-viewer-queries";
import type { Viewer } from "@/components/viewer/data/viewer-types";
import { TrajectoryHeader } from "@/components/viewer/header/trajectory-header";
import { SearchBar } from "@/components/viewer/search/search-bar";
import { rowSearchText, useTrajectorySearch } from "@/components/viewer/search/use-trajectory-search";
import { FilterToggles } from "@/components/viewer/filters/filter-toggles";
import { OutlineRail } from "@/components/viewer/outline/outline-rail";
import { outlineEntries } from "@/lib/viewer/outline-entries";
import { StepList } from "@/components/viewer/steps/step-list";
import { viewRows } from "@/components/viewer/steps/view-row";
import { ListHandle } from "@/components/viewer/steps/list-handle";
import type { StepActions } from "@/components/viewer/steps/step-card";
import type { StepMenuItem } from "@/components/viewer/steps/step-menu";
import { stepPairs } from "@/lib/viewer/step-pairs";
import { withErrorFlag } from "@/lib/viewer/step-text";
import { warmColorizer } from "@/components/viewer/steps/colorize";
import { useStepNavigation } from "@/components/viewer/use-step-navigation";
import { useViewerShortcuts } from "@/components/viewer/keyboard/use-viewer-shortcuts";
import { DraftBar } from "@/components/viewer/edit/draft-bar";
import { useSaveDraft } from "@/components/viewer/edit/use-save-draft";
import { useKeptDraft } from "@/components/viewer/edit/use-kept-draft";
import { useTrajectoryLive } from "@/components/viewer/presence/use-trajectory-live";
import { PresenceAvatars } from "@/components/viewer/presence/presence-avatars";
import { RevisedBanner } from "@/components/viewer/presence/revised-banner";
import { useTextSelection } from "@/components/viewer/annotations/use-text-selection";
import type { NewAnnotation } from "@/components/viewer/annotations/use-annotation-actions";
import { SidePanel, type SideTab } from "@/components/viewer/side-panel";
import type { Compare } from "@/components/viewer/history/history-panel";
import type { ViewerProps } from "@/components/viewer/trajectory-viewer";

// What the first screen does not show loads when first shown: the page's scripts are what delays
// ready most (bench/viewer.ts), and dialogs, menus, the text outline and the raw tab are opened later.
const TextOutline = dynamic(() => import("@/components/viewer/outline/text-outline").then((m) => m.TextOutline));
const StepMenu = dynamic(() => import("@/components/viewer/steps/step-menu").then((m) => m.StepMenu));
const EditWarning = dynamic(() => import("@/components/viewer/presence/edit-warning").then((m) => m.EditWarning));
const DiffDialog = dynamic(() => import("@/components/viewer/history/diff-dialog").then((m) => m.DiffDialog));
const ShortcutSheet = dynamic(() => import("@/components/viewer/keyboard/shortcut-sheet").then((m) => m.ShortcutSheet));
const RawTab = dynamic(() => import("@/components/viewer/raw/raw-tab").then((m) => m.RawTab));
const TrajectoryDetailsDialog = dynamic(() =>
  import("@/components/trajectories/trajectory-details-dialog").then((m) => m.TrajectoryDetailsDialog),
);

const WIDE = "(min-width: 1536px)";
const subscribeWide = (cb: () => void) => {
  const m = window.matchMedia(WIDE);
  m.addEventListener("change", cb);
  return () => m.removeEventListener("change", cb);
};
const isWide = () => window.matchMedia(WIDE).matches;

const onHead = (d: Draft, head: number) => (d.ops.length === 0 && d.base !== head ? emptyDraft(head) : d);

const newKey = () =>
  `n${Array.from(crypto.getRandomValues(new Uint8Array(5)), (b) => b.toString(16).padStart(2, "0")).join("")}`;

export function ViewerWorkspace({
  slug,
  trajectoryId,
  me,
  canEdit,
  canAnnotate,
  canApprove = false,
  reviewMode = false,
  canDelete = false,
  canModerate = false,
  api,
  detail,
  index,
  store,
}: ViewerProps & { api: TrajectoryApi; detail: TrajectoryDetailResponse; index: StepIndexResponse; store: BodyStore }) {
  const qc = useQueryClient();
  const version = useBodyVersion(store);
  const [draftState, setDraftState] = useState<Draft>(() => emptyDraft(index.revision));
  // A new head with nothing unsaved: the draft simply moves to it.
  const head = index.revision;
  const draft = onHead(draftState, head);
  const setDraft = useCallback(
    (next: Draft | ((d: Draft) => Draft)) =>
      setDraftState((d) => (typeof next === "function" ? next(onHead(d, head)) : next)),
    [head],
  );
  const [filters, setFilters] = useState<StepFilters>(NO_FILTERS);
  const [expandedState, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [tab, setTab] = useState<"steps" | "raw">("steps");
  const [side, setSideTab] = useState<SideTab>(reviewMode ? "review" : "annotations");
  // Below 1280 px the side panel is a drawer over the steps: whatever shows a tab opens it.
  const [panelOpen, setPanelOpen] = useState(reviewMode);
  const setSide = useCallback((t: SideTab) => {
    setSideTab(t);
    setPanelOpen(true);
  }, []);
  const [editingKey, setEditingKey] = useState<string | null>(null);
  const [inspectKey, setInspectKey] = useState<string | null>(null);
  const [composing, setComposing] = useState<NewAnnotation | null>(null);
  const [compare, setCompare] = useState<Compare | null>(null);
  const [help, setHelp] = useState(false);
  const [menuKey, setMenuKey] = useState<string | null>(null);
  const [editWarning, setEditWarning] = useState<{ key: string; names: string[] } | null>(null);
  const [saveSignal, setSaveSignal] = useState(0);
  const [details, setDetails] = useState(false);
  const [ready, setReady] = useState(false);
  const [colorTick, setColorTick] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const rows = useMemo(() => viewRows(index.steps, draft), [index.steps, draft]);
  const expand = useCallback((key: string) => setExpanded((s) => new Set(s).add(key)), []);
  const ordinals = useMemo(() => new Map(rows.map((r) => [r.key, r.ordinal])), [rows]);
  const ordinalOf = useCallback((key: string) => ordinals.get(key) ?? null, [ordinals]);
  const visible = useMemo(() => filterSteps(rows, filters).map((i) => rows[i]), [rows, filters]);
  const [handle] = useState(() => new ListHandle());
  const nav = useStepNavigation(visible, handle, () => setFilters(NO_FILTERS));
  const search = useTrajectorySearch(visible, store, version, nav.focusedPos);
  const save = useSaveDraft(api, trajectoryId, draft, setDraft, store);
  useKeptDraft(me.id, trajectoryId, draft, setDraftState);
  const annotations = useAnnotations(api, trajectoryId);
  const live = useTrajectoryLive({
    slug,
    trajectoryId,
    focusedKey: nav.focusedKey,
    editingKey: editingKey && side === "editor" ? editingKey : null,
    isMine: save.isMine,
  });
  const pairs = useMemo(() => stepPairs(rows), [rows]);

  const bodyOf = useCallback(
    (key: string) => {
      const r = rows.find((x) => x.key === key);
      return r ? (r.draftBody ?? (r.entry ? store.get(r.entry.id) : undefined)) : undefined;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version: bodies arrive in the store
    [rows, store, version],
  );
  const [picked, clearPicked] = useTextSelection(scrollRef, bodyOf, canAnnotate && tab === "steps");

  // Jump to the current search hit; a collapsed step opens when the match is in its hidden part.
  const hit = search.current >= 0 ? search.result?.hits[search.current] : undefined;
  const hitRow = hit ? visible[hit.position] : undefined;
  const hitHidden = useMemo(() => {
    if (!hit || !hitRow) return false;
    const c = collapseText(rowSearchText(hitRow, store));
    return c.collapsed && hit.offset >= c.shown.length - 200;
  }, [hit, hitRow, store]);
  const expanded = useMemo(
    () => (hitHidden && hitRow ? new Set(expandedState).add(hitRow.key) : expandedState),
    [expandedState, hitHidden, hitRow],
  );
  const { jumpTo } = nav;
  useEffect(() => {
    if (hit) jumpTo(hit.position);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the hit itself changes, not when the list re-renders
  }, [hit?.position, hit?.occurrence, search.current]);

  const matchesByKey = useMemo(() => {
    const m = new Map<string, number>();
    for (const [pos, n] of search.result?.perPosition ?? []) if (visible[pos]) m.set(visible[pos].key, n);
    return m;
  }, [search.result, visible]);
  const hitPositions = useMemo(() => new Set(search.result?.perPosition.keys() ?? []), [search.result]);
  const currentHit = useMemo(
    () => (hit && hitRow ? { key: hitRow.key, occurrence: hit.occurrence } : null),
    [hit, hitRow],
  );

  const annotationCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const a of annotations.data?.annotations ?? [])
      if (a.status === "open") m.set(a.stepKey, (m.get(a.stepKey) ?? 0) + 1);
    return m;
  }, [annotations.data]);
  const labelsByKey = useMemo(() => {
    const m = new Map<string, string>();
    for (const a of annotations.data?.annotations ?? [])
      if (a.status === "open" && !m.has(a.stepKey)) m.set(a.stepKey, a.label ?? a.comments[0]?.body ?? "note");
    return m;
  }, [annotations.data]);
  const quoteMarks = useMemo(
    () =>
      (annotations.data?.annotations ?? [])
        .filter((a) => a.status === "open" && !a.outdated && a.quote)
        .map((a) => ({ stepKey: a.stepKey, field: a.field, quote: a.quote! })),
    [annotations.data],
  );
  const outline = useMemo(
    () => outlineEntries(visible, annotationCounts, labelsByKey),
    [visible, annotationCounts, labelsByKey],
  );
  // The text outline sits beside the rail from 1536 px; "Outline" shows or hides it at any width.
  // It is mounted only when shown (a hidden virtualized list would still do its work).
  const [outlineOpen, setOutlineOpen] = useState<boolean | null>(null);
  const wideScreen = useSyncExternalStore(subscribeWide, isWide, () => false);
  const viewersByStep = useMemo(() => {
    const m = new Map<string, Viewer[]>();
    const add = (key: string, v: Viewer) => {
      const list = m.get(key) ?? [];
      if (!list.includes(v)) m.set(key, [...list, v]);
    };
    for (const v of live.viewers) {
      if (v.userId === me.id) continue;
      if (v.stepKey) add(v.stepKey, v);
      if (v.editingKey) add(v.editingKey, v);
    }
    return m;
  }, [live.viewers, me.id]);

  const openEditor = useCallback(
    (key: string) => {
      const r = rows.find((x) => x.key === key);
      if (!r || r.status === "deleted") return;
      if (r.entry && !r.draftBody) store.request([r.entry.id]);
      setEditingKey(key);
      setSide("editor");
    },
    [rows, store, setSide],
  );
  // Someone else has this step open in their editor: say so before opening it here too.
  const edit = useCallback(
    (key: string) => {
      const others = live.viewers.filter((v) => v.userId !== me.id && v.editingKey === key).map((v) => v.name);
      if (others.length && editingKey !== key) setEditWarning({ key, names: others });
      else openEditor(key);
    },
    [live.viewers, me.id, editingKey, openEditor],
  );
  const actions: StepActions = useMemo(
    () => ({
      edit,
      insertAfter(key: string, kind: InsertableKind) {
        const k = newKey();
        setDraft((d) => draftInsert(d, key, newStep(kind), k));
        setEditingKey(k);
        setSide("editor");
      },
      move(key: string, dir: -1 | 1) {
        setDraft((d) => {
          const all = draftRows(index.steps, d);
          const i = all.findIndex((r) => r.key === key);
          if (dir < 0) {
            let p = i - 1;
            while (p >= 0 && all[p].status === "deleted") p--;
            return p < 0 ? d : draftMove(d, key, anchorBefore(all, p));
          }
          let n = i + 1;
          while (n < all.length && all[n].status === "deleted") n++;
          return n >= all.length ? d : draftMove(d, key, all[n].key);
        });
      },
      remove: (key: string) => setDraft((d) => draftDelete(d, key)),
      restore: (key: string) => setDraft((d) => draftRestore(d, key)),
      annotate(key: string) {
        setComposing({ stepKey: key });
        setSide("annotations");
      },
      inspect(key: string) {
        setInspectKey(key);
        setSide("inspect");
      },
      jump(key: string) {
        setTab("steps");
        nav.jumpToKey(key);
      },
      menu: (key: string) => {
        nav.focus(key);
        setMenuKey(key);
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- nav's callbacks are stable per list
    [edit, index.steps, setDraft, setSide, nav.jumpToKey, nav.focus],
  );

  const flagError = useCallback(
    (key: string, isError: boolean) => {
      const r = rows.find((x) => x.key === key);
      const body = bodyOf(key);
      if (!r || !body) return;
      const original = r.entry ? store.get(r.entry.id) : undefined;
      setDraft((d) => draftUpdate(d, key, withErrorFlag(body, isError), original ?? body));
    },
    [rows, bodyOf, store, setDraft],
  );

  const menuItems = useMemo((): StepMenuItem[] => {
    const r = menuKey ? rows.find((x) => x.key === menuKey) : undefined;
    if (!r) return [];
    const k = r.key;
    const body = bodyOf(k);
    const items: StepMenuItem[] = [];
    const pair = pairs.get(k);
    if (pair)
      items.push({
        id: "pair",
        label: pair.role === "result" ? `Go to its result (#${pair.ordinal})` : `Go to its call (#${pair.ordinal})`,
        hint: "p",
        run: () => actions.jump(pair.key),
      });
    if (body) items.push({ id: "inspect", label: "Open read-only", run: () => actions.inspect(k) });
    const deleted = r.status === "deleted";
    if (canAnnotate && !deleted)
      items.push({ id: "annotate", label: "Annotate", hint: "n", run: () => actions.annotate(k) });
    if (canEdit && !deleted) {
      items.push({ id: "edit", label: "Edit", hint: "e", run: () => actions.edit(k) });
      if (body?.kind === "tool_result")
        items.push(
          body.isError
            ? { id: "clear-error", label: "Clear the error flag", run: () => flagError(k, false) }
            : { id: "flag-error", label: "Flag as failed", run: () => flagError(k, true) },
        );
      items.push(
        { id: "move-up", label: "Move up", run: () => actions.move(k, -1) },
        { id: "move-down", label: "Move down", run: () => actions.move(k, 1) },
        { id: "insert-human", label: "Insert a human step after", run: () => actions.insertAfter(k, "human") },
        {
          id: "insert-assistant",
          label: "Insert an assistant step after",
          run: () => actions.insertAfter(k, "assistant"),
        },
        { id: "insert-system", label: "Insert a system step after", run: () => actions.insertAfter(k, "system") },
        { id: "delete", label: "Delete", run: () => actions.remove(k) },
      );
    }
    if (canEdit && deleted) items.push({ id: "restore", label: "Restore", run: () => actions.restore(k) });
    return items;
  }, [menuKey, rows, bodyOf, pairs, actions, canAnnotate, canEdit, flagError]);

  useViewerShortcuts({
    next: nav.next,
    prev: nav.prev,
    search: () => {
      setTab("steps");
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    edit: () => canEdit && nav.focusedKey && edit(nav.focusedKey),
    annotate: () => canAnnotate && nav.focusedKey && actions.annotate(nav.focusedKey),
    menu: () => nav.focusedKey && setMenuKey(nav.focusedKey),
    pair: () => {
      const pair = nav.focusedKey ? pairs.get(nav.focusedKey) : undefined;
      if (pair) actions.jump(pair.key);
    },
    nextError: () => nav.seek((r) => r.isError || r.kind === "error", 1),
    prevError: () => nav.seek((r) => r.isError || r.kind === "error", -1),
    nextHuman: () => nav.seek((r) => r.kind === "human", 1),
    prevHuman: () => nav.seek((r) => r.kind === "human", -1),
    save: () => draft.ops.length > 0 && setSaveSignal((n) => n + 1),
    help: () => setHelp((h) => !h),
    escape: () => (help ? setHelp(false) : setEditingKey(null)),
  });

  // Ready once the rows first in view have their bodies (or failed) and have been painted; a
  // page with nothing to list is ready as it is.
  const onFirstScreen = useCallback(() => setReady(true), []);
  const isReady = ready || tab !== "steps" || visible.length === 0;
  // Monaco loads on demand (the editor, the raw tab, a diff, "Open"); once it is there, code blocks
  // in the list get its colours too. Loading it unasked would be one long task, a dropped frame
  // in the middle of someone's scrolling.
  const wantsMonaco = tab === "raw" || side === "editor" || side === "inspect" || compare !== null;
  useEffect(() => {
    if (!wantsMonaco || colorTick > 0) return;
    let live = true;
    void warmColorizer().then((m) => live && m && setColorTick((n) => n + 1));
    return () => {
      live = false;
    };
  }, [wantsMonaco, colorTick]);

  const t = detail.trajectory;
  const editingRow = editingKey ? rows.find((r) => r.key === editingKey) : undefined;
  const inspectRow = inspectKey ? rows.find((r) => r.key === inspectKey) : undefined;

  return (
    <div
      data-testid="trajectory-viewer"
      data-ready={isReady ? "true" : "false"}
      data-revision={index.revision}
      className="flex h-[calc(100vh-6rem)] min-h-[480px] flex-col gap-2"
    >
      <TrajectoryHeader
        slug={slug}
        t={t}
        sourceUrl={api.source}
        right={
          <div className="flex items-center gap-2">
            <PresenceAvatars viewers={live.viewers} meId={me.id} ordinalOf={ordinalOf} connected={live.connected} />
            <Button variant="secondary" data-testid="details-button" onClick={() => setDetails(true)}>
              Details
            </Button>
            <Button
              variant="ghost"
              data-testid="shortcuts-button"
              title="Keyboard shortcuts (?)"
              onClick={() => setHelp(true)}
            >
              ?
            </Button>
          </div>
        }
      />
      {live.revised && (
        <RevisedBanner
          event={live.revised}
          viewing={index.revision}
          hasDraft={draft.ops.length > 0}
          onDiff={() => {
            setCompare({ from: index.revision, to: live.revised!.number });
            setSide("history");
          }}
          onReload={() => {
            live.clearRevised();
            void qc.invalidateQueries({ queryKey: viewerKeys.all(trajectoryId) });
          }}
          onDismiss={live.clearRevised}
        />
      )}
      <div className="flex flex-wrap items-center gap-3">
        <div className="flex rounded-md border border-zinc-300 text-sm dark:border-zinc-700" role="tablist">
          {(["steps", "raw"] as const).map((k) => (
            <button
              key={k}
              role="tab"
              aria-selected={tab === k}
              data-testid={`tab-${k}`}
              onClick={() => setTab(k)}
              className={`px-3 py-1 ${tab === k ? "bg-zinc-200 font-medium dark:bg-zinc-800" : ""}`}
            >
              {k === "steps" ? "Steps" : "Raw JSON"}
            </button>
          ))}
        </div>
        {tab === "steps" && (
          <>
            <SearchBar ref={searchRef} search={search} />
            <FilterToggles filters={filters} onChange={setFilters} />
          </>
        )}
        {tab === "steps" && (
          <Button
            variant="ghost"
            data-testid="outline-toggle"
            aria-pressed={outlineOpen ?? wideScreen}
            onClick={() => setOutlineOpen((o) => !(o ?? wideScreen))}
          >
            Outline
          </Button>
        )}
        <Button
          variant="secondary"
          className="ml-auto xl:hidden"
          data-testid="side-panel-toggle"
          aria-expanded={panelOpen}
          aria-controls="viewer-side-panel"
          onClick={() => setPanelOpen((o) => !o)}
        >
          Notes & history
        </Button>
      </div>
      <DraftBar
        draft={draft}
        state={save}
        saveSignal={saveSignal}
        ordinalOf={ordinalOf}
        onDiscard={() => setDraft(emptyDraft(index.revision))}
        onShowChanges={(from, to) => {
          setCompare({ from, to });
          setSide("history");
        }}
      />
      <div className="flex min-h-0 flex-1 overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800">
        {tab === "steps" ? (
          <>
            {(outlineOpen ?? wideScreen) && (
              <div
                className="w-48 shrink-0 border-r border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
                data-testid="text-outline-pane"
              >
                <TextOutline entries={outline} focusedPos={nav.focusedPos} onJump={nav.jumpTo} />
              </div>
            )}
            <div className="w-8 shrink-0 border-r border-zinc-200 dark:border-zinc-800">
              <OutlineRail
                rows={visible}
                handle={handle}
                focused={nav.focusedPos}
                hitPositions={hitPositions}
                onJump={nav.jumpTo}
              />
            </div>
            <div className="min-w-0 flex-1 bg-zinc-100/60 dark:bg-zinc-950">
              {visible.length === 0 ? (
                <div className="p-6">
                  <EmptyState
                    title={rows.length ? "No step matches the filters" : "This revision has no steps"}
                    action={
                      activeFilterCount(filters) ? (
                        <Button variant="secondary" onClick={() => setFilters(NO_FILTERS)}>
                          Clear filters
                        </Button>
                      ) : undefined
                    }
                  />
                </div>
              ) : (
                <StepList
                  rows={visible}
                  handle={handle}
                  scrollRef={scrollRef}
                  onFirstScreen={onFirstScreen}
                  searchRe={search.re}
                  currentHit={currentHit}
                  store={store}
                  bodiesVersion={version}
                  focusedKey={nav.focusedKey}
                  onFocus={nav.focus}
                  expanded={expanded}
                  onExpand={expand}
                  canEdit={canEdit}
                  canAnnotate={canAnnotate}
                  actions={actions}
                  annotationCounts={annotationCounts}
                  viewersByStep={viewersByStep}
                  pairs={pairs}
                  quoteMarks={quoteMarks}
                  matchesByKey={matchesByKey}
                  colorTick={colorTick}
                  deferBodies={isReady}
                />
              )}
            </div>
          </>
        ) : (
          <div className="min-w-0 flex-1">
            <RawTab api={api} revision={index.revision} />
          </div>
        )}
        <SidePanel
          open={panelOpen}
          onClose={() => setPanelOpen(false)}
          tab={side}
          setTab={setSide}
          api={api}
          trajectoryId={trajectoryId}
          head={t.headNumber}
          canEdit={canEdit}
          canAnnotate={canAnnotate}
          hasDraft={draft.ops.length > 0}
          setCompare={setCompare}
          annotations={annotations}
          ordinalOf={ordinalOf}
          composing={composing}
          setComposing={setComposing}
          focusedKey={nav.focusedKey}
          jumpToKey={(key) => {
            setTab("steps");
            nav.jumpToKey(key);
          }}
          editing={editingRow ? { row: editingRow, body: bodyOf(editingRow.key) } : null}
          inspecting={inspectRow ? { row: inspectRow, body: bodyOf(inspectRow.key) } : null}
          closeEditor={() => setEditingKey(null)}
          setDraft={setDraft}
          store={store}
          review={{ slug, canApprove }}
          people={{ meId: me.id, canModerate }}
        />
      </div>
      {picked && (
        <div className="fixed z-40 -translate-x-1/2" style={{ left: picked.x, top: picked.y + 6 }}>
          {picked.problem ? (
            <span className="rounded bg-zinc-800 px-2 py-1 text-xs text-white" data-testid="selection-problem">
              {picked.problem}
            </span>
          ) : (
            <Button
              data-testid="annotate-selection"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setComposing(picked.target);
                setSide("annotations");
                clearPicked();
              }}
            >
              Annotate selection
            </Button>
          )}
        </div>
      )}
      {help && <ShortcutSheet onClose={() => setHelp(false)} />}
      {menuKey && menuItems.length > 0 && (
        <StepMenu
          title={`Step #${ordinalOf(menuKey) ?? "?"} actions`}
          items={menuItems}
          onClose={() => setMenuKey(null)}
        />
      )}
      {editWarning && (
        <EditWarning
          ordinal={ordinalOf(editWarning.key)}
          names={editWarning.names}
          onCancel={() => setEditWarning(null)}
          onEdit={() => {
            const key = editWarning.key;
            setEditWarning(null);
            openEditor(key);
          }}
        />
      )}
      {compare && <DiffDialog api={api} compare={compare} onClose={() => setCompare(null)} />}
      {details && (
        <TrajectoryDetailsDialog
          slug={slug}
          t={t}
          canEdit={canEdit}
          canDelete={canDelete}
          onClose={() => setDetails(false)}
          onSaved={() => void qc.invalidateQueries({ queryKey: viewerKeys.detail(trajectoryId) })}
        />
      )}
    </div>
  );
}
