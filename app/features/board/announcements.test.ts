import type { Active, Over } from "@dnd-kit/core";
import { describe, expect, it } from "vitest";
import type { TFunction } from "i18next";
import { boardAnnouncements } from "./announcements";
import type { ColumnIds } from "./drag-logic";

// A t() that shows the key and its values, so the tests read what would be said.
const t = ((key: string, v: Record<string, unknown> = {}) => `${key.replace("board.dnd.", "").replace("statuses.", "")}:${v.title ?? ""}:${v.column ?? ""}:${v.position ?? ""}/${v.total ?? ""}`) as unknown as TFunction;
const cols: ColumnIds = { planned: ["a", "b", "c"], in_progress: ["d"], done: [] };
const active = (id: string) => ({ id }) as unknown as Active;
const over = (id: string) => ({ id }) as unknown as Over;

describe("drag announcements", () => {
  it("says every move within a column, and not the pick-up place twice", () => {
    const a = boardAnnouncements(t, (id) => id.toUpperCase(), () => cols, () => cols);
    expect(a.onDragStart!({ active: active("a") })).toContain("start:A");
    // dnd-kit first reports the card over itself: nothing new to say.
    expect(a.onDragOver!({ active: active("a"), over: over("a") })).toBeUndefined();
    expect(a.onDragOver!({ active: active("a"), over: over("b") })).toMatch(/^over:A:.*:2\/3$/);
    expect(a.onDragOver!({ active: active("a"), over: over("c") })).toMatch(/^over:A:.*:3\/3$/);
    // Back to where it started is a move too.
    expect(a.onDragOver!({ active: active("a"), over: over("a") })).toMatch(/^over:A:.*:1\/3$/);
  });
});
