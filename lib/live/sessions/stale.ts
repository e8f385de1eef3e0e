/**
 * A live session without a heartbeat or a step for LIVE_LIMITS.staleAfterMs becomes `stale`
 * (watchers are told); the agent's next event makes it live again. Run by the agent namespace on a
 * timer and before every read of the list, so a stopped server's sessions are stale when it comes back.
 */
import { withPgTransaction } from "@/lib/db/pg-pool";
import { LIVE_LIMITS } from "@/lib/live/sessions/live-limits";
import { notifySession } from "@/lib/live/sessions/live-notify";

export async function markStaleSessions(staleAfterMs = LIVE_LIMITS.staleAfterMs): Promise<number> {
  return withPgTransaction(async (client) => {
    const { rows } = await client.query<{
      id: string;
      projectId: string;
      control: string;
      stepCount: number;
      tokensTotal: number;
      ackSeq: number;
    }>(
      `UPDATE "LiveSession" SET "state"='stale'
        WHERE "state"='live' AND "lastHeartbeatAt" < now() - make_interval(secs => $1::double precision / 1000)
        RETURNING "id","projectId","control","stepCount","tokensTotal","ackSeq"`,
      [staleAfterMs],
    );
    for (const r of rows)
      await notifySession(client, r.projectId, {
        sessionId: r.id,
        state: "stale",
        control: r.control,
        stepCount: r.stepCount,
        tokensTotal: r.tokensTotal,
        ackSeq: r.ackSeq,
      });
    return rows.length;
  });
}
