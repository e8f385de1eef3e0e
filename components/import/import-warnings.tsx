/** A result's warnings: the count, with the messages on hover and on expand (keyboard too). */
export function ImportWarnings({ warnings }: { warnings: string[] }) {
  if (!warnings.length) return <span className="text-zinc-400">0</span>;
  return (
    <details className="relative inline-block text-left" title={warnings.join("\n")}>
      <summary className="cursor-pointer list-none rounded px-1 text-amber-700 underline decoration-dotted hover:bg-amber-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-amber-300 dark:hover:bg-amber-950">
        {warnings.length}
        <span className="sr-only"> warnings, show</span>
      </summary>
      <ul className="absolute right-0 z-10 mt-1 w-96 max-w-[80vw] list-disc space-y-1 rounded-md border border-zinc-200 bg-white p-3 pl-6 text-xs text-zinc-700 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
        {warnings.map((w, n) => (
          <li key={n} className="break-words">
            {w}
          </li>
        ))}
      </ul>
    </details>
  );
}
