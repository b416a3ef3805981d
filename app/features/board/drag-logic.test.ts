import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { cardsByColumn, decodeBoard, moveCard } from "~/domain";
import { newBoard } from "~/domain/test-support";
import { addCard } from "~/domain";
import { columnIds } from "./board-view-model";
import { columnDropId, dropTarget, findColumn, isRealMove, moveAcross, type ColumnIds } from "./drag-logic";

const cols = (): ColumnIds => ({ planned: ["a", "b", "c"], in_progress: ["d"], done: [] });

describe("findColumn", () => {
  it("finds the column of a card and of a column's own drop target", () => {
    expect(findColumn(cols(), "b")).toBe("planned");
    expect(findColumn(cols(), "d")).toBe("in_progress");
    expect(findColumn(cols(), columnDropId("done"))).toBe("done");
    expect(findColumn(cols(), "nope")).toBeNull();
    expect(findColumn(cols(), "column:elsewhere")).toBeNull();
  });
});

describe("moveAcross (dragging over another column)", () => {
  it("opens a gap before the card it is over", () => {
    expect(moveAcross(cols(), "b", "d")).toEqual({ planned: ["a", "c"], in_progress: ["b", "d"], done: [] });
  });
  it("after it when the dragged card is below that card's middle", () => {
    expect(moveAcross(cols(), "b", "d", true).in_progress).toEqual(["d", "b"]);
  });
  it("at the end when over the column itself, e.g. an empty one", () => {
    expect(moveAcross(cols(), "a", columnDropId("done")).done).toEqual(["a"]);
    expect(moveAcross(cols(), "a", columnDropId("in_progress")).in_progress).toEqual(["d", "a"]);
  });
  it("changes nothing within one column (sorting there is the sortable's job)", () => {
    const before = cols();
    expect(moveAcross(before, "a", "c")).toBe(before);
    expect(moveAcross(before, "a", "unknown")).toBe(before);
  });
});

describe("dropTarget → moveCard(status, index)", () => {
  it("reorders within a column: index among the other cards", () => {
    expect(dropTarget(cols(), "a", "c")).toMatchObject({ status: "planned", index: 2, columns: { planned: ["b", "c", "a"] } });
    expect(dropTarget(cols(), "c", "a")).toMatchObject({ status: "planned", index: 0 });
  });
  it("into another column over a card (keyboard: ArrowRight lands on the next column's card)", () => {
    expect(dropTarget(cols(), "a", "d")).toMatchObject({ status: "in_progress", index: 0, columns: { planned: ["b", "c"], in_progress: ["a", "d"] } });
  });
  it("onto an empty column, and onto a column's free space below its cards", () => {
    expect(dropTarget(cols(), "b", columnDropId("done"))).toMatchObject({ status: "done", index: 0 });
    expect(dropTarget(cols(), "b", columnDropId("in_progress"))).toMatchObject({ status: "in_progress", index: 1 });
  });
  it("after dragOver already moved the card across, the drop keeps it there", () => {
    const during = moveAcross(cols(), "b", "d", true);
    expect(dropTarget(during, "b", "b")).toMatchObject({ status: "in_progress", index: 1 });
  });
  it("outside every column: no move", () => {
    expect(dropTarget(cols(), "a", null)).toBeNull();
  });
  it("tells a real move from putting the card back where it was", () => {
    const start = cols();
    expect(isRealMove(start, dropTarget(start, "b", "b")!, "b")).toBe(false);
    expect(isRealMove(start, dropTarget(start, "b", "c")!, "b")).toBe(true);
    expect(isRealMove(start, dropTarget(start, "b", "d")!, "b")).toBe(true);
  });

  it("applied with the domain's moveCard, the board shows exactly the order the drop showed", () => {
    const doc = newBoard();
    addCard(doc, { title: "Ba", category: "propaganda", createdBy: "u1" });
    addCard(doc, { title: "Bốn", category: "propaganda", status: "in_progress", createdBy: "u1" });
    const start = columnIds(decodeBoard(doc));
    for (const [active, over] of [
      [start.planned[0]!, start.in_progress[0]!],
      [start.planned[2]!, start.planned[0]!],
      [start.in_progress[0]!, columnDropId("done")],
    ] as const) {
      const before = columnIds(decodeBoard(doc));
      const drop = dropTarget(before, active, over)!;
      moveCard(doc, active, drop.status, drop.index);
      expect(columnIds(decodeBoard(doc))).toEqual(drop.columns);
    }
    expect(cardsByColumn(decodeBoard(doc)).done).toHaveLength(1);
    expect(doc).toBeInstanceOf(Y.Doc);
  });
});
