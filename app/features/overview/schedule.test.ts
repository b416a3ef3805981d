import { describe, expect, it } from "vitest";
import { deadlineState, lastDayBefore, schoolStatus } from "./schedule";

describe("schoolStatus", () => {
  it("is unreadable without figures, never a zero", () => {
    expect(schoolStatus(null)).toBe("unreadable");
  });
  it("is done when every item is done", () => {
    expect(schoolStatus({ done: 33, total: 33, expected: 33, cardsStarted: 14, cardsOpen: 0 })).toBe("done");
    // Every item ticked but a card left out of Hoàn thành: not done (the one rule, app/domain/progress).
    expect(schoolStatus({ done: 33, total: 33, expected: 33, cardsStarted: 14, cardsOpen: 1 })).toBe("on_track");
  });
  it("is not started with nothing ticked and no card moved, even when work is due", () => {
    expect(schoolStatus({ done: 0, total: 33, expected: 20, cardsStarted: 0, cardsOpen: 14 })).toBe("not_started");
  });
  it("is started once a card moves, even before the first tick", () => {
    expect(schoolStatus({ done: 0, total: 33, expected: 0, cardsStarted: 1, cardsOpen: 14 })).toBe("on_track");
    expect(schoolStatus({ done: 0, total: 33, expected: 3, cardsStarted: 1, cardsOpen: 14 })).toBe("behind");
  });
  it("is behind when fewer items are done than the due dates ask for by today", () => {
    expect(schoolStatus({ done: 12, total: 33, expected: 13, cardsStarted: 5, cardsOpen: 14 })).toBe("behind");
    expect(schoolStatus({ done: 13, total: 33, expected: 13, cardsStarted: 5, cardsOpen: 14 })).toBe("on_track");
  });
});

describe("deadlines", () => {
  it("the report due “before 05/12/2023” is on time until 04/12", () => {
    expect(lastDayBefore("2023-12-05")).toBe("2023-12-04");
    expect(lastDayBefore("2024-03-01")).toBe("2024-02-29");
  });
  it("says open, today, overdue or closed", () => {
    expect(deadlineState(3, "active")).toEqual({ kind: "open", days: 3 });
    expect(deadlineState(0, "active")).toEqual({ kind: "today", days: 0 });
    expect(deadlineState(-1090, "active")).toEqual({ kind: "overdue", days: 1090 });
    expect(deadlineState(-1090, "closed")).toEqual({ kind: "closed", days: 1090 });
  });
});
