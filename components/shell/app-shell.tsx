"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import type { Action } from "@/lib/auth/permissions";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { ProjectSwitcher } from "@/components/shell/project-switcher";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { isTypingTarget } from "@/components/ui/typing-target";

interface Props {
  slug: string;
  projectName: string;
  role: string;
  allowed: Action[];
  user: { name: string; email: string };
  children: ReactNode;
}

/**
 * The project frame: sidebar navigation, header, `g`-chords to navigate. The sidebar is a menu
 * below 1280 px (xl), so at 1024 px the pages keep their width for tables and the viewer.
 */
export function AppShell({ slug, projectName, role, allowed, user, children }: Props) {
  const pathname = usePathname();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const items = NAV_ITEMS.filter((i) => allowed.includes(i.action));

  useEffect(() => {
    let pendingG = false;
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      if (pendingG) {
        pendingG = false;
        const item = items.find((i) => i.key === e.key);
        if (item) router.push(`/projects/${slug}/${item.segment}`);
      } else if (e.key === "g") {
        pendingG = true;
        setTimeout(() => (pendingG = false), 1000);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [items, router, slug]);

  const nav = (
    <nav aria-label="Project" className="space-y-0.5" data-testid="project-nav">
      {items.map((i) => {
        const active = pathname.startsWith(`/projects/${slug}/${i.segment}`);
        return (
          <Link
            key={i.segment}
            href={`/projects/${slug}/${i.segment}`}
            onClick={() => setOpen(false)}
            aria-current={active ? "page" : undefined}
            className={`flex items-center justify-between rounded-md px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-500 ${active ? "bg-indigo-50 font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
          >
            {i.label}
            <kbd className="text-[10px] text-zinc-600 dark:text-zinc-400" title={`g then ${i.key}`}>
              g {i.key}
            </kbd>
          </Link>
        );
      })}
    </nav>
  );

  return (
    <div className="flex min-h-screen">
      <aside
        id="project-sidebar"
        className={`${open ? "fixed inset-y-0 left-0 z-40 block shadow-xl" : "hidden"} w-60 shrink-0 border-r border-zinc-200 bg-white p-4 xl:static xl:block xl:shadow-none dark:border-zinc-800 dark:bg-zinc-900`}
      >
        <Link href="/projects" className="mb-4 block text-lg font-semibold tracking-tight">
          LIMI Studio
        </Link>
        <div className="mb-4">
          <ProjectSwitcher current={slug} />
        </div>
        {nav}
      </aside>
      {open && (
        <div className="fixed inset-0 z-30 bg-black/30 xl:hidden" aria-hidden="true" onClick={() => setOpen(false)} />
      )}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 items-center justify-between gap-3 border-b border-zinc-200 bg-white px-4 dark:border-zinc-800 dark:bg-zinc-900">
          <div className="flex min-w-0 items-center gap-3">
            <button
              className="rounded px-1 text-lg focus-visible:outline-2 focus-visible:outline-indigo-500 xl:hidden"
              onClick={() => setOpen(!open)}
              aria-label="Menu"
              aria-expanded={open}
              aria-controls="project-sidebar"
              data-testid="menu-button"
            >
              ☰
            </button>
            <div className="min-w-0 truncate text-sm" data-testid="current-project">
              <span className="font-medium text-zinc-900 dark:text-zinc-100">{projectName}</span>
              <span className="text-zinc-600 dark:text-zinc-400">
                {" · "}you are <span data-testid="current-role">{role}</span>
              </span>
            </div>
          </div>
          <div className="flex items-center gap-2">
            <Link
              href="/account"
              className="hidden text-sm text-zinc-600 hover:underline sm:inline dark:text-zinc-400"
              title={`${user.email}: my account`}
            >
              {user.name}
            </Link>
            <ThemeToggle />
            <SignOutButton />
          </div>
        </header>
        <main className="min-w-0 flex-1 p-4 md:p-6">{children}</main>
      </div>
    </div>
  );
}
