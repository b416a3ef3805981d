import { describe, expect, it } from "vitest";
import { decodeBoard, readBoard } from "./decode-board";
import { PLAN_2023, PLAN_2023_OBLIGATIONS, PLAN_2023_TEMPLATE } from "./plan-2023";
import { templateCardSchema } from "./schema";
import { newBoard } from "./test-support";
import { CATEGORIES, CRITERIA } from "./vocabulary";

const cardIds = PLAN_2023_TEMPLATE.map((c) => c.templateId);
const itemIds = PLAN_2023_TEMPLATE.flatMap((c) => c.checklist.map((i) => i.templateId));

describe("the 2023 Kiến An plan as a template", () => {
  it("covers every obligation the plan places on schools with an existing card or item", () => {
    const known = new Set([...cardIds, ...itemIds]);
    for (const obligation of PLAN_2023_OBLIGATIONS) {
      expect(obligation.templateIds.length, obligation.key).toBeGreaterThan(0);
      for (const id of obligation.templateIds) expect(known.has(id), `${obligation.key} → ${id}`).toBe(true);
    }
    expect(new Set(PLAN_2023_OBLIGATIONS.map((o) => o.key)).size).toBe(PLAN_2023_OBLIGATIONS.length);
    expect(new Set(PLAN_2023_OBLIGATIONS.map((o) => o.section))).toEqual(new Set(["I.2", "II.1", "II.2", "III.2"]));
  });

  it("puts every card to work for some obligation", () => {
    const covered = new Set(PLAN_2023_OBLIGATIONS.flatMap((o) => o.templateIds.map((id) => id.replace(/-\d+$/, ""))));
    for (const id of cardIds) expect(covered.has(id), id).toBe(true);
  });

  it("has 10–14 valid cards of 2–5 items with unique, stable ids", () => {
    expect(PLAN_2023_TEMPLATE.length).toBeGreaterThanOrEqual(10);
    expect(PLAN_2023_TEMPLATE.length).toBeLessThanOrEqual(14);
    for (const card of PLAN_2023_TEMPLATE) {
      expect(templateCardSchema.safeParse(card).success, card.templateId).toBe(true);
      expect(card.checklist.length, card.templateId).toBeGreaterThanOrEqual(2);
      expect(card.checklist.length, card.templateId).toBeLessThanOrEqual(5);
      expect(card.templateId).toMatch(/^tpl-[a-z-]+$/);
    }
    expect(new Set([...cardIds, ...itemIds]).size).toBe(cardIds.length + itemIds.length);
    expect(new Set(PLAN_2023_TEMPLATE.map((c) => c.category))).toEqual(new Set(CATEGORIES));
    expect(new Set(PLAN_2023_TEMPLATE.flatMap((c) => c.criteria))).toEqual(new Set(CRITERIA));
  });

  it("dates every card between May and the reporting deadline", () => {
    for (const card of PLAN_2023_TEMPLATE) {
      expect(card.dueDate, card.templateId).not.toBeNull();
      expect(card.dueDate! >= "2023-05-01", card.templateId).toBe(true);
      expect(card.dueDate! <= PLAN_2023.deadline, card.templateId).toBe(true);
    }
    const report = PLAN_2023_TEMPLATE.find((c) => c.templateId === "tpl-report")!;
    expect(report.dueDate! < PLAN_2023.deadline).toBe(true);
  });

  it("asks for evidence somewhere on every card that a photo or file could prove", () => {
    expect(itemIds.length).toBeGreaterThan(0);
    for (const card of PLAN_2023_TEMPLATE) {
      expect(card.checklist.some((i) => i.needsEvidence), card.templateId).toBe(true);
    }
  });

  it("initialises a board that boardSchema accepts", () => {
    const doc = newBoard(PLAN_2023_TEMPLATE);
    expect(readBoard(doc).ok).toBe(true);
    expect(decodeBoard(doc).cards.every((c) => c.origin === "template" && c.status === "planned")).toBe(true);
  });
});
