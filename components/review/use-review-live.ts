"use client";
/**
 * Keeps the review queues fresh: joins the project's review room (the `review:watch` event, checked
 * on the server) and refetches the review queries when someone claims, releases or moves an item,
 * so an item claimed by someone else leaves my list at once. Without a connection the page still
 * works, refreshed on focus only.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Socket } from "socket.io-client";

const COALESCE_MS = 200;

export type LiveState = "connecting" | "live" | "offline";

export function useReviewLive(slug: string): LiveState {
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => {
    let socket: Socket | null = null;
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void qc.invalidateQueries({ queryKey: ["review", slug] });
      }, COALESCE_MS);
    };
    import("socket.io-client")
      .then(({ io }) => {
        if (closed) return;
        socket = io({ path: "/socket.io", withCredentials: true, reconnectionDelayMax: 30_000 });
        socket.on("connect", () => {
          socket?.emit("review:watch", { project: slug }, (reply: { ok?: boolean } | undefined) => {
            setState(reply?.ok ? "live" : "offline");
            refresh();
          });
        });
        socket.on("disconnect", () => setState("offline"));
        socket.on("connect_error", () => setState("offline"));
        for (const e of ["review:claimed", "review:released", "review:changed"]) socket.on(e, refresh);
      })
      .catch(() => setState("offline"));
    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.disconnect();
    };
  }, [qc, slug]);
  return state;
}
