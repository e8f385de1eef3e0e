/** The bounds of the live ingest protocol (README "Live sessions"): each is refused with a clear error. */
export const LIVE_LIMITS = {
  /** One step's canonical JSON. */
  maxStepBytes: 512 * 1024,
  /** Steps in one `session:steps` event or HTTP batch. */
  maxBatchSteps: 200,
  /** A sequence number further than this past the acknowledged one is refused, not a gap. */
  maxSeqAhead: 1000,
  /** A session without a heartbeat (or a step) for this long is `stale`; any later event resumes it. */
  staleAfterMs: 30_000,
  /** Characters of one feedback message. */
  maxFeedbackChars: 20_000,
  /** Steps a live session may hold. */
  maxSteps: 50_000,
};

/** Socket.io rooms: watchers of one session (namespace `/`), and its agent (namespace `/agent`). */
export const AGENT_NAMESPACE = "/agent";
export const liveSessionRoom = (sessionId: string) => `live:${sessionId}`;
export const agentRoom = (sessionId: string) => `agent:${sessionId}`;
