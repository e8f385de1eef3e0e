"use client";
/** Opens a page's shortcut sheet, for those who do not know about `?`. */
export function ShortcutsButton({ onClick }: { onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      title="Keyboard shortcuts (?)"
      data-testid="shortcuts-button"
      className="inline-flex items-center gap-1.5 rounded px-1.5 py-1 text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      Keyboard shortcuts
      <kbd className="rounded border border-zinc-400 px-1 font-mono text-xs leading-tight dark:border-zinc-500">?</kbd>
    </button>
  );
}
