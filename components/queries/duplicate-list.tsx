import Link from "next/link";
import type { DuplicateHit } from "@/components/queries/query-types";
import { QueryStatusBadge } from "@/components/queries/query-badges";
import type { QueryStatus } from "@/lib/queries/query-fields";

/** Similar queries, most similar first, each linking to itself. */
export function DuplicateList({ slug, hits }: { slug: string; hits: DuplicateHit[] }) {
  return (
    <ul className="space-y-1.5" data-testid="duplicate-list">
      {hits.map((h) => (
        <li key={h.id} className="flex items-start gap-2 text-sm" data-testid="duplicate-hit">
          <span
            className="w-10 shrink-0 text-right font-medium tabular-nums text-amber-700 dark:text-amber-300"
            title="Estimated Jaccard similarity of word shingles"
          >
            {Math.round(h.similarity * 100)}%
          </span>
          <QueryStatusBadge status={h.status as QueryStatus} />
          <Link href={`/projects/${slug}/queries/${h.id}`} className="line-clamp-2 min-w-0 hover:underline">
            {h.text}
          </Link>
        </li>
      ))}
    </ul>
  );
}
