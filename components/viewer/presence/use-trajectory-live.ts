"use client";
/**
 * The viewer's socket: joins the trajectory's room (checked on the server like every event),
 * reports the focused step, and turns the room's events into state: who is here, a revision saved
 * by someone else, annotations changed (refetched at once). A connection that fails leaves the
 * viewer working, only without live updates.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import { viewerKeys } from "@/components/viewer/data/use-viewer-queries";
import type { Viewer } from "@/components/viewer/data/viewer-types";
import { reconnectAfterEviction } from "@/lib/live/reconnect-after-eviction";

export interface RevisedEvent {
  number: number;
  author: string;
  reason: string;
}

const FOCUS_DEBOUNCE_MS = 250;

export function useTrajectoryLive(opts: {
  slug: string;
  trajectoryId: string;
  focusedKey: string | null;
  /** The step open in this person's editor: others see it and are warned before editing it too. */
  editingKey: string | null;
  isMine: (n: number) => Promise<boolean>;
}) {
  const { slug, trajectoryId, focusedKey, editingKey } = opts;
  const qc = useQueryClient();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [revised, setRevised] = useState<RevisedEvent | null>(null);
  const [connected, setConnected] = useState(false);
  const socketRef = useRef<Socket | null>(null);
  const joined = useRef(false);
  const focusRef = useRef(focusedKey);
  const editingRef = useRef(editingKey);
  const isMine = useRef(opts.isMine);
  useEffect(() => {
    isMine.current = opts.isMine;
  });

  useEffect(() => {
    let closed = false;
    let socket: Socket | null = null;
    const payload = { project: slug, trajectoryId };
    import("socket.io-client")
      .then(({ io }) => {
        if (closed) return;
        socket = io({ path: "/socket.io", withCredentials: true, reconnectionDelayMax: 30_000 });
        reconnectAfterEviction(socket);
        socketRef.current = socket;
        socket.on("connect", () => {
          // Rooms do not survive a reconnect: join again and catch up on what was missed.
          socket?.emit("trajectory:join", payload, (reply: { ok: boolean; data?: { viewers: Viewer[] } }) => {
            if (!reply?.ok) return;
            joined.current = true;
            setConnected(true);
            if (reply.data?.viewers) setViewers(reply.data.viewers);
            if (focusRef.current)
              socket?.emit("trajectory:focus", { ...payload, stepKey: focusRef.current }, () => undefined);
            if (editingRef.current)
              socket?.emit("trajectory:editing", { ...payload, stepKey: editingRef.current }, () => undefined);
            void qc.invalidateQueries({ queryKey: viewerKeys.annotations(trajectoryId) });
          });
        });
        socket.on("disconnect", () => {
          joined.current = false;
          setConnected(false);
        });
        socket.on("presence", (p: { trajectoryId: string; viewers: Viewer[] }) => {
          if (p.trajectoryId === trajectoryId) setViewers(p.viewers);
        });
        socket.on("annotations:changed", (p: { trajectoryId: string }) => {
          if (p.trajectoryId === trajectoryId)
            void qc.invalidateQueries({ queryKey: viewerKeys.annotations(trajectoryId) });
        });
        socket.on(
          "trajectory:revised",
          (p: { trajectoryId: string; number: number; author: string; reason: string }) => {
            if (p.trajectoryId !== trajectoryId) return;
            void qc.invalidateQueries({ queryKey: viewerKeys.revisions(trajectoryId) });
            void isMine.current(p.number).then((mine) => {
              if (!mine && !closed) setRevised({ number: p.number, author: p.author, reason: p.reason });
            });
          },
        );
        // Silent by design: socket.io retries with backoff, and the page works without it.
        socket.on("connect_error", () => undefined);
      })
      .catch(() => undefined);
    return () => {
      closed = true;
      if (socket?.connected) socket.emit("trajectory:leave", payload, () => undefined);
      socket?.disconnect();
      socketRef.current = null;
      joined.current = false;
    };
  }, [slug, trajectoryId, qc]);

  useEffect(() => {
    focusRef.current = focusedKey;
    const t = setTimeout(() => {
      if (joined.current)
        socketRef.current?.emit(
          "trajectory:focus",
          { project: slug, trajectoryId, stepKey: focusedKey },
          () => undefined,
        );
    }, FOCUS_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [focusedKey, slug, trajectoryId]);

  useEffect(() => {
    if (editingRef.current === editingKey) return;
    editingRef.current = editingKey;
    if (joined.current)
      socketRef.current?.emit(
        "trajectory:editing",
        { project: slug, trajectoryId, stepKey: editingKey },
        () => undefined,
      );
  }, [editingKey, slug, trajectoryId]);

  return { viewers, connected, revised, clearRevised: () => setRevised(null) };
}
