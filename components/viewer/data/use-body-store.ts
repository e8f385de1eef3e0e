"use client";
import { useState, useSyncExternalStore } from "react";
import { BodyStore } from "@/components/viewer/data/body-store";
import type { TrajectoryApi } from "@/components/viewer/data/api-paths";
import type { ParsedStep } from "@/lib/viewer/types";

/** One body store per viewer, kept for the page's life, seeded with the bodies the page came with. */
export function useBodyStore(api: TrajectoryApi, initial?: Record<string, ParsedStep>): BodyStore {
  const [store] = useState(() => new BodyStore(api.bodies, initial));
  return store;
}

/** Changes whenever bodies arrive, to re-render what shows them. */
export function useBodyVersion(store: BodyStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
}
