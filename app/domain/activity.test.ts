import { describe, expect, it } from "vitest";
import { diffBoards, doneCards, mergeSummary } from "./activity";
import { addCard, assignCard, deleteCard, editCard, moveCard } from "./card-mutations";
import { addChecklistItem, editChecklistItem, removeChecklistItem, setChecklistItemDone } from "./checklist-mutations";
import { decodeBoard } from "./decode-board";
import { cardByTemplate, newBoard } from "./test-support";
import type * as Y from "yjs";

/** The board before and after `change`, decoded the way the server decodes them. */
function around(doc: Y.Doc, change: () => void) {
  const before = decodeBoard(doc);
  change();
  return diffBoards(before, decodeBoard(doc));
}

describe("diffBoards", () => {
  it("names a tick and an untick with the item's text and card", () => {
    const doc = newBoard();
    const card = cardByTemplate(decodeBoard(doc), "tpl-a");
    const item = card.checklist[0];
    const ticked = around(doc, () => setChecklistItemDone(doc, card.id, item.id, true, { userId: "u1", at: new Date() }));
    expect(ticked).toEqual([{ kind: "item.ticked", cardId: card.id, itemId: item.id, detail: { card: "Kế hoạch", item: "Dự thảo" } }]);
    const unticked = around(doc, () => setChecklistItemDone(doc, card.id, item.id, false, { userId: "u1", at: new Date() }));
    expect(unticked.map((c) => c.kind)).toEqual(["item.unticked"]);
  });

  it("sees a move, a rename, a due date, assignees and the description as separate entries", () => {
    const doc = newBoard();
    const card = cardByTemplate(decodeBoard(doc), "tpl-a");
    const changes = around(doc, () => {
      moveCard(doc, card.id, "done");
      editCard(doc, card.id, { title: "Kế hoạch của trường", description: "mới", dueDate: "2023-06-01" });
      assignCard(doc, card.id, ["u2", "u3"]);
    });
    expect(changes.map((c) => c.kind).sort()).toEqual(["card.assigned", "card.described", "card.due", "card.moved", "card.renamed"]);
    expect(changes.find((c) => c.kind === "card.moved")?.detail).toMatchObject({ from: "planned", to: "done" });
    expect(changes.find((c) => c.kind === "card.due")?.detail).toMatchObject({ from: "2023-05-05", to: "2023-06-01" });
    expect(changes.find((c) => c.kind === "card.assigned")?.detail).toMatchObject({ added: ["u2", "u3"], removed: [] });
    expect(doneCards(changes).map((c) => c.cardId)).toEqual([card.id]);
  });

  it("sees cards and items added, renamed and removed", () => {
    const doc = newBoard();
    let id = "";
    const created = around(doc, () => {
      id = addCard(doc, { title: "Trồng cây", category: "cleanup_landscape", status: "planned", createdBy: "u1" });
    });
    expect(created).toEqual([{ kind: "card.created", cardId: id, itemId: null, detail: { card: "Trồng cây", to: "planned" } }]);
    let itemId = "";
    expect(around(doc, () => void (itemId = addChecklistItem(doc, id, "Mua cây"))).map((c) => c.kind)).toEqual(["item.added"]);
    expect(around(doc, () => editChecklistItem(doc, id, itemId, "Mua 20 cây"))[0]).toMatchObject({ kind: "item.renamed", detail: { from: "Mua cây", to: "Mua 20 cây" } });
    expect(around(doc, () => removeChecklistItem(doc, id, itemId))[0]).toMatchObject({ kind: "item.removed", detail: { item: "Mua 20 cây" } });
    expect(around(doc, () => deleteCard(doc, id))).toEqual([{ kind: "card.deleted", cardId: id, itemId: null, detail: { card: "Trồng cây" } }]);
  });

  it("nothing changed gives nothing; a merge over many cards gives one summary", () => {
    const doc = newBoard();
    const board = decodeBoard(doc);
    expect(diffBoards(board, board)).toEqual([]);
    expect(mergeSummary(board, board)).toBeNull();
    const after = { ...board, cards: board.cards.map((c) => ({ ...c, title: `${c.title} (2024)` })) };
    expect(mergeSummary(board, after)).toEqual({ kind: "template.merged", cardId: null, itemId: null, detail: { cards: 2 } });
  });
});
