"use client";
import { useSyncExternalStore } from "react";

// The theme lives on <html> (set before paint by the root layout's script); read it from there.
const subscribe = (onChange: () => void) => {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
};
const isDark = () => document.documentElement.classList.contains("dark");

export function ThemeToggle() {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  const toggle = () => {
    const next = !dark;
    document.documentElement.classList.toggle("dark", next);
    localStorage.setItem("limi-theme", next ? "dark" : "light");
  };
  return (
    <button onClick={toggle} className="rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800" aria-label="Toggle dark mode" title="Toggle dark mode">
      {dark ? "☀︎" : "☾"}
    </button>
  );
}
