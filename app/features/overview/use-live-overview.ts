import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export type LiveState = "connecting" | "connected" | "offline";

/**
 * Listens to /overview/events and reloads the page's data when a board of the campaign changed.
 * The server already debounces bursts; here at most one reload runs at a time, and a change that
 * arrives during a reload triggers one more afterwards so the last change is never missed.
 */
export function useLiveOverview(campaignId: string | null) {
  const revalidator = useRevalidator();
  const [state, setState] = useState<LiveState>("connecting");
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const pending = useRef(false);
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const busy = revalidator.state !== "idle";

  useEffect(() => {
    if (!busy && pending.current) {
      pending.current = false;
      revalidate.current();
    }
  }, [busy]);
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    if (!campaignId) return;
    const source = new EventSource(`/overview/events?campaignId=${encodeURIComponent(campaignId)}`);
    let wasConnected = false;
    source.addEventListener("ready", () => {
      setState("connected");
      // Back after a drop: changes made meanwhile were not announced, so reload once.
      if (wasConnected) revalidate.current();
      wasConnected = true;
    });
    source.addEventListener("changed", () => {
      setUpdatedAt(new Date());
      if (busyRef.current) pending.current = true;
      else revalidate.current();
    });
    // EventSource reconnects by itself (the stream sets retry: 3000); say so meanwhile.
    source.onerror = () => setState("offline");
    return () => source.close();
  }, [campaignId]);

  return { state, updatedAt };
}
