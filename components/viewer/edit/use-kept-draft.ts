"use client";
/**
 * The draft kept in the browser per person, trajectory and base revision, so a reload, a crash or
 * a closed tab does not lose applied edits; and the browser's leave-page prompt while a draft has
 * changes. A kept draft on an older revision is restored as it is: saving it then goes through
 * the usual conflict path (the revisions since are listed and the draft re-applied on them).
 */
import { useEffect, useRef } from "react";
import type { Draft } from "@/lib/viewer/draft";

const PREFIX = "limi-draft:";
const keyPrefix = (userId: string, trajectoryId: string) => `${PREFIX}${userId}:${trajectoryId}@`;

function isDraft(v: unknown): v is Draft {
  const d = v as Draft;
  return (
    typeof d === "object" &&
    d !== null &&
    Number.isInteger(d.base) &&
    Array.isArray(d.ops) &&
    typeof d.originals === "object" &&
    d.originals !== null
  );
}

/** The kept draft with changes for this trajectory (the newest base if several), or null. */
export function readKeptDraft(userId: string, trajectoryId: string): Draft | null {
  if (typeof window === "undefined") return null;
  try {
    const prefix = keyPrefix(userId, trajectoryId);
    let best: Draft | null = null;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k?.startsWith(prefix)) continue;
      const v: unknown = JSON.parse(localStorage.getItem(k) ?? "null");
      if (isDraft(v) && v.ops.length > 0 && (!best || v.base > best.base)) best = v;
    }
    return best;
  } catch (e) {
    // Storage unavailable (private mode, quota) or a corrupt entry: start with an empty draft.
    void e;
    return null;
  }
}

function keep(userId: string, trajectoryId: string, draft: Draft): void {
  try {
    const prefix = keyPrefix(userId, trajectoryId);
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const k = localStorage.key(i);
      if (k?.startsWith(prefix) && k !== `${prefix}${draft.base}`) localStorage.removeItem(k);
    }
    if (draft.ops.length) localStorage.setItem(`${prefix}${draft.base}`, JSON.stringify(draft));
    else localStorage.removeItem(`${prefix}${draft.base}`);
  } catch (e) {
    // A full storage only loses the crash copy; the draft in the page is untouched.
    void e;
  }
}

/**
 * Restores the kept draft after the first render (the page is rendered on the server, which has no
 * storage, so reading it during render would not hydrate), then keeps every change.
 */
export function useKeptDraft(userId: string, trajectoryId: string, draft: Draft, restore: (d: Draft) => void): void {
  const restored = useRef(false);
  useEffect(() => {
    const kept = readKeptDraft(userId, trajectoryId);
    if (kept) restore(kept);
    restored.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per trajectory, on mount
  }, [userId, trajectoryId]);
  useEffect(() => {
    // Until the kept draft is read, the empty first draft must not overwrite it.
    if (restored.current) keep(userId, trajectoryId, draft);
  }, [userId, trajectoryId, draft]);
  const dirty = draft.ops.length > 0;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
}
