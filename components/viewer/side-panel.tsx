"use client";
/** The viewer's side panel: annotations, history and the step editor, one at a time. */
import dynamic from "next/dynamic";
import type { UseQueryResult } from "@tanstack/react-query";
import { Spinner } from "@/components/ui/states";
import { draftUpdate, type Draft } from "@/lib/viewer/draft";
import { withEditedText, withErrorFlag } from "@/lib/viewer/step-text";
import type { ParsedStep } from "@/lib/viewer/types";
import type { TrajectoryApi } from "@/components/viewer/data/api-paths";
import type { BodyStore } from "@/components/viewer/data/body-store";
import type { AnnotationsResponse } from "@/components/viewer/data/viewer-types";
import { AnnotationPanel } from "@/components/viewer/annotations/annotation-panel";
import { useAnnotationActions, type NewAnnotation } from "@/components/viewer/annotations/use-annotation-actions";
import type { Compare } from "@/components/viewer/history/history-panel";
import type { ViewRow } from "@/components/viewer/steps/view-row";

// Tabs other than the annotations load when first opened (the viewer's ready time is mostly its scripts).
const HistoryPanel = dynamic(() => import("@/components/viewer/history/history-panel").then((m) => m.HistoryPanel));
const StepEditorPanel = dynamic(() =>
  import("@/components/viewer/edit/step-editor-panel").then((m) => m.StepEditorPanel),
);
const InspectPanel = dynamic(() => import("@/components/viewer/edit/inspect-panel").then((m) => m.InspectPanel));
const ReviewPanel = dynamic(() => import("@/components/review/review-panel").then((m) => m.ReviewPanel));

export type SideTab = "annotations" | "history" | "review" | "editor" | "inspect";

interface Props {
  /** Below 1280 px the panel is a drawer, shown only when open; from 1280 px it is always beside the steps. */
  open: boolean;
  onClose: () => void;
  tab: SideTab;
  setTab: (t: SideTab) => void;
  api: TrajectoryApi;
  trajectoryId: string;
  head: number;
  canEdit: boolean;
  canAnnotate: boolean;
  hasDraft: boolean;
  setCompare: (c: Compare | null) => void;
  annotations: UseQueryResult<AnnotationsResponse>;
  ordinalOf: (key: string) => number | null;
  composing: NewAnnotation | null;
  setComposing: (a: NewAnnotation | null) => void;
  focusedKey: string | null;
  jumpToKey: (key: string) => void;
  editing: { row: ViewRow; body: ParsedStep | undefined } | null;
  inspecting: { row: ViewRow; body: ParsedStep | undefined } | null;
  closeEditor: () => void;
  setDraft: (fn: (d: Draft) => Draft) => void;
  store: BodyStore;
  review: { slug: string; canApprove: boolean };
  people: { meId: string; canModerate: boolean };
}

export function SidePanel(p: Props) {
  const actions = useAnnotationActions(p.api, p.trajectoryId);
  const openCount = p.annotations.data?.annotations.filter((a) => a.status === "open").length ?? 0;
  const tabs: Array<[SideTab, string]> = [
    ["annotations", `Annotations${openCount ? ` (${openCount})` : ""}`],
    ["history", "History"],
    ["review", "Review"],
    ...(p.editing ? ([["editor", "Editor"]] as Array<[SideTab, string]>) : []),
    ...(p.inspecting ? ([["inspect", `Step #${p.inspecting.row.ordinal}`]] as Array<[SideTab, string]>) : []),
  ];
  const tab = (p.tab === "editor" && !p.editing) || (p.tab === "inspect" && !p.inspecting) ? "annotations" : p.tab;
  return (
    <section
      id="viewer-side-panel"
      aria-label="Annotations, history and editor"
      className={`${p.open ? "fixed inset-y-0 right-0 z-40 flex shadow-xl" : "hidden"} w-[min(26rem,100vw)] shrink-0 flex-col border-l border-zinc-200 bg-white xl:static xl:z-auto xl:flex xl:shadow-none dark:border-zinc-800 dark:bg-zinc-900`}
      data-testid="side-panel"
    >
      <div className="flex items-center border-b border-zinc-200 text-sm dark:border-zinc-800">
        <div className="flex" role="tablist">
          {tabs.map(([k, label]) => (
            <button
              key={k}
              role="tab"
              aria-selected={tab === k}
              data-testid={`side-tab-${k}`}
              onClick={() => p.setTab(k)}
              className={`px-3 py-1.5 focus-visible:outline-2 focus-visible:outline-indigo-500 ${tab === k ? "border-b-2 border-indigo-500 font-medium" : "text-zinc-600 dark:text-zinc-400"}`}
            >
              {label}
            </button>
          ))}
        </div>
        <button
          type="button"
          onClick={p.onClose}
          aria-label="Close the panel"
          data-testid="side-panel-close"
          className="ml-auto px-3 py-1.5 text-zinc-600 xl:hidden dark:text-zinc-400"
        >
          ✕
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {tab === "annotations" && (
          <AnnotationPanel
            data={p.annotations.data}
            pending={p.annotations.isPending}
            error={p.annotations.error}
            retry={() => void p.annotations.refetch()}
            ordinalOf={p.ordinalOf}
            canWrite={p.canAnnotate}
            people={p.people}
            composing={p.composing}
            onCreate={async (label, comment) => {
              if (!p.composing) return;
              await actions.create(p.composing, label, comment);
              p.setComposing(null);
            }}
            onCancelCompose={() => p.setComposing(null)}
            actions={actions}
            onJump={p.jumpToKey}
            focusedKey={p.focusedKey}
          />
        )}
        {tab === "history" && (
          <HistoryPanel
            api={p.api}
            trajectoryId={p.trajectoryId}
            head={p.head}
            canEdit={p.canEdit}
            setCompare={p.setCompare}
            hasDraft={p.hasDraft}
            onReverted={() => p.setCompare(null)}
          />
        )}
        {tab === "review" && (
          <ReviewPanel
            slug={p.review.slug}
            trajectoryId={p.trajectoryId}
            head={p.head}
            canApprove={p.review.canApprove}
            focusedKey={p.focusedKey}
            ordinalOf={p.ordinalOf}
            jumpToKey={p.jumpToKey}
          />
        )}
        {tab === "inspect" && p.inspecting?.body && (
          <InspectPanel
            key={p.inspecting.row.key}
            stepKey={p.inspecting.row.key}
            ordinal={p.inspecting.row.ordinal}
            step={p.inspecting.body}
          />
        )}
        {tab === "editor" &&
          p.editing &&
          (p.editing.body ? (
            <StepEditorPanel
              key={p.editing.row.key}
              stepKey={p.editing.row.key}
              ordinal={p.editing.row.ordinal}
              step={p.editing.body}
              onClose={p.closeEditor}
              onApply={(text, isError) => {
                const { row, body } = p.editing!;
                const original = row.entry ? p.store.get(row.entry.id) : undefined;
                const edited = withEditedText(body!, text);
                const next = isError === null ? edited : withErrorFlag(edited, isError);
                p.setDraft((d) => draftUpdate(d, row.key, next, original ?? body!));
                p.closeEditor();
              }}
            />
          ) : (
            <div className="p-3">
              <Spinner label="Loading the step" />
            </div>
          ))}
      </div>
    </section>
  );
}
