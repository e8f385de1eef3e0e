import type { Action } from "@/lib/auth/permissions";

/** The project navigation. Each item names the action its page requires, so roles see only what they can use. */
export const NAV_ITEMS: Array<{ segment: string; label: string; action: Action; key: string }> = [
  { segment: "queries", label: "Queries", action: "query.read", key: "q" },
  { segment: "trajectories", label: "Trajectories", action: "trajectory.read", key: "t" },
  { segment: "review", label: "Review", action: "trajectory.read", key: "r" },
  { segment: "curation", label: "Curation", action: "curation.write", key: "c" },
  { segment: "live", label: "Live", action: "live.watch", key: "l" },
  { segment: "exports", label: "Exports", action: "export.create", key: "e" },
  { segment: "settings", label: "Settings", action: "apikey.manage", key: "s" },
];
