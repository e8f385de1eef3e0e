/** A result's warnings: the count, with the messages on hover and on expand in place (keyboard too). */
export function ImportWarnings({ warnings }: { warnings: string[] }) {
  if (!warnings.length) return <span className="text-zinc-400">0</span>;
  return (
    <details className="text-left" title={warnings.join("\n")}>
      <summary className="cursor-pointer list-none text-right rounded px-1 text-amber-700 underline decoration-dotted hover:bg-amber-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-amber-300 dark:hover:bg-amber-950">
        {warnings.length}
        <span className="sr-only"> warnings, show</span>
      </summary>
      <ul className="mt-1 w-72 list-disc space-y-1 rounded-md border border-amber-200 bg-amber-50 p-2 pl-5 text-xs text-zinc-700 dark:border-amber-900 dark:bg-amber-950/40 dark:text-zinc-300">
        {warnings.map((w, n) => (
          <li key={n} className="break-words">
            {w}
          </li>
        ))}
      </ul>
    </details>
  );
}
