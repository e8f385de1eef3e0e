/**
 * A cap on the HTTP writes of live sessions per caller (the socket events have the socket guard):
 * rate-limiter-flexible in memory, keyed by API key or user. Feedback is typed by people, so its
 * budget is small; the ingest fallback is sized for a recorder's batches and heartbeats.
 */
import { RateLimiterMemory } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/auth/actor";

export const LIVE_HTTP_LIMITS = { ingestPerSecond: 30, feedbackPerMinute: 30 };

const ingest = new RateLimiterMemory({
  keyPrefix: "live-ingest",
  points: LIVE_HTTP_LIMITS.ingestPerSecond,
  duration: 1,
});
const feedback = new RateLimiterMemory({
  keyPrefix: "live-feedback",
  points: LIVE_HTTP_LIMITS.feedbackPerMinute,
  duration: 60,
});

const callerKey = (actor: Actor) => (actor.kind === "apiKey" ? `key:${actor.keyId}` : `user:${actor.user.id}`);

export async function limitLiveIngest(actor: Actor): Promise<void> {
  await ingest.consume(callerKey(actor)).catch(() => {
    throw new AppError("RATE_LIMITED", `too many live requests (at most ${LIVE_HTTP_LIMITS.ingestPerSecond} a second)`);
  });
}

export async function limitFeedback(actor: Actor): Promise<void> {
  await feedback.consume(callerKey(actor)).catch(() => {
    throw new AppError(
      "RATE_LIMITED",
      `too much feedback (at most ${LIVE_HTTP_LIMITS.feedbackPerMinute} messages a minute); wait a moment`,
    );
  });
}
