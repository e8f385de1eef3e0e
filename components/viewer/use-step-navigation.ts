"use client";
/**
 * The focused step and jumping: by position in the visible list, by key (deep links, annotations,
 * the outline). The URL's hash follows the focus (`#step-<key>`), so a link opens on that step.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { stepKeyFromUrl, urlWithStep } from "@/lib/viewer/step-link";
import type { ViewRow } from "@/components/viewer/steps/view-row";
import type { ListHandle } from "@/components/viewer/steps/list-handle";

export function useStepNavigation(visible: readonly ViewRow[], handle: ListHandle, onHidden: (key: string) => void) {
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  const positions = useMemo(() => new Map(visible.map((r, i) => [r.key, i])), [visible]);
  const focusedPos = focusedKey ? (positions.get(focusedKey) ?? -1) : -1;

  const focus = useCallback((key: string) => {
    setFocusedKey(key);
    window.history.replaceState(window.history.state, "", urlWithStep(window.location.href, key));
  }, []);

  const jumpTo = useCallback(
    (pos: number) => {
      const row = visible[pos];
      if (!row) return;
      focus(row.key);
      handle.scrollToIndex(pos);
    },
    [visible, handle, focus],
  );

  const jumpToKey = useCallback(
    (key: string) => {
      const pos = positions.get(key);
      if (pos === undefined) return onHidden(key);
      jumpTo(pos);
    },
    [positions, jumpTo, onHidden],
  );

  // A key asked for while filtered out is jumped to once the filters let it through.
  const wanted = useRef<string | null>(null);
  useEffect(() => {
    if (wanted.current && positions.has(wanted.current)) {
      const key = wanted.current;
      wanted.current = null;
      jumpToKey(key);
    }
  }, [positions, jumpToKey]);

  // Deep link on load, and on hash changes (a pasted link in the same tab).
  const opened = useRef(false);
  useEffect(() => {
    const open = () => {
      const key = stepKeyFromUrl(window.location.hash, window.location.search);
      if (!key) return;
      if (positions.has(key)) jumpToKey(key);
      else wanted.current = key;
    };
    if (!opened.current && visible.length) {
      opened.current = true;
      open();
    }
    window.addEventListener("hashchange", open);
    return () => window.removeEventListener("hashchange", open);
  }, [visible.length, positions, jumpToKey]);

  return {
    focusedKey,
    focusedPos,
    focus,
    jumpTo,
    jumpToKey,
    wantKey: (key: string) => (wanted.current = key),
    /** Jumps to the next (or previous) visible row that matches, from the focused one; false when none. */
    seek(match: (r: ViewRow) => boolean, dir: 1 | -1): boolean {
      for (let i = focusedPos + dir; i >= 0 && i < visible.length; i += dir)
        if (match(visible[i])) {
          jumpTo(i);
          return true;
        }
      return false;
    },
    next: () => jumpTo(Math.min(visible.length - 1, focusedPos + 1)),
    prev: () => jumpTo(Math.max(0, focusedPos < 0 ? 0 : focusedPos - 1)),
  };
}
