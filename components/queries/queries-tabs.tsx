"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The Queries section's parts. Pull requests and synthesis are for roles that decide on queries. */
export function QueriesTabs({ slug, canDecide }: { slug: string; canDecide: boolean }) {
  const pathname = usePathname();
  const base = `/projects/${slug}/queries`;
  const tabs = [
    {
      href: base,
      label: "Pool",
      active: !pathname.startsWith(`${base}/prs`) && !pathname.startsWith(`${base}/synthesis`),
    },
    ...(canDecide
      ? [
          { href: `${base}/prs`, label: "Pull requests", active: pathname.startsWith(`${base}/prs`) },
          { href: `${base}/synthesis`, label: "Synthesis", active: pathname.startsWith(`${base}/synthesis`) },
        ]
      : []),
  ];
  if (tabs.length === 1) return null;
  return (
    <nav
      aria-label="Queries"
      className="mb-4 flex gap-1 border-b border-zinc-200 dark:border-zinc-800"
      data-testid="queries-tabs"
    >
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.active ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${t.active ? "border-indigo-600 font-medium text-indigo-700 dark:text-indigo-300" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
