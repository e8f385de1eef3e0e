"use client";
import { useDarkMode } from "@/components/ui/use-dark-mode";

export function ThemeToggle() {
  const dark = useDarkMode();
  const toggle = () => {
    const next = !dark;
    document.documentElement.classList.toggle("dark", next);
    localStorage.setItem("limi-theme", next ? "dark" : "light");
  };
  return (
    <button
      onClick={toggle}
      className="rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"
      aria-label="Toggle dark mode"
      title="Toggle dark mode"
    >
      {dark ? "☀︎" : "☾"}
    </button>
  );
}
