"use client";
/**
 * Keeps a set's board live: joins the set's room (the `curation:join` event, checked on the server),
 * refetches the set, the pool and the duplicates when another lead changes it, and reports who else
 * has the board open. Without a connection the board still works, refreshed on focus.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Socket } from "socket.io-client";

export interface BoardViewer {
  userId: string;
  name: string;
}

const COALESCE_MS = 150;

export function useBoardLive(slug: string, setId: string) {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const [viewers, setViewers] = useState<BoardViewer[]>([]);
  useEffect(() => {
    let socket: Socket | null = null;
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void qc.invalidateQueries({ queryKey: ["curation", slug, "set", setId] });
      }, COALESCE_MS);
    };
    import("socket.io-client")
      .then(({ io }) => {
        if (closed) return;
        socket = io({ path: "/socket.io", withCredentials: true, reconnectionDelayMax: 30_000 });
        socket.on("connect", () => {
          socket?.emit(
            "curation:join",
            { project: slug, setId },
            (reply: { ok?: boolean; data?: { viewers?: BoardViewer[] } } | undefined) => {
              setConnected(!!reply?.ok);
              if (reply?.data?.viewers) setViewers(reply.data.viewers);
              refresh();
            },
          );
        });
        socket.on("disconnect", () => setConnected(false));
        socket.on("curation:changed", (e: { setId?: string }) => {
          if (e?.setId === setId) refresh();
        });
        socket.on("curation:presence", (e: { setId?: string; viewers?: BoardViewer[] }) => {
          if (e?.setId === setId && e.viewers) setViewers(e.viewers);
        });
      })
      .catch(() => undefined);
    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.disconnect();
    };
  }, [qc, slug, setId]);
  return { connected, viewers };
}
