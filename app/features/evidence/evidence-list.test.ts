import { describe, expect, it } from "vitest";
import { EvidenceLog } from "./evidence-list";

type E = { id: string; name: string };
const e = (id: string): E => ({ id, name: `${id}.jpg` });

describe("EvidenceLog.reconcile", () => {
  it("keeps a photo uploaded while the list was being read", () => {
    const log = new EvidenceLog<E>();
    const since = log.mark(); // the refresh leaves
    log.added(e("new")); // the upload finishes first
    // The server read its list before the upload was stored.
    expect(log.reconcile([e("a"), e("b")], since).map((x) => x.id)).toEqual(["a", "b", "new"]);
  });

  it("keeps a removal made while the list was being read, and does not duplicate what the server already has", () => {
    const log = new EvidenceLog<E>();
    const since = log.mark();
    log.removed("a");
    log.added(e("c"));
    expect(log.reconcile([e("a"), e("b"), e("c")], since).map((x) => x.id)).toEqual(["b", "c"]);
  });

  it("applies nothing made before the request left: the server's answer is newer", () => {
    const log = new EvidenceLog<E>();
    log.added(e("old"));
    log.removed("gone");
    const since = log.mark();
    expect(log.reconcile([e("a"), e("gone")], since).map((x) => x.id)).toEqual(["a", "gone"]);
  });

  it("replays changes in their order (added, then removed, is removed)", () => {
    const log = new EvidenceLog<E>();
    const since = log.mark();
    log.added(e("x"));
    log.removed("x");
    expect(log.reconcile([e("a")], since).map((x) => x.id)).toEqual(["a"]);
  });
});
