// The sync badge's state, as a pure reducer over what the providers report.
// "Connected" is only claimed once the server has answered our sync; any
// local change made while we are not in that state is counted as not sent yet.

export type Connection = "connecting" | "connected" | "disconnected";

export type SyncState = {
  connection: Connection;
  /** The server has sent its state since the socket (re)opened. */
  synced: boolean;
  /** The browser says it has no network (navigator.onLine). */
  online: boolean;
  /** Local changes made while not connected and synced. */
  pending: number;
};

export type SyncEvent =
  | { type: "status"; status: Connection }
  | { type: "synced"; synced: boolean }
  | { type: "online"; online: boolean }
  | { type: "local-change" };

export const initialSyncState = (pending = 0): SyncState => ({ connection: "connecting", synced: false, online: true, pending });

export function isLive(state: SyncState): boolean {
  return state.online && state.connection === "connected" && state.synced;
}

export function syncReducer(state: SyncState, event: SyncEvent): SyncState {
  switch (event.type) {
    case "status":
      // A retry after a lost connection is still offline until it actually connects:
      // the provider retries every few seconds and the badge must not flicker to "syncing".
      if (event.status === "connecting" && state.connection === "disconnected") return state;
      return { ...state, connection: event.status, synced: event.status === "connected" ? state.synced : false };
    case "synced":
      // The server has our state once both sides have synced: nothing is pending any more.
      return event.synced ? { ...state, synced: true, pending: 0 } : { ...state, synced: false };
    case "online":
      return { ...state, online: event.online, synced: event.online ? state.synced : false };
    case "local-change":
      return isLive(state) ? state : { ...state, pending: state.pending + 1 };
  }
}

export type Badge = { kind: "connected" } | { kind: "syncing" } | { kind: "offline"; pending: number };

export function badgeFor(state: SyncState): Badge {
  if (isLive(state)) return { kind: "connected" };
  if (!state.online || state.connection === "disconnected") return { kind: "offline", pending: state.pending };
  return { kind: "syncing" };
}
