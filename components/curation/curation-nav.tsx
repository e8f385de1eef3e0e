"use client";
/** The Curation section's tabs: sets (and their boards), releases, statistics. */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { curationPath } from "@/components/curation/curation-api";

export function CurationNav({ slug }: { slug: string }) {
  const path = usePathname();
  const tabs: Array<[string, string]> = [
    [curationPath(slug), "Sets"],
    [curationPath(slug, "/releases"), "Releases"],
    [curationPath(slug, "/statistics"), "Statistics"],
  ];
  const current = (href: string) =>
    href === curationPath(slug) ? path === href || path.startsWith(`${href}/sets`) : path.startsWith(href);
  return (
    <nav aria-label="Curation" className="mb-4 flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {tabs.map(([href, label]) => (
        <Link
          key={href}
          href={href}
          aria-current={current(href) ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${
            current(href)
              ? "border-indigo-600 text-indigo-700 dark:text-indigo-300"
              : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
          }`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
