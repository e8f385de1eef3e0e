"use client";
/**
 * The browser's live connection for the Live pages: joins the project room (the list's counters)
 * or one session's room (`live:watch`, checked on the server: members with `live.watch` only) and
 * hands each event to the caller. Without a connection the pages still load, refreshed on focus.
 */
import { useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";

export function useLiveSocket(
  slug: string,
  session: string | null,
  handlers: Record<string, (data: never) => void>,
): boolean {
  const [connected, setConnected] = useState(false);
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    let socket: Socket | null = null;
    let closed = false;
    import("socket.io-client")
      .then(({ io }) => {
        if (closed) return;
        socket = io({ path: "/socket.io", withCredentials: true, reconnectionDelayMax: 10_000 });
        socket.on("connect", () => {
          const [event, payload] = session
            ? ["live:watch", { project: slug, session }]
            : ["project:join", { project: slug }];
          socket?.emit(event, payload, (reply: { ok?: boolean; data?: unknown } | undefined) => {
            setConnected(!!reply?.ok);
            ref.current["joined"]?.(reply?.data as never);
          });
        });
        socket.on("disconnect", () => setConnected(false));
        for (const e of ["live:step", "live:session", "live:watchers"])
          socket.on(e, (data: unknown) => ref.current[e]?.(data as never));
      })
      .catch(() => undefined);
    return () => {
      closed = true;
      socket?.disconnect();
    };
  }, [slug, session]);
  return connected;
}
