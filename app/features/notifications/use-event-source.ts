import { useEffect, useRef } from "react";

/**
 * Listens to a server-sent events stream while mounted; `onEvent` runs for each named event and
 * once on "ready" (so a page that missed events while disconnected reloads what it shows).
 */
export function useEventSource(url: string | null, events: readonly string[], onEvent: (event: string, data: unknown) => void) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const names = events.join(",");
  useEffect(() => {
    if (!url || typeof EventSource === "undefined") return;
    const source = new EventSource(url);
    const listeners = ["ready", ...names.split(",")].map((name) => {
      const fn = (e: MessageEvent) => {
        let data: unknown = null;
        try {
          data = JSON.parse(e.data);
        } catch {
          // keep-alives and empty events carry nothing
        }
        handler.current(name, data);
      };
      source.addEventListener(name, fn as EventListener);
      return [name, fn] as const;
    });
    return () => {
      for (const [name, fn] of listeners) source.removeEventListener(name, fn as EventListener);
      source.close();
    };
  }, [url, names]);
}
