import Link from "next/link";
import type { ReactNode } from "react";
import { readProvenance } from "@/components/queries/provenance";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 py-1">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function Files({ files }: { files: string[] }) {
  if (!files.length) return <span className="text-zinc-400">none</span>;
  return (
    <ul className="space-y-0.5 font-mono text-xs">
      {files.map((f) => (
        <li key={f}>{f}</li>
      ))}
    </ul>
  );
}

/** Where a query came from and, for a synthesised one, what the model said about it. */
export function QueryProvenance({ slug, provenance }: { slug: string; provenance: unknown }) {
  const p = readProvenance(provenance);
  const synthesised = p.taskCategory !== null || p.modifiedFiles.length > 0 || p.reasoning !== null;
  if (!p.repo && !synthesised && !p.model) return null;
  return (
    <section
      aria-labelledby="prov-h"
      className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800"
      data-testid="query-provenance"
    >
      <h2 id="prov-h" className="mb-1 text-sm font-semibold">
        Provenance
      </h2>
      <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {p.repo && <Row label="Repository">{p.repo}</Row>}
        {p.prNumber && (
          <Row label="Pull request">
            {p.url ? (
              <a
                href={p.url}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="text-indigo-700 hover:underline dark:text-indigo-300"
              >
                #{p.prNumber}
              </a>
            ) : (
              `#${p.prNumber}`
            )}
          </Row>
        )}
        {p.commit && (
          <Row label="Commit">
            <code className="font-mono text-xs">{p.commit}</code>
          </Row>
        )}
        {p.taskCategory && <Row label="Task category">{p.taskCategory}</Row>}
        {synthesised && (
          <Row label="Modified files">
            <Files files={p.modifiedFiles} />
          </Row>
        )}
        {synthesised && (
          <Row label="Related files">
            <Files files={p.relatedFiles} />
          </Row>
        )}
        {p.reasoning && <Row label="Reasoning">{p.reasoning}</Row>}
        {p.model && (
          <Row label="Written by">
            {p.model}
            {p.runId && (
              <>
                {" "}
                in{" "}
                <Link
                  href={`/projects/${slug}/queries/synthesis/runs/${p.runId}`}
                  className="text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  run {p.runId.slice(-8)}
                </Link>
              </>
            )}
          </Row>
        )}
      </dl>
    </section>
  );
}
