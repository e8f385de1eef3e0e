import Link from "next/link";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { SignOutButton } from "@/components/shell/sign-out-button";

/** The header of the pages outside a project (projects, my account, users). */
export function TopBar({ email, isAdmin, title }: { email: string; isAdmin: boolean; title: string }) {
  const link = "rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800";
  return (
    <header className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <nav aria-label="Account" className="flex flex-wrap items-center gap-1">
        <Link href="/projects" className={link}>
          Projects
        </Link>
        {isAdmin && (
          <Link href="/admin/users" className={link} data-testid="nav-users">
            Users
          </Link>
        )}
        <Link href="/account" className={link} title={email} data-testid="nav-account">
          My account
        </Link>
        <ThemeToggle />
        <SignOutButton />
      </nav>
    </header>
  );
}
