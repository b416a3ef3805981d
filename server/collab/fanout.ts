import type { CollabApi, CollabExtension } from "./hooks";

/**
 * The seam for fan-out between instances (issue 12: Redis). An instance that accepts an update —
 * after its durable append — publishes it with its log id; the others that hold the board apply it
 * (`CollabApi.applyDurable`, which ignores ids it already has) and broadcast it to their sockets.
 * Presence likewise. A bus only has to carry messages: gaps are caught up from the database log.
 */
export interface FanOutBus {
  publish(message: FanOutMessage): void;
  subscribe(onMessage: (message: FanOutMessage) => void): void | Promise<void>;
  close?(): void | Promise<void>;
}

export type FanOutMessage =
  | { kind: "update"; instance: string; boardId: string; update: Uint8Array; updateId: number }
  | { kind: "presence"; instance: string; boardId: string; update: Uint8Array };

/** Wires a bus into the service's hooks; messages from this same instance are ignored. */
export function fanOutExtension(bus: FanOutBus, instance: string): CollabExtension {
  let api: CollabApi | null = null;
  return {
    name: "fan-out",
    async onStart(given) {
      api = given;
      await bus.subscribe((message) => {
        if (message.instance === instance || !api) return;
        if (message.kind === "update") void api.applyDurable(message.boardId, message.update, message.updateId);
        else api.applyPresence(message.boardId, message.update);
      });
    },
    onAccepted({ room, update, updateId }) {
      bus.publish({ kind: "update", instance, boardId: room.key.id, update, updateId });
    },
    onPresence({ room, update, origin }) {
      // Only presence that came from a local socket travels; relayed presence has no origin.
      if (origin) bus.publish({ kind: "presence", instance, boardId: room.key.id, update });
    },
    onDestroy() {
      void bus.close?.();
    },
  };
}

/** A bus inside one process: for tests of the seam, and the shape a Redis bus has to match. */
export function inProcessBus(): FanOutBus {
  const listeners = new Set<(message: FanOutMessage) => void>();
  return {
    publish: (message) => queueMicrotask(() => listeners.forEach((l) => l(message))),
    subscribe: (listener) => void listeners.add(listener),
  };
}
