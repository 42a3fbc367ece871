// Live updates from the platform's WebSocket API: subscribe to a location's day, hear about
// every slot that changes, and fall back to polling while the socket is down.
//
// The socket authenticates with the session's token (`?token=`: browsers cannot set headers on
// a WebSocket) and subscribes with {"action": "subscribe", location_id, day}. Each
// `slots.changed` message is handed to `onChange` (to update cached data in place) and the
// `invalidate` queries are refetched. While the socket is not live, `pollInterval` tells the
// caller's queries to refetch every few seconds instead.
import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useSession } from "../auth/session";
import { useConfig } from "../lib/providers";

/** off: no live endpoint configured; connecting; live: subscribed; down: retrying. */
export type LiveStatus = "off" | "connecting" | "live" | "down";

export interface LiveSlot {
  resource_id: string;
  start: string;
  end: string;
  status: string;
}

/** One booking change as the broadcaster sends it. */
export interface SlotChange {
  type: "slots.changed";
  event: string;
  location_id: string;
  days: string[];
  slot: LiveSlot;
  previous: LiveSlot | null;
  /** Only for the booking's own member, and staff, kiosks and admins of the location. */
  booking?: { id: string; version: number | null; status: string; checked_in_at: string | null };
}

export interface LiveFeedOptions {
  locationId: string | undefined;
  /** The location's wall-clock day, YYYY-MM-DD. */
  day: string | undefined;
  /** Called with each change, e.g. to drop a taken slot from the cached grid at once. */
  onChange?: (change: SlotChange) => void;
  /** Queries to refetch after each change (the server's word replaces the in-place edit). */
  invalidate?: QueryKey[];
}

export interface LiveFeed {
  status: LiveStatus;
  /** For TanStack Query's refetchInterval: false while live, else poll every few seconds. */
  pollInterval: number | false;
}

export const POLL_INTERVAL_MS = 5_000;
const PING_INTERVAL_MS = 4 * 60_000; // API Gateway drops connections idle for 10 minutes
const MAX_BACKOFF_MS = 15_000;

/** Open a live feed for one location's day while the component is mounted. */
export function useLiveFeed({ locationId, day, onChange, invalidate }: LiveFeedOptions): LiveFeed {
  const { liveUrl } = useConfig();
  const token = useSession()?.token ?? null;
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>(liveUrl ? "connecting" : "off");
  // The latest callbacks, without reconnecting whenever the caller re-renders.
  const handlers = useRef({ onChange, invalidate });
  handlers.current = { onChange, invalidate };

  useEffect(() => {
    if (!liveUrl || !token || !locationId || !day) {
      setStatus(liveUrl ? "down" : "off");
      return;
    }
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    let attempts = 0;
    let stopped = false;

    const open = () => {
      if (stopped) return;
      clearTimeout(retry);
      setStatus("connecting");
      const ws = new WebSocket(`${liveUrl.replace(/\/$/, "")}/?token=${encodeURIComponent(token)}`);
      socket = ws;
      ws.onopen = () => {
        ws.send(JSON.stringify({ action: "subscribe", location_id: locationId, day }));
        ping = setInterval(() => ws.send(JSON.stringify({ action: "ping" })), PING_INTERVAL_MS);
      };
      ws.onmessage = (event) => {
        let message: { type?: string };
        try {
          message = JSON.parse(String(event.data)) as { type?: string };
        } catch {
          return;
        }
        if (message.type === "subscribed") {
          attempts = 0;
          setStatus("live");
          // Whatever changed while the socket was down: one fresh read.
          for (const key of handlers.current.invalidate ?? []) {
            void queryClient.invalidateQueries({ queryKey: key });
          }
        } else if (message.type === "slots.changed") {
          handlers.current.onChange?.(message as unknown as SlotChange);
          for (const key of handlers.current.invalidate ?? []) {
            void queryClient.invalidateQueries({ queryKey: key });
          }
        }
      };
      ws.onclose = () => {
        clearInterval(ping);
        if (socket !== ws || stopped) return;
        setStatus("down");
        attempts += 1;
        const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts, 5));
        retry = setTimeout(open, wait);
      };
    };
    const reconnectNow = () => {
      if (socket && socket.readyState <= WebSocket.OPEN) return;
      attempts = 0;
      open();
    };
    open();
    window.addEventListener("online", reconnectNow);
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(ping);
      window.removeEventListener("online", reconnectNow);
      socket?.close();
    };
  }, [liveUrl, token, locationId, day, queryClient]);

  return { status, pollInterval: status === "live" ? false : POLL_INTERVAL_MS };
}
