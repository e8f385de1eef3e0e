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
  role: string;
  allowed: Action[];
  user: { name: string; email: string };
  children: ReactNode;
}

/** The project frame: sidebar navigation (collapses to a drawer on small screens), header, `g`-chords to navigate. */
export function AppShell({ slug, role, allowed, user, children }: Props) {
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
            className={`flex items-center justify-between rounded-md px-3 py-1.5 text-sm ${active ? "bg-indigo-50 font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
          >
            {i.label}
            <kbd className="hidden text-[10px] text-zinc-400 lg:inline" title={`g then ${i.key}`}>
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
        className={`${open ? "fixed inset-0 z-40 block bg-white p-4 dark:bg-zinc-950" : "hidden"} w-60 shrink-0 border-r border-zinc-200 bg-white p-4 md:static md:block dark:border-zinc-800 dark:bg-zinc-900`}
      >
        <Link href="/projects" className="mb-4 block text-lg font-semibold tracking-tight">
          LIMI Studio
        </Link>
        <div className="mb-4">
          <ProjectSwitcher current={slug} />
        </div>
        {nav}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 items-center justify-between border-b border-zinc-200 bg-white px-4 dark:border-zinc-800 dark:bg-zinc-900">
          <button className="md:hidden" onClick={() => setOpen(!open)} aria-label="Menu">
            ☰
          </button>
          <div className="text-sm text-zinc-500" data-testid="current-role">
            {role}
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
