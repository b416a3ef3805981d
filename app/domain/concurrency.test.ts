import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { addCard, assignCard, deleteCard, editCard, moveCard, purgeCard, restoreCard } from "./card-mutations";
import { addChecklistItem, moveChecklistItem, setChecklistItemDone } from "./checklist-mutations";
import { decodeBoard, readBoard } from "./decode-board";
import { DomainError } from "./errors";
import { cardsByColumn, liveItems } from "./ordering";
import { cardById, cardByTemplate, columnTitles, newBoard, replicate, sync } from "./test-support";

// Two people editing the same board offline or at the same instant: after
// the replicas exchange updates they must show the same, valid board.

function pair() {
  const a = newBoard();
  const b = replicate(a);
  const ids = (doc: Y.Doc) => ({
    planA: cardByTemplate(decodeBoard(doc), "tpl-a"),
    report: cardByTemplate(decodeBoard(doc), "tpl-b"),
  });
  return { a, b, ...ids(a) };
}

function expectConverged(a: Y.Doc, b: Y.Doc) {
  sync(a, b);
  expect(decodeBoard(a)).toEqual(decodeBoard(b));
  expect(readBoard(a)).toMatchObject({ ok: true });
}

const at = new Date("2023-06-01T03:00:00Z");

describe("concurrent edits", () => {
  it("keeps both halves of concurrent edits to one title", () => {
    const { a, b, planA } = pair();
    editCard(a, planA.id, { title: "Lập Kế hoạch" });
    editCard(b, planA.id, { title: "Kế hoạch chi tiết" });
    expectConverged(a, b);
    expect(cardById(a, planA.id).title).toBe("Lập Kế hoạch chi tiết");
  });

  it("resolves concurrent moves of one card to a single whole move", () => {
    const { a, b, planA } = pair();
    moveCard(a, planA.id, "done");
    moveCard(b, planA.id, "in_progress");
    expectConverged(a, b);
    const columns = cardsByColumn(decodeBoard(a));
    const places = (["planned", "in_progress", "done"] as const).filter((s) =>
      columns[s].some((c) => c.id === planA.id),
    );
    expect(places).toHaveLength(1);
    expect(["done", "in_progress"]).toContain(places[0]);
  });

  it("keeps both cards when two are moved to the same spot, and can still place between them", () => {
    const { a, b, planA, report } = pair();
    moveCard(a, planA.id, "done", 0);
    moveCard(b, report.id, "done", 0);
    expectConverged(a, b);
    expect(columnTitles(a, "done").sort()).toEqual(["Báo cáo", "Kế hoạch"]);
    const third = addCard(a, { title: "Giữa", category: "environment", createdBy: "u1" });
    moveCard(a, third, "done", 1);
    expect(columnTitles(a, "done")[1]).toBe("Giữa");
    expectConverged(a, b);
  });

  it("orders cards two people appended at once the same way everywhere, and can split the tie", () => {
    const { a, b } = pair();
    addCard(a, { title: "Của A", category: "environment", createdBy: "ua" });
    addCard(b, { title: "Của B", category: "environment", createdBy: "ub" });
    expectConverged(a, b);
    const planned = cardsByColumn(decodeBoard(a)).planned;
    expect(planned.at(-1)!.position).toBe(planned.at(-2)!.position);
    const between = addCard(a, { title: "Giữa", category: "environment", createdBy: "ua", status: "done" });
    moveCard(a, between, "planned", 3);
    expect(columnTitles(a, "planned")[3]).toBe("Giữa");
    expectConverged(a, b);
  });

  it("gives a concurrently ticked item one consistent ticker", () => {
    const { a, b, planA } = pair();
    const itemId = planA.checklist[0]!.id;
    setChecklistItemDone(a, planA.id, itemId, true, { userId: "ua", at });
    setChecklistItemDone(b, planA.id, itemId, true, { userId: "ub", at: new Date(at.getTime() + 1000) });
    expectConverged(a, b);
    const item = cardById(a, planA.id).checklist.find((i) => i.id === itemId)!;
    expect(item.done).toBe(true);
    expect([
      ["ua", "2023-06-01T03:00:00.000Z"],
      ["ub", "2023-06-01T03:00:01.000Z"],
    ]).toContainEqual([item.doneBy, item.doneAt]);
  });

  it("resolves a tick racing an untick to a valid item", () => {
    const { a, b, planA } = pair();
    const itemId = planA.checklist[0]!.id;
    setChecklistItemDone(a, planA.id, itemId, true, { userId: "ua", at });
    sync(a, b);
    setChecklistItemDone(a, planA.id, itemId, false, { userId: "ua", at });
    editCard(b, planA.id, { title: "Đổi tên" });
    setChecklistItemDone(b, planA.id, itemId, false, { userId: "ub", at });
    setChecklistItemDone(b, planA.id, itemId, true, { userId: "ub", at });
    expectConverged(a, b);
  });

  it("reads a person assigned twice at once as assigned once, and tidies it on the next assignment", () => {
    const { a, b, planA } = pair();
    assignCard(a, planA.id, ["u1"]);
    assignCard(b, planA.id, ["u1", "u2"]);
    expectConverged(a, b);
    expect(cardById(a, planA.id).assignees.sort()).toEqual(["u1", "u2"]);
    assignCard(a, planA.id, ["u1", "u2"]);
    const raw = a.getMap("cards").get(planA.id) as Y.Map<unknown>;
    expect((raw.get("assignees") as Y.Array<string>).toArray().sort()).toEqual(["u1", "u2"]);
  });

  it("drops an edit to a card purged meanwhile", () => {
    const { a, b } = pair();
    const id = addCard(a, { title: "Tạm", category: "environment", createdBy: "ua" });
    deleteCard(a, id);
    sync(a, b);
    purgeCard(a, id);
    restoreCard(b, id);
    editCard(b, id, { title: "Tạm thời" });
    addChecklistItem(b, id, "Việc");
    expectConverged(a, b);
    expect(decodeBoard(a).cards.some((c) => c.id === id)).toBe(false);
  });

  it("converges after many random operations on three replicas", () => {
    const random = mulberry32(2023);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const docs = [newBoard()];
    docs.push(replicate(docs[0]!), replicate(docs[0]!));
    for (let step = 0; step < 400; step++) {
      const doc = pick(docs);
      const board = decodeBoard(doc);
      const live = board.cards.filter((c) => !c.archived);
      const card = pick(live);
      const user = `u${Math.floor(random() * 3)}`;
      try {
        switch (Math.floor(random() * 7)) {
          case 0:
            addCard(doc, { title: `Việc ${step}`, category: "environment", createdBy: user, status: pick(["planned", "done"] as const) });
            break;
          case 1:
            moveCard(doc, card.id, pick(["planned", "in_progress", "done"] as const), Math.floor(random() * 4));
            break;
          case 2:
            editCard(doc, card.id, { title: `${card.title.slice(0, 20)} ${step}` });
            break;
          case 3:
            addChecklistItem(doc, card.id, `Bước ${step}`);
            break;
          case 4: {
            const item = liveItems(card)[0];
            if (item) setChecklistItemDone(doc, card.id, item.id, !item.done, { userId: user, at });
            break;
          }
          case 5: {
            const items = liveItems(card);
            if (items.length > 1) moveChecklistItem(doc, card.id, items.at(-1)!.id, 0);
            break;
          }
          case 6:
            if (card.origin === "school") deleteCard(doc, card.id);
            break;
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
      if (random() < 0.2) sync(pick(docs), pick(docs));
    }
    sync(docs[0]!, docs[1]!);
    sync(docs[1]!, docs[2]!);
    sync(docs[0]!, docs[1]!);
    expect(decodeBoard(docs[1]!)).toEqual(decodeBoard(docs[0]!));
    expect(decodeBoard(docs[2]!)).toEqual(decodeBoard(docs[0]!));
    expect(readBoard(docs[0]!)).toEqual({ ok: true, board: expect.anything() });
  });
});

// A small seeded generator, so a failure reproduces.
function mulberry32(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
