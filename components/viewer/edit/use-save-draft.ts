"use client";
/**
 * Saving a draft as a revision. The draft is cleared only when the server confirms; a failure keeps
 * it and shows the server's message, and a 409 (someone saved first) keeps it with what changed,
 * for re-applying on the new head.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { apiFetch, ApiError } from "@/lib/http/client-fetch";
import { draftKeys, emptyDraft, rebaseDraft, type Draft, type Rebased } from "@/lib/viewer/draft";
import { hasConflictMarkers } from "@/lib/viewer/merge-text";
import { editableText } from "@/lib/viewer/step-text";
import type { StepIndexResponse } from "@/lib/viewer/types";
import type { TrajectoryApi } from "@/components/viewer/data/api-paths";
import type { BodyStore } from "@/components/viewer/data/body-store";
import { viewerKeys } from "@/components/viewer/data/use-viewer-queries";
import type { ConflictDetails, SaveResponse } from "@/components/viewer/data/viewer-types";

export interface SaveState {
  saving: boolean;
  error: string | null;
  warnings: string[];
  conflict: ConflictDetails | null;
  rebased: Omit<Rebased, "draft"> | null;
  save(reason: string): Promise<void>;
  reapply(): Promise<void>;
  dismiss(): void;
  /** Whether this page saved revision `n` (waiting for a save in flight), so our own live "revised" events are not announced. */
  isMine(n: number): Promise<boolean>;
}

export function useSaveDraft(
  api: TrajectoryApi,
  trajectoryId: string,
  draft: Draft,
  setDraft: (d: Draft) => void,
  store: BodyStore,
): SaveState {
  const qc = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [conflict, setConflict] = useState<ConflictDetails | null>(null);
  const [rebased, setRebased] = useState<Omit<Rebased, "draft"> | null>(null);
  const mine = useRef(new Set<number>());
  const inFlight = useRef<Promise<void> | null>(null);

  const refresh = () => qc.invalidateQueries({ queryKey: viewerKeys.all(trajectoryId) });

  const save = async (reason: string) => {
    setError(null);
    setWarnings([]);
    const marked = draft.ops.find(
      (o) => (o.op === "update" || o.op === "insert") && hasConflictMarkers(editableText(o.step)),
    );
    if (marked) {
      setError(
        "a step still holds conflict markers (<<<<<<< theirs … >>>>>>> yours): settle it in the editor before saving",
      );
      return;
    }
    setSaving(true);
    const run = (async () => {
      try {
        const res = await apiFetch<SaveResponse>(api.revisions, {
          method: "POST",
          json: { baseNumber: draft.base, reason, ops: draft.ops },
        });
        mine.current.add(res.revision.number);
        setWarnings(res.warnings);
        setConflict(null);
        setRebased(null);
        setDraft(emptyDraft(res.revision.number));
        await refresh();
      } catch (e) {
        if (e instanceof ApiError && e.status === 409 && e.details) setConflict(e.details as ConflictDetails);
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setSaving(false);
      }
    })();
    inFlight.current = run;
    await run;
  };

  const reapply = async () => {
    if (!conflict) return;
    setSaving(true);
    try {
      const head = await apiFetch<StepIndexResponse>(api.steps());
      const byKey = new Map(head.steps.map((s) => [s.key, s]));
      const changed = new Set(conflict.revisions.flatMap((r) => r.changedKeys));
      // Bodies of the head's versions of the steps we edited that someone else changed too.
      const wanted = draftKeys(draft).filter((k) => changed.has(k) && byKey.has(k));
      await store.load(wanted.map((k) => byKey.get(k)!.id));
      const theirs = Object.fromEntries(wanted.map((k) => [k, store.get(byKey.get(k)!.id)]));
      const r = rebaseDraft(draft, head.revision, theirs, new Set(byKey.keys()));
      setDraft(r.draft);
      setRebased({ conflicts: r.conflicts, dropped: r.dropped, merged: r.merged });
      setConflict(null);
      setError(null);
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return {
    saving,
    error,
    warnings,
    conflict,
    rebased,
    save,
    reapply,
    dismiss: () => {
      setWarnings([]);
      setRebased(null);
      setError(null);
    },
    isMine: async (n: number) => {
      await inFlight.current;
      return mine.current.has(n);
    },
  };
}
