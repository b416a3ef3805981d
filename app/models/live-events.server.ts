import { boardEvents } from "./board-events.server";

// Live signals beside "board-changed", on the same process-wide bus. They carry ids only: a
// listener reloads what it may see through the API (which checks permissions), so a stream never
// leaks content. Across several instances these stay local to one; the scale work fans them out.

export interface BoardActivityEvent {
  boardId: string;
  cardId: string | null;
  /** "activity" (a change or a comment was recorded) or "comment" (comments of the card changed). */
  what: "activity" | "comment";
}

export function emitBoardActivity(event: BoardActivityEvent) {
  boardEvents().emit("board-activity", event);
}

export function onBoardActivity(listener: (event: BoardActivityEvent) => void): () => void {
  boardEvents().on("board-activity", listener);
  return () => boardEvents().off("board-activity", listener);
}

/** A person's notifications changed (a new one, or some were read). */
export function emitNotificationsChanged(userId: string) {
  boardEvents().emit("notifications", userId);
}

export function onNotificationsChanged(listener: (userId: string) => void): () => void {
  boardEvents().on("notifications", listener);
  return () => boardEvents().off("notifications", listener);
}
