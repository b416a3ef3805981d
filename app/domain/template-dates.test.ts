import { describe, expect, it } from "vitest";
import { PLAN_2023, PLAN_2023_TEMPLATE } from "./plan-2023";
import { moveDueDates, resolveDue, ruleFor } from "./template-dates";

const plan = { start: PLAN_2023.planDate, deadline: PLAN_2023.deadline };

describe("due dates relative to the campaign", () => {
  it("counts from the nearer end and resolves back to the same day", () => {
    expect(ruleFor("2023-05-05", plan)).toEqual({ from: "start", days: 25 });
    expect(ruleFor("2023-12-04", plan)).toEqual({ from: "deadline", days: -1 });
    for (const card of PLAN_2023_TEMPLATE) if (card.dueDate) expect(resolveDue(ruleFor(card.dueDate, plan), plan)).toBe(card.dueDate);
  });

  it("puts every date of the 2023 plan inside a September–May school year", () => {
    const year = { start: "2026-09-05", deadline: "2027-05-25" };
    const moved = moveDueDates(PLAN_2023_TEMPLATE, plan, year);
    for (const card of moved) {
      if (!card.dueDate) continue;
      expect(card.dueDate >= year.start && card.dueDate <= year.deadline, `${card.templateId} ${card.dueDate}`).toBe(true);
    }
    expect(moved.find((c) => c.templateId === "tpl-action-plan")?.dueDate).toBe("2026-09-30");
  });
});
