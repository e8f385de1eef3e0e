"use client";
/**
 * Keeps a page's trajectory lists fresh: one socket.io connection per page joins the project's
 * room and invalidates the `["trajectories", slug]` queries when the server says they changed
 * (an import from the web, an API key or `limi import`). A connection that fails is ignored:
 * the page works without it, only without live updates.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Socket } from "socket.io-client";
import { reconnectAfterEviction } from "@/lib/live/reconnect-after-eviction";

/** Several changes in a burst (a folder import) refetch once. */
const COALESCE_MS = 300;

export function useTrajectoryLiveRefresh(slug: string): void {
  const qc = useQueryClient();
  useEffect(() => {
    let socket: Socket | null = null;
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let projectId: string | null = null;
    let connectedBefore = false;

    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void qc.invalidateQueries({ queryKey: ["trajectories", slug] });
      }, COALESCE_MS);
    };

    // Loaded on demand: the list renders without waiting for the socket client.
    import("socket.io-client")
      .then(({ io }) => {
        if (closed) return;
        socket = io({ path: "/socket.io", withCredentials: true, reconnectionDelayMax: 30_000 });
        reconnectAfterEviction(socket);
        socket.on("connect", () => {
          // Rooms do not survive a reconnect: join again, and catch up on what was missed meanwhile.
          socket?.emit(
            "project:join",
            { project: slug },
            (reply: { ok?: boolean; data?: { projectId?: string } } | undefined) => {
              if (reply?.ok && reply.data?.projectId) projectId = reply.data.projectId;
            },
          );
          if (connectedBefore) refresh();
          connectedBefore = true;
        });
        socket.on("trajectories:changed", (payload: { projectId?: string } | undefined) => {
          if (projectId && payload?.projectId && payload.projectId !== projectId) return;
          refresh();
        });
        // Silent by design; socket.io retries transport failures with backoff on its own.
        socket.on("connect_error", () => undefined);
      })
      .catch(() => undefined);

    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.disconnect();
    };
  }, [slug, qc]);
}
