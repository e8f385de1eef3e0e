"use client";
/**
 * A lead's decision box in the viewer: the choices the state machine allows from the current state
 * (lib/review/state-machine), each with the reason the server requires. The server checks again.
 */
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import { findTransition, type ReviewEvent, type ReviewState } from "@/lib/review/state-machine";
import { reviewApi } from "@/components/review/review-api";

const CHOICES: Array<{ event: ReviewEvent; label: string; tone: "primary" | "danger" | "secondary" }> = [
  { event: "approve", label: "Approve", tone: "primary" },
  { event: "reject", label: "Reject", tone: "danger" },
  { event: "adjudicate_accept", label: "Adjudicate: accept", tone: "primary" },
  { event: "adjudicate_changes", label: "Adjudicate: needs changes", tone: "secondary" },
  { event: "adjudicate_reject", label: "Adjudicate: reject", tone: "danger" },
  { event: "reopen", label: "Reopen", tone: "secondary" },
  { event: "override_approve", label: "Override: approve", tone: "secondary" },
  { event: "override_reject", label: "Override: reject", tone: "secondary" },
];

export function LeadDecision(p: {
  slug: string;
  trajectoryId: string;
  head: number;
  state: ReviewState;
  adjudicating: boolean;
  onDecided: () => void;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = CHOICES.filter(
    (c) => findTransition(p.state, c.event, "lead") && (!c.event.startsWith("adjudicate") || p.adjudicating),
  );
  if (!allowed.length) return null;
  const decide = async (event: ReviewEvent) => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(reviewApi(p.slug).decision(p.trajectoryId), {
        method: "POST",
        json: { decision: event, revisionNumber: p.head, reason },
      });
      setReason("");
      p.onDecided();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "the decision could not be saved");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-2 p-3 text-sm" data-testid="lead-decision">
      <h3 className="font-semibold">Lead decision on revision {p.head}</h3>
      <textarea
        data-testid="decision-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="Reason (required)"
        rows={2}
        maxLength={2000}
        className="w-full rounded border border-zinc-300 bg-white p-2 dark:border-zinc-700 dark:bg-zinc-950"
      />
      <div className="flex flex-wrap gap-1">
        {allowed.map((c) => (
          <Button
            key={c.event}
            variant={c.tone}
            disabled={busy || reason.trim().length < 3}
            data-testid={`decide-${c.event}`}
            onClick={() => void decide(c.event)}
          >
            {c.label}
          </Button>
        ))}
      </div>
      {reason.trim().length < 3 && <p className="text-xs text-zinc-500">Write a reason to enable the buttons.</p>}
      {error && (
        <p role="alert" className="text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
