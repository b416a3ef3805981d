import { EventEmitter } from "node:events";

/** Emitted after a board change is durable and projected into SQL (the overview listens). */
export interface BoardChangedEvent {
  boardId: string;
  campaignId: string;
  schoolId: string;
  at: string;
  /** Set when the change was projected by another instance and relayed here (never relayed again). */
  remote?: boolean;
}

const g = globalThis as unknown as { __boardEvents?: EventEmitter };

/** One process-wide bus, shared by the collaboration server and the Remix build. */
export function boardEvents(): EventEmitter {
  if (!g.__boardEvents) {
    g.__boardEvents = new EventEmitter();
    g.__boardEvents.setMaxListeners(0);
  }
  return g.__boardEvents;
}

export function emitBoardChanged(event: BoardChangedEvent) {
  boardEvents().emit("board-changed", event);
}

export function onBoardChanged(listener: (event: BoardChangedEvent) => void): () => void {
  boardEvents().on("board-changed", listener);
  return () => boardEvents().off("board-changed", listener);
}
