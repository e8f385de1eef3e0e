"use client";
/**
 * The `?` sheet: the keys of a page as lib/keymap lists them. A native modal <dialog>, so focus
 * moves in (to Close), Escape closes it, the page behind is inert, and the pages' single-key
 * shortcuts (lib/keymap/page-keys: `dialogOpen`) stay quiet while it is open; focus goes back to
 * where it was on close. Without `rows` it shows the viewer's keys.
 */
import { useEffect, useRef } from "react";
import { SHORTCUTS } from "@/components/viewer/keyboard/use-viewer-shortcuts";

export function ShortcutSheet({
  onClose,
  rows = SHORTCUTS,
  title = "Keyboard shortcuts",
}: {
  onClose: () => void;
  /** The rows to show (lib/keymap `sheetRows(context)`, plus any of the page's own). */
  rows?: ReadonlyArray<{ keys: string; what: string }>;
  title?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) d.showModal();
    d.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      if (d.open) d.close();
      before?.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="shortcut-sheet-title"
      data-testid="shortcut-sheet"
      className="m-auto w-96 max-w-[calc(100vw-2rem)] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // A click on the backdrop lands on the dialog element itself.
      onClick={(e) => e.target === e.currentTarget && onClose()}
    >
      <div className="p-5">
        <h2 id="shortcut-sheet-title" className="mb-3 text-base font-semibold">
          {title}
        </h2>
        <table className="w-full text-sm">
          <tbody>
            {rows.map((s) => (
              <tr key={s.keys}>
                <td className="py-1 pr-4 align-top">
                  <kbd className="whitespace-nowrap rounded border border-zinc-300 px-1.5 font-mono text-xs dark:border-zinc-700">
                    {s.keys}
                  </kbd>
                </td>
                <td className="py-1 text-zinc-600 dark:text-zinc-400">{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          data-autofocus
          data-testid="shortcut-sheet-close"
          className="mt-4 rounded text-sm text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
          onClick={onClose}
        >
          Close
        </button>
      </div>
    </dialog>
  );
}
