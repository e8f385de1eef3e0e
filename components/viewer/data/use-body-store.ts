"use client";
import { useState, useSyncExternalStore } from "react";
import { BodyStore } from "@/components/viewer/data/body-store";
import type { TrajectoryApi } from "@/components/viewer/data/api-paths";

/** One body store per viewer; the returned version changes whenever bodies arrive, to re-render. */
export function useBodyStore(api: TrajectoryApi): { store: BodyStore; version: number } {
  const [store] = useState(() => new BodyStore(api.bodies));
  const version = useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
  return { store, version };
}
