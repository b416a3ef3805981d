import { describe, expect, it } from "vitest";
import { addCard, moveCard } from "./card-mutations";
import { addChecklistItem, setChecklistItemDone } from "./checklist-mutations";
import { cardsMap, checklistOf } from "./board-doc";
import { decodeBoard } from "./decode-board";
import { boardProgress, cardProgress, daysLeft, doneHint, isCardDone, isOverdue, todayInHcm } from "./progress";
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

  it("counts every item of a card in Hoàn thành, ticked or not, and hints at the unticked ones", () => {
    const doc = newBoard();
    const plan = cardByTemplate(decodeBoard(doc), "tpl-a");
    setChecklistItemDone(doc, plan.id, plan.checklist[0]!.id, true, by);
    moveCard(doc, plan.id, "done");
    const moved = cardByTemplate(decodeBoard(doc), "tpl-a");
    expect(isCardDone(moved)).toBe(true);
    expect(cardProgress(moved)).toEqual({ done: 2, total: 2 });
    expect(doneHint(moved)).toBe("unticked_items");
  });

  it("keeps a fully ticked card that was not moved not done, overdue after its date, with a hint", () => {
    const doc = newBoard();
    const plan = cardByTemplate(decodeBoard(doc), "tpl-a");
    for (const item of plan.checklist) setChecklistItemDone(doc, plan.id, item.id, true, by);
    const ticked = cardByTemplate(decodeBoard(doc), "tpl-a");
    expect(isCardDone(ticked)).toBe(false);
    expect(cardProgress(ticked)).toEqual({ done: 2, total: 2 });
    expect(doneHint(ticked)).toBe("move_to_done");
    expect(isOverdue({ ...ticked, dueDate: "2023-05-01" }, "2023-06-01")).toBe(true);
    moveCard(doc, plan.id, "done");
    expect(doneHint(cardByTemplate(decodeBoard(doc), "tpl-a"))).toBeNull();
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
    expect(boardProgress(decodeBoard(doc))).toEqual({ done: 1, total: 4 });
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
