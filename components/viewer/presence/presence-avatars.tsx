"use client";
import type { Viewer } from "@/components/viewer/data/viewer-types";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("") || "?";

/** Who is viewing this trajectory, and on which step. */
export function PresenceAvatars({
  viewers,
  meId,
  ordinalOf,
  connected,
}: {
  viewers: Viewer[];
  meId: string;
  ordinalOf: (key: string) => number | null;
  connected: boolean;
}) {
  return (
    <div className="flex items-center gap-1" data-testid="presence" data-connected={connected ? "true" : "false"}>
      {viewers.map((v) => {
        const n = v.stepKey ? ordinalOf(v.stepKey) : null;
        const where = n ? `on step #${n}` : "looking around";
        return (
          <span
            key={v.userId}
            data-testid="presence-avatar"
            data-user-id={v.userId}
            data-step-key={v.stepKey ?? ""}
            title={`${v.name}${v.userId === meId ? " (you)" : ""} — ${where}`}
            className={`flex h-7 items-center gap-1 rounded-full px-2 text-xs font-semibold text-white ${v.userId === meId ? "bg-zinc-600" : "bg-emerald-700"}`}
          >
            {initials(v.name)}
            {n && <span className="font-normal">#{n}</span>}
          </span>
        );
      })}
    </div>
  );
}
