import type * as Y from "yjs";

export type ChangeResult =
  | { ok: true; changed: boolean }
  | { ok: false; status: 400 | 403 | 404 | 409 | 422; code: string; message: string };

/**
 * The collaboration server as the rest of the app sees it. Every write to a board document —
 * WebSocket, HTTP API, campaign launch/publish — goes through `change`: applied to a copy,
 * validated by app/domain, appended to the durable update log, then broadcast to the room and
 * projected into SQL (BoardStat/CardRow/ChecklistRow), then `board-changed` is emitted.
 */
export interface CollabService {
  /**
   * Runs `mutate` on the board's live document as one transaction.
   * `trusted` (district template merges only) skips the school-edit rules of validateTransition
   * but never the board schema.
   */
  change(boardId: string, mutate: (doc: Y.Doc) => void, opts: { userId: string | null; trusted?: boolean }): Promise<ChangeResult>;
  /** A copy of the board's current document (loads it from the database if needed). */
  readDoc(boardId: string): Promise<Y.Doc>;
  /**
   * Drops a board's room from memory if nobody is connected (after projecting and compacting it).
   * Batch jobs (campaign launch/publish over 1,000 boards) call it so memory stays bounded.
   */
  release(boardId: string): Promise<void>;
  /**
   * A campaign was closed or reopened: every open connection to its boards gets its access
   * again (closed → read-only at once, told so). Returns how many connections lost write access.
   */
  campaignStatusChanged(campaignId: string): Promise<number>;
  /** Closes every live connection of a person (deactivation); returns how many were closed. */
  disconnectUser(userId: string, reason: string): number;
  /** Closes every live connection opened with this session (sign-out); returns how many were closed. */
  closeSession(sessionId: string): number;
  /** Writes pending snapshots; called on shutdown. */
  flush(): Promise<void>;
}

const g = globalThis as unknown as { __collab?: CollabService };

/**
 * The process-wide collaboration service. The server creates it at start and hands it over with
 * `setCollab` (app/ never imports server/); scripts and tests without a server do the same.
 */
export async function getCollab(): Promise<CollabService> {
  if (!g.__collab) throw new Error("The collaboration service is not started (server/index.ts hands it over with setCollab)");
  return g.__collab;
}

/** The service if one is running (sign-out hooks: nothing to close otherwise). */
export function peekCollab(): CollabService | undefined {
  return g.__collab;
}

export function setCollab(service: CollabService | undefined) {
  g.__collab = service;
}
