import { describe, expect, it } from "vitest";
import { badgeFor, initialSyncState, syncReducer, type SyncEvent, type SyncState } from "./sync-state";

const run = (events: SyncEvent[], start: SyncState = initialSyncState()) => events.reduce(syncReducer, start);

describe("the sync badge", () => {
  it("says syncing until the server has answered, then connected", () => {
    expect(badgeFor(initialSyncState())).toEqual({ kind: "syncing" });
    expect(badgeFor(run([{ type: "status", status: "connected" }]))).toEqual({ kind: "syncing" });
    expect(badgeFor(run([{ type: "status", status: "connected" }, { type: "synced", synced: true }]))).toEqual({ kind: "connected" });
  });

  it("counts changes made while offline and clears them once synced again", () => {
    const live = run([{ type: "status", status: "connected" }, { type: "synced", synced: true }]);
    const offline = run([{ type: "online", online: false }, { type: "status", status: "disconnected" }, { type: "local-change" }, { type: "local-change" }], live);
    expect(badgeFor(offline)).toEqual({ kind: "offline", pending: 2 });
    const retrying = run([{ type: "online", online: true }, { type: "status", status: "connecting" }], offline);
    expect(badgeFor(retrying)).toEqual({ kind: "offline", pending: 2 });
    const back = run([{ type: "status", status: "connected" }], retrying);
    expect(badgeFor(back)).toEqual({ kind: "syncing" });
    expect(back.pending).toBe(2);
    const synced = run([{ type: "synced", synced: true }], back);
    expect(badgeFor(synced)).toEqual({ kind: "connected" });
    expect(synced.pending).toBe(0);
  });

  it("does not count changes sent straight to a synced server", () => {
    const live = run([{ type: "status", status: "connected" }, { type: "synced", synced: true }, { type: "local-change" }]);
    expect(live.pending).toBe(0);
  });

  it("a dropped socket is offline even when the browser thinks it is online", () => {
    const dropped = run([{ type: "status", status: "connected" }, { type: "synced", synced: true }, { type: "status", status: "disconnected" }, { type: "local-change" }]);
    expect(badgeFor(dropped)).toEqual({ kind: "offline", pending: 1 });
    expect(dropped.synced).toBe(false);
  });

  it("keeps a count restored after a reload", () => {
    expect(badgeFor(run([{ type: "status", status: "disconnected" }], initialSyncState(3)))).toEqual({ kind: "offline", pending: 3 });
  });

  it("stays offline while the provider retries, until a retry connects", () => {
    const retrying = run([{ type: "status", status: "disconnected" }, { type: "local-change" }, { type: "status", status: "connecting" }]);
    expect(badgeFor(retrying)).toEqual({ kind: "offline", pending: 1 });
    expect(badgeFor(run([{ type: "status", status: "connected" }], retrying))).toEqual({ kind: "syncing" });
  });
});
