import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addCard, assignCard, moveCard, readBoard, setChecklistItemDone, type Board } from "~/domain";
import { cardsMap, metaMap } from "~/domain/board-doc";
import { newBoard, replicate } from "~/domain/test-support";
import { prng } from "../../tests/security/collab-fuzz";
import { LIMITS } from "./limits";
import { ShadowValidator, type Verdict } from "./validation";

// The validator re-decodes and checks only the cards an update touched (ADR 048). These tests hold
// it to the whole-board validator it replaced: the same verdict on every update, the same board.

const actor = { userId: "u1" };
const members = new Set(["u1", "u2"]);
const NOW = new Date("2026-12-01T10:00:00.000Z");

/** A live document and its validator, as a Room holds them. */
function side(doc: Y.Doc, incremental: boolean) {
  const live = replicate(doc);
  const validator = new ShadowValidator(live, LIMITS, incremental);
  const read = readBoard(live);
  if (!read.ok) throw new Error(read.error);
  return { live, validator, board: read.board as Board };
}

function tryOn(s: ReturnType<typeof side>, update: Uint8Array): Verdict {
  const verdict = s.validator.try(update, s.board, actor, { members, extra: () => null, now: NOW });
  if (verdict.ok && verdict.changed) {
    Y.applyUpdate(s.live, verdict.update);
    s.board = verdict.board;
  }
  return verdict;
}

type Rng = ReturnType<typeof prng>;
const anyCard = (doc: Y.Doc, rng: Rng) => rng.pick([...cardsMap(doc).keys()]);
const anyItem = (card: Y.Map<unknown>, rng: Rng) => {
  const items = card.get("checklist");
  return items instanceof Y.Map && items.size ? (items.get(rng.pick([...items.keys()])) as Y.Map<unknown>) : null;
};
const values = () => ["", "x", " ", null, undefined, 0, 1, true, false, "2026-12-01", "2026-12-01T10:00:00.000Z", "planned", "done", "school", "template", "u1", "u3", [], ["u1"], { a: 1 }];

/** Edits a client could send, fair and hostile, each on its own replica. */
const edits: ((doc: Y.Doc, rng: Rng) => void)[] = [
  (doc, rng) => {
    const card = cardsMap(doc).get(anyCard(doc, rng))!;
    const item = anyItem(card, rng);
    if (item) setChecklistItemDone(doc, card.get("id") as string, item.get("id") as string, rng.next() < 0.7, { userId: rng.pick(["u1", "u1", "u2"]), at: NOW });
  },
  (doc, rng) => moveCard(doc, anyCard(doc, rng), rng.pick(["planned", "in_progress", "done"] as const)),
  (doc, rng) => addCard(doc, { title: rng.pick(["Mới", "Việc mới"]), category: "environment", createdBy: rng.pick(["u1", "u1", "u2"]) } as never),
  (doc, rng) => assignCard(doc, anyCard(doc, rng), [rng.pick(["u1", "u2", "u3"])]),
  (doc, rng) => cardsMap(doc).get(anyCard(doc, rng))!.set(rng.pick(["status", "position", "origin", "templateId", "section", "createdBy", "archived", "dueDate", "category", "criteria", "id", "extra"]), rng.pick(values())),
  (doc, rng) => cardsMap(doc).get(anyCard(doc, rng))!.delete(rng.pick(["title", "status", "checklist", "assignees", "id"])),
  (doc, rng) => {
    const item = anyItem(cardsMap(doc).get(anyCard(doc, rng))!, rng);
    item?.set(rng.pick(["done", "doneBy", "doneAt", "position", "origin", "templateId", "needsEvidence", "archived", "text", "id", "extra"]), rng.pick(values()));
  },
  (doc, rng) => {
    const card = cardsMap(doc).get(anyCard(doc, rng))!;
    const item = anyItem(card, rng);
    if (item) (card.get("checklist") as Y.Map<unknown>).delete(item.get("id") as string);
  },
  (doc, rng) => cardsMap(doc).delete(anyCard(doc, rng)),
  (doc, rng) => {
    const title = cardsMap(doc).get(anyCard(doc, rng))!.get("title");
    if (!(title instanceof Y.Text)) return;
    if (rng.next() < 0.5) title.insert(0, "Sửa ");
    else title.delete(0, title.length);
  },
  (doc, rng) => cardsMap(doc).set(rng.pick([anyCard(doc, rng), "card-new"]), rng.pick([undefined, "x", new Y.Map()]) as never),
  (doc, rng) => cardsMap(doc).get(anyCard(doc, rng))!.set("extra", new Y.Map()),
  (doc, rng) => (rng.next() < 0.5 ? metaMap(doc).set("templateVersion", rng.int(3)) : (metaMap(doc).get("columns") as Y.Array<string>).push(["x"])),
  (doc) => doc.getMap("elsewhere").set("k", 1),
  (doc) => doc.getArray("cards-list").push([1]),
  (doc, rng) => {
    // Two edits in one update, on different cards.
    moveCard(doc, anyCard(doc, rng), "in_progress");
    cardsMap(doc).get(anyCard(doc, rng))!.set("status", rng.pick(["done", "blocked"]));
  },
];

