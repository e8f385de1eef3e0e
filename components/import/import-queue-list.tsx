"use client";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/components/import/format-bytes";
import type { QueueItem } from "@/components/import/use-import-queue";

/** The files chosen for the batch, before upload; each can be removed. */
export function ImportQueueList({
  items,
  onRemove,
  onClear,
}: {
  items: QueueItem[];
  onRemove: (id: string) => void;
  onClear: () => void;
}) {
  if (!items.length) return null;
  const total = items.reduce((n, i) => n + i.file.size, 0);
  return (
    <section
      aria-labelledby="import-queue-h"
      className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="import-queue"
    >
      <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h2 id="import-queue-h" className="text-sm font-medium">
          {items.length} {items.length === 1 ? "file" : "files"} queued · {formatBytes(total)}
        </h2>
        <Button type="button" variant="ghost" onClick={onClear}>
          Clear all
        </Button>
      </div>
      <ul className="max-h-80 divide-y divide-zinc-100 overflow-y-auto text-sm dark:divide-zinc-800">
        {items.map((i) => (
          <li key={i.id} className="flex items-center gap-3 px-3 py-1.5" data-testid="import-queue-item">
            <span className="min-w-0 flex-1 truncate font-mono text-xs" title={i.path}>
              {i.path}
            </span>
            <span className="shrink-0 tabular-nums text-zinc-500">{formatBytes(i.file.size)}</span>
            <button
              type="button"
              onClick={() => onRemove(i.id)}
              aria-label={`Remove ${i.path}`}
              className="shrink-0 rounded px-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
