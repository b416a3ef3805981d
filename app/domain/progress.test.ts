import { describe, expect, it } from "vitest";
import { addCard, moveCard } from "./card-mutations";
import { addChecklistItem, setChecklistItemDone } from "./checklist-mutations";
import { cardsMap, checklistOf } from "./board-doc";
import { decodeBoard } from "./decode-board";
import { boardProgress, cardProgress, daysLeft, isOverdue, todayInHcm } from "./progress";
import { cardByTemplate, newBoard } from "./test-support";

const by = { userId: "u1", at: new Date("2023-06-01T00:00:00Z") };

describe("progress", () => {
  it("counts checklist items, and a card without items as one", () => {
    const doc = newBoard();
    const board = decodeBoard(doc);
    const plan = cardByTemplate(board, "tpl-a");
    const report = cardByTemplate(board, "tpl-b");
    expect(cardProgress(plan)).toEqual({ done: 0, total: 2 });
    expect(cardProgress(report)).toEqual({ done: 0, total: 1 });
    expect(boardProgress(board)).toEqual({ done: 0, total: 3 });

    setChecklistItemDone(doc, plan.id, plan.checklist[0]!.id, true, by);
    moveCard(doc, report.id, "done");
    expect(boardProgress(decodeBoard(doc))).toEqual({ done: 2, total: 3 });
  });

  it("does not count a card's status once it has items", () => {
    const doc = newBoard();
    const plan = cardByTemplate(decodeBoard(doc), "tpl-a");
    moveCard(doc, plan.id, "done");
    expect(cardProgress(cardByTemplate(decodeBoard(doc), "tpl-a"))).toEqual({ done: 0, total: 2 });
  });

  it("leaves archived cards and items out", () => {
    const doc = newBoard();
    const board = decodeBoard(doc);
    const plan = cardByTemplate(board, "tpl-a");
    const report = cardByTemplate(board, "tpl-b");
    checklistOf(cardsMap(doc).get(plan.id)!).get(plan.checklist[0]!.id)!.set("archived", true);
    cardsMap(doc).get(report.id)!.set("archived", true);
    expect(boardProgress(decodeBoard(doc))).toEqual({ done: 0, total: 1 });
  });

  it("counts school cards and items like any other", () => {
    const doc = newBoard();
    const id = addCard(doc, { title: "Riêng", category: "environment", createdBy: "u1", status: "done" });
    expect(boardProgress(decodeBoard(doc))).toEqual({ done: 1, total: 4 });
    addChecklistItem(doc, id, "Bước 1");
    expect(boardProgress(decodeBoard(doc))).toEqual({ done: 0, total: 4 });
  });
});

describe("deadlines in Asia/Ho_Chi_Minh", () => {
  it("turns the date over at midnight in Hồ Chí Minh, not UTC", () => {
    expect(todayInHcm(new Date("2023-12-04T16:59:59Z"))).toBe("2023-12-04");
    expect(todayInHcm(new Date("2023-12-04T17:00:00Z"))).toBe("2023-12-05");
    expect(todayInHcm(new Date("2023-12-04T17:30:00Z"))).toBe("2023-12-05");
    expect(todayInHcm(new Date("2023-12-31T18:00:00Z"))).toBe("2024-01-01");
  });

  it("makes a card due 04/12 overdue from 05/12 00:00 in Hồ Chí Minh", () => {
    const card = { dueDate: "2023-12-04", status: "in_progress" } as const;
    expect(isOverdue(card, todayInHcm(new Date("2023-12-04T16:59:00Z")))).toBe(false);
    expect(isOverdue(card, todayInHcm(new Date("2023-12-04T17:30:00Z")))).toBe(true);
  });

  it("never calls a done card or a card without due date overdue", () => {
    expect(isOverdue({ dueDate: "2023-05-01", status: "done" }, "2023-12-05")).toBe(false);
    expect(isOverdue({ dueDate: null, status: "planned" }, "2023-12-05")).toBe(false);
    expect(isOverdue({ dueDate: "2023-12-05", status: "planned" }, "2023-12-05")).toBe(false);
  });

  it("counts whole days left, zero on the day and negative after", () => {
    const deadline = "2023-12-05";
    expect(daysLeft(deadline, todayInHcm(new Date("2023-12-04T16:59:00Z")))).toBe(1);
    expect(daysLeft(deadline, todayInHcm(new Date("2023-12-04T17:30:00Z")))).toBe(0);
    expect(daysLeft(deadline, "2023-12-07")).toBe(-2);
    expect(daysLeft(deadline, "2023-04-10")).toBe(239);
    expect(daysLeft("2024-03-01", "2024-02-28")).toBe(2);
    expect(() => daysLeft("05/12/2023", "2023-12-01")).toThrow(RangeError);
  });
});
