"use client";
/**
 * Every action of one step as a keyboard menu ("." on the focused step, or its ⋯ button): ↑/↓ move,
 * Enter runs, Esc closes and gives focus back. The cards show their buttons only on hover or focus.
 */
import { useEffect, useRef } from "react";

export interface StepMenuItem {
  id: string;
  label: string;
  hint?: string;
  run(): void;
}

export function StepMenu({ title, items, onClose }: { title: string; items: StepMenuItem[]; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const back = useRef<Element | null>(null);
  useEffect(() => {
    back.current = document.activeElement;
    ref.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    return () => {
      if (back.current instanceof HTMLElement) back.current.focus();
    };
  }, []);
  const move = (dir: 1 | -1) => {
    const all = [...(ref.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    all[(at + dir + all.length) % all.length]?.focus();
  };
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/20 pt-24" onClick={onClose}>
      <div
        className="w-72 rounded-lg border border-zinc-200 bg-white py-1 shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="px-3 py-1 text-xs font-semibold text-zinc-600 dark:text-zinc-400" aria-hidden="true">
          {title}
        </div>
        <div
          ref={ref}
          role="menu"
          aria-label={title}
          data-testid="step-menu-list"
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") move(1);
            else if (e.key === "ArrowUp") move(-1);
            else if (e.key === "Escape") onClose();
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        >
          {items.map((it) => (
            <button
              key={it.id}
              type="button"
              role="menuitem"
              data-testid={`step-menu-${it.id}`}
              onClick={() => {
                onClose();
                it.run();
              }}
              className="flex w-full items-center justify-between px-3 py-1.5 text-left text-sm hover:bg-zinc-100 focus:bg-indigo-50 focus:outline-none dark:hover:bg-zinc-800 dark:focus:bg-indigo-950"
            >
              <span>{it.label}</span>
              {it.hint && (
                <kbd className="rounded border border-zinc-300 px-1 font-mono text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                  {it.hint}
                </kbd>
              )}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
