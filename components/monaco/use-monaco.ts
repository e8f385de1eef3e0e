"use client";
import { useEffect, useState } from "react";
import type { Monaco } from "@/components/monaco/load-monaco";

/** Monaco once it is loaded (null before), or the error that stopped it. */
export function useMonaco(): { monaco: Monaco | null; error: Error | null } {
  const [state, setState] = useState<{ monaco: Monaco | null; error: Error | null }>({ monaco: null, error: null });
  useEffect(() => {
    let live = true;
    import("@/components/monaco/load-monaco")
      .then((m) => m.loadMonaco())
      .then(
        (monaco) => live && setState({ monaco, error: null }),
        (error: unknown) =>
          live && setState({ monaco: null, error: error instanceof Error ? error : new Error(String(error)) }),
      );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