describe("validation of only what an update touches", () => {
  it("gives the whole-board validator's verdict and board on 1,500 fair and hostile updates", () => {
    const rng = prng(46);
    const start = newBoard();
    const fast = side(start, true);
    const full = side(start, false);
    // A replica that falls behind now and then: its updates are concurrent with accepted ones.
    let stale = replicate(fast.live);
    const seen: Record<string, number> = {};
    for (let i = 0; i < 1500; i++) {
      if (rng.next() < 0.3) stale = replicate(fast.live);
      const client = rng.next() < 0.8 ? replicate(fast.live) : stale;
      const before = Y.encodeStateVector(client);
      client.transact(() => {
        try {
          rng.pick(edits)(client, rng);
        } catch {
          // The domain's mutations refuse some inputs themselves; whatever they wrote first is sent.
        }
      });
      const update = Y.encodeStateAsUpdate(client, before);
      const a = tryOn(fast, update);
      const b = tryOn(full, update);
      const verdict = (v: Verdict) => (v.ok ? (v.changed ? "accepted" : "unchanged") : v.code);
      expect(verdict(a), `update ${i}`).toBe(verdict(b));
      if (a.ok && a.changed && b.ok && b.changed) expect(a.board).toEqual(b.board);
      expect(fast.board).toEqual(full.board);
      seen[verdict(a)] = (seen[verdict(a)] ?? 0) + 1;
    }
    // The run covers acceptance and the refusals that matter, not just one of them.
    for (const code of ["accepted", "unchanged", "invalid_board", "field_locked", "wrong_actor", "unknown_assignee", "template_card_deleted", "meta_locked"]) {
      expect(seen[code], code).toBeGreaterThan(0);
    }
  });

  it("decodes only the cards an update touched: the others stay the same objects", () => {
    const s = side(newBoard(), true);
    const client = replicate(s.live);
    const card = s.board.cards[0]!;
    const sv = Y.encodeStateVector(client);
    setChecklistItemDone(client, card.id, card.checklist[0]!.id, true, { userId: "u1", at: NOW });
    const before = s.board;
    const verdict = tryOn(s, Y.encodeStateAsUpdate(client, sv));
    expect(verdict).toMatchObject({ ok: true, changed: true });
    const after = s.board;
    expect(after.cards.find((c) => c.id === card.id)!.checklist[0]!.done).toBe(true);
    // Every card but the ticked one is carried over, not decoded again.
    expect(after.cards.filter((c) => before.cards.includes(c))).toHaveLength(before.cards.length - 1);
    expect(after.cards.find((c) => c.id === card.id)).not.toBe(card);
  });
});
