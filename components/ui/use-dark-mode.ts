"use client";
import { useSyncExternalStore } from "react";

// The theme lives on <html> (set before paint by the root layout's script); Monaco follows it.
const subscribe = (onChange: () => void) => {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
};
const isDark = () => document.documentElement.classList.contains("dark");

export function useDarkMode(): boolean {
  return useSyncExternalStore(subscribe, isDark, () => false);
}
