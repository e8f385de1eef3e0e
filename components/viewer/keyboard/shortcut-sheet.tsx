"use client";
import { SHORTCUTS } from "@/components/viewer/keyboard/use-viewer-shortcuts";

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        data-testid="shortcut-sheet"
        className="w-96 rounded-lg bg-white p-5 shadow-xl dark:bg-zinc-900"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 className="mb-3 text-base font-semibold">Keyboard shortcuts</h2>
        <table className="w-full text-sm">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td className="py-1 pr-4">
                  <kbd className="rounded border border-zinc-300 px-1.5 font-mono text-xs dark:border-zinc-700">
                    {s.keys}
                  </kbd>
                </td>
                <td className="py-1 text-zinc-600 dark:text-zinc-400">{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="mt-4 text-sm text-indigo-600 hover:underline" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
