import { describe, expect, it } from "vitest";
import { badgeFor, initialSyncState, syncReducer, type SyncEvent, type SyncState } from "./sync-state";

const run = (events: SyncEvent[], start: SyncState = initialSyncState()) => events.reduce(syncReducer, start);
const LIVE: SyncEvent[] = [{ type: "status", status: "connected" }, { type: "synced", synced: true }];

describe("the sync badge", () => {
  it("says syncing until the server has answered, then connected", () => {
    expect(badgeFor(initialSyncState())).toEqual({ kind: "syncing" });
    expect(badgeFor(run([{ type: "status", status: "connected" }]))).toEqual({ kind: "syncing" });
    expect(badgeFor(run(LIVE))).toEqual({ kind: "connected" });
  });

  it("counts changes made while offline and clears them once the server has confirmed them", () => {
    const offline = run([{ type: "online", online: false }, { type: "status", status: "disconnected" }, { type: "local-change" }, { type: "local-change" }], run(LIVE));
    expect(badgeFor(offline)).toEqual({ kind: "offline", pending: 2 });
    const retrying = run([{ type: "online", online: true }, { type: "status", status: "connecting" }], offline);
    expect(badgeFor(retrying)).toEqual({ kind: "offline", pending: 2 });
    const back = run(LIVE, retrying);
    expect(badgeFor(back)).toEqual({ kind: "connected" });
    // Synced is not yet confirmed: the offline changes travel after the first answer.
    expect(back.pending).toBe(2);
    expect(run([{ type: "confirmed", upTo: 2 }], back).pending).toBe(0);
  });

  it("counts a change made while live until it is confirmed, and only what the confirmation covers", () => {
    const typed = run([...LIVE, { type: "local-change" }, { type: "local-change" }]);
    expect(typed.pending).toBe(2);
    expect(badgeFor(typed)).toEqual({ kind: "connected" });
    const half = run([{ type: "confirmed", upTo: 1 }, { type: "local-change" }], typed);
    expect(half.pending).toBe(2);
    // An older answer arriving late never uncounts anything.
    expect(run([{ type: "confirmed", upTo: 0 }], half).pending).toBe(2);
  });

  it("a stalled socket is not connected, counts its unsent change, and stays stalled until the server speaks", () => {
    const stalled = run([...LIVE, { type: "local-change" }, { type: "stalled" }]);
    expect(badgeFor(stalled)).toEqual({ kind: "stalled", pending: 1 });
    const reconnecting = run([{ type: "status", status: "disconnected" }, { type: "status", status: "connecting" }, { type: "status", status: "connected" }], stalled);
    expect(badgeFor(reconnecting)).toEqual({ kind: "stalled", pending: 1 });
    const back = run([{ type: "heard" }, { type: "synced", synced: true }, { type: "confirmed", upTo: 1 }], reconnecting);
    expect(badgeFor(back)).toEqual({ kind: "connected" });
    expect(back.pending).toBe(0);
  });

  it("a dropped socket is offline even when the browser thinks it is online", () => {
    const dropped = run([...LIVE, { type: "status", status: "disconnected" }, { type: "local-change" }]);
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
