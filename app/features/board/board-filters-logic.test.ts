import { describe, expect, it } from "vitest";
import type { Card } from "~/domain";
import type { CardSummary } from "./board-view-model";
import { fullIndex, isFiltering, matchesFilter, readFilter, writeFilter } from "./board-filters-logic";

const card = (over: Partial<Card>): CardSummary =>
  ({
    card: { id: "c1", title: "Trồng cây xanh", description: "", criteria: ["xanh"], assignees: [], createdBy: null, checklist: [], ...over } as unknown as Card,
    progress: { done: 0, total: 0 },
    itemCount: 0,
    overdue: false,
    assignees: [],
    hint: null,
  }) as CardSummary;

describe("board filters in the URL", () => {
  it("reads known values and ignores the rest", () => {
    expect(readFilter(new URLSearchParams("mine=1&criterion=xanh&overdue=1&q=%20c%C3%A2y%20"))).toEqual({ mine: true, criterion: "xanh", overdue: true, q: "cây" });
    expect(readFilter(new URLSearchParams("mine=yes&criterion=blue&q=" + "x".repeat(500)))).toEqual({ mine: false, criterion: null, overdue: false, q: "" });
  });

  it("writes only what is set and keeps other parameters", () => {
    const next = writeFilter(new URLSearchParams("campaign=k1&q=old"), { mine: true, q: "" });
    expect(next.toString()).toBe("campaign=k1&mine=1");
    expect(isFiltering(readFilter(next))).toBe(true);
    expect(isFiltering(readFilter(new URLSearchParams("campaign=k1")))).toBe(false);
  });

  it("matches mine, criterion, overdue and text (with or without Vietnamese marks)", () => {
    const f = readFilter(new URLSearchParams());
    expect(matchesFilter(card({}), { ...f, q: "cay xanh" }, "u1")).toBe(true);
    expect(matchesFilter(card({}), { ...f, q: "Cây" }, "u1")).toBe(true);
    expect(matchesFilter(card({}), { ...f, q: "rác" }, "u1")).toBe(false);
    expect(matchesFilter(card({ assignees: ["u1"] }), { ...f, mine: true }, "u1")).toBe(true);
    expect(matchesFilter(card({}), { ...f, mine: true }, "u1")).toBe(false);
    expect(matchesFilter(card({}), { ...f, criterion: "sach" }, "u1")).toBe(false);
    expect(matchesFilter(card({}), { ...f, overdue: true }, "u1")).toBe(false);
    expect(matchesFilter({ ...card({}), overdue: true }, { ...f, overdue: true }, "u1")).toBe(true);
  });
});

describe("fullIndex", () => {
  const all = ["a", "b", "c", "d", "e"];
  it("places a drop among hidden cards just before the shown card it lands in front of", () => {
    expect(fullIndex(all, ["b", "d"], "x", 0)).toBe(1);
    expect(fullIndex(all, ["b", "d"], "x", 1)).toBe(3);
    expect(fullIndex(all, ["b", "d"], "x", 2)).toBe(4);
    expect(fullIndex(all, [], "x", 0)).toBe(5);
    // The dragged card itself is left out on both sides.
    expect(fullIndex(all, ["a", "c", "e"], "a", 1)).toBe(3);
  });
});
