import { describe, expect, it } from "vitest";
import { columnDropId, type ColumnIds } from "./drag-logic";
import { keyboardStep } from "./keyboard-moves";

// One long column beside a short one, as on a fresh board: "planned" holds many cards.
const columns: ColumnIds = { planned: ["p1", "p2", "p3"], in_progress: ["i1"], done: [] };
const rects = new Map([
  ["p1", { left: 0, top: 0, height: 100 }],
  ["p2", { left: 0, top: 110, height: 100 }],
  ["p3", { left: 0, top: 900, height: 100 }],
  ["i1", { left: 300, top: 0, height: 100 }],
  [columnDropId("planned"), { left: 0, top: -40, height: 1100 }],
  [columnDropId("in_progress"), { left: 300, top: -40, height: 200 }],
  [columnDropId("done"), { left: 600, top: -40, height: 80 }],
]);

describe("keyboard moves", () => {
  it("ArrowRight goes to the next column even when a farther column's card is nearer", () => {
    expect(keyboardStep(columns, "p3", "right", rects, 900)?.id).toBe("i1");
  });
  it("into an empty column, onto the column itself", () => {
    const moved: ColumnIds = { planned: ["p1", "p2", "p3"], in_progress: ["i1"], done: [] };
    expect(keyboardStep(moved, "i1", "right", rects, 0)?.id).toBe(columnDropId("done"));
  });
  it("stops at the board's edges", () => {
    expect(keyboardStep(columns, "p1", "left", rects, 0)).toBeNull();
    expect(keyboardStep({ ...columns, done: ["d1"], in_progress: [] }, "d1", "right", rects, 0)).toBeNull();
  });
  it("Up and Down stay in the column, one card at a time", () => {
    expect(keyboardStep(columns, "p2", "down", rects, 110)).toMatchObject({ id: "p3", alignBottom: true });
    expect(keyboardStep(columns, "p2", "up", rects, 110)).toMatchObject({ id: "p1", alignBottom: false });
    expect(keyboardStep(columns, "p1", "up", rects, 0)).toBeNull();
    expect(keyboardStep(columns, "i1", "down", rects, 0)).toBeNull();
  });
});
