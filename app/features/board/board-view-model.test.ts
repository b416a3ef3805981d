import { describe, expect, it } from "vitest";
import { addCard, assignCard, decodeBoard, moveCard, setChecklistItemDone } from "~/domain";
import { newBoard } from "~/domain/test-support";
import { cardIndex, columnIds, summarise } from "./board-view-model";

describe("card summaries", () => {
  it("shows checklist progress, overdue and assignees (unknown people named as such)", () => {
    const doc = newBoard();
    const card = decodeBoard(doc).cards.find((c) => c.templateId === "tpl-a")!;
    setChecklistItemDone(doc, card.id, card.checklist[0]!.id, true, { userId: "t1", at: new Date() });
    assignCard(doc, card.id, ["t1", "gone"]);
    const fresh = decodeBoard(doc).cards.find((c) => c.id === card.id)!;
    const s = summarise(fresh, "2023-05-06", [{ id: "t1", name: "Cô Lan" }], "Người ngoài nhóm");
    expect(s.progress).toEqual({ done: 1, total: 2 });
    expect(s.itemCount).toBe(2);
    expect(s.overdue).toBe(true);
    expect(s.assignees.map((p) => [p.name, p.known])).toEqual([
      ["Cô Lan", true],
      ["Người ngoài nhóm", false],
    ]);
    expect(summarise(fresh, "2023-05-05", [], "?").overdue).toBe(false);
  });

  it("a done card is never overdue", () => {
    const doc = newBoard();
    const card = decodeBoard(doc).cards.find((c) => c.templateId === "tpl-a")!;
    moveCard(doc, card.id, "done");
    const fresh = decodeBoard(doc).cards.find((c) => c.id === card.id)!;
    const s = summarise(fresh, "2024-01-01", [], "?");
    expect(s.overdue).toBe(false);
    // Its bar still says what was ticked, and the board hints that two items were not.
    expect(s.progress).toEqual({ done: 0, total: 2 });
    expect(s.hint).toBe("unticked_items");
  });

  it("lists live card ids per column in display order", () => {
    const doc = newBoard();
    const id = addCard(doc, { title: "Mới", category: "propaganda", createdBy: "t1" });
    const board = decodeBoard(doc);
    const ids = columnIds(board);
    expect(ids.planned.at(-1)).toBe(id);
    expect(ids.in_progress).toEqual([]);
    expect(cardIndex(board).get(id)?.title).toBe("Mới");
  });
});
