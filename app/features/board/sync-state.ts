// The sync badge's state, as a pure reducer over what the providers report.
// "Connected" is only claimed once the server has answered our sync and is still
// answering; every local change counts as not sent until the server has
// acknowledged a sync that included it (see board-session.client.ts: a sync
// request every few seconds, answered in order on the one socket).

export type Connection = "connecting" | "connected" | "disconnected";

export type SyncState = {
  connection: Connection;
  /** The server has sent its state since the socket (re)opened. */
  synced: boolean;
  /** The browser says it has no network (navigator.onLine). */
  online: boolean;
  /** The socket is open but the server has said nothing for too long (a stalled connection). */
  stalled: boolean;
  /** Local changes made since this replica started (including those restored after a reload). */
  changes: number;
  /** How many of them the server is known to have. */
  confirmed: number;
  /** changes − confirmed: what the badge counts as not sent. */
  pending: number;
};

export type SyncEvent =
  | { type: "status"; status: Connection }
  | { type: "synced"; synced: boolean }
  | { type: "online"; online: boolean }
  | { type: "local-change" }
  /** The server answered a sync request sent when `changes` was `upTo`. */
  | { type: "confirmed"; upTo: number }
  | { type: "stalled" }
  | { type: "heard" };

export const initialSyncState = (pending = 0): SyncState => ({
  connection: "connecting",
  synced: false,
  online: true,
  stalled: false,
  changes: pending,
  confirmed: 0,
  pending,
});

export function isLive(state: SyncState): boolean {
  return state.online && state.connection === "connected" && state.synced && !state.stalled;
}

const counted = (state: SyncState, changes: number, confirmed: number): SyncState => ({ ...state, changes, confirmed, pending: Math.max(0, changes - confirmed) });

export function syncReducer(state: SyncState, event: SyncEvent): SyncState {
  switch (event.type) {
    case "status":
      // A retry after a lost connection is still offline until it actually connects:
      // the provider retries every few seconds and the badge must not flicker to "syncing".
      if (event.status === "connecting" && state.connection === "disconnected") return state;
      return { ...state, connection: event.status, synced: event.status === "connected" ? state.synced : false };
    case "synced":
      return { ...state, synced: event.synced };
    case "online":
      return { ...state, online: event.online, synced: event.online ? state.synced : false };
    case "local-change":
      return counted(state, state.changes + 1, state.confirmed);
    case "confirmed":
      return event.upTo > state.confirmed ? counted(state, state.changes, Math.min(event.upTo, state.changes)) : state;
    case "stalled":
      return state.stalled ? state : { ...state, stalled: true };
    case "heard":
      return state.stalled ? { ...state, stalled: false } : state;
  }
}

export type Badge = { kind: "connected" } | { kind: "syncing" } | { kind: "offline"; pending: number } | { kind: "stalled"; pending: number };

export function badgeFor(state: SyncState): Badge {
  if (isLive(state)) return { kind: "connected" };
  if (!state.online) return { kind: "offline", pending: state.pending };
  // Stalled stays until the server speaks again, through the reconnects it causes.
  if (state.stalled) return { kind: "stalled", pending: state.pending };
  if (state.connection === "disconnected") return { kind: "offline", pending: state.pending };
  return { kind: "syncing" };
}
