import { describe, expect, it } from "vitest";
import { PLAN_2023, PLAN_2023_TEMPLATE } from "./plan-2023";
import { diffTemplates } from "./template-diff";
import { describeTemplateIssues, shiftDateYears, shiftTemplateYears, validateTemplate, type TemplateContent } from "./template";

const deadline = PLAN_2023.deadline;
const plan = (): TemplateContent => ({ cards: structuredClone(PLAN_2023_TEMPLATE) });

function issuesOf(input: unknown) {
  const result = validateTemplate(input, { start: PLAN_2023.planDate, deadline });
  if (result.ok) throw new Error("expected the template to be refused");
  return result.issues;
}

describe("validateTemplate", () => {
  it("accepts the 2023 plan's template as it stands", () => {
    const result = validateTemplate(plan(), { start: PLAN_2023.planDate, deadline });
    expect(result.ok).toBe(true);
  });

  it("names the field of an empty title, a due date after the deadline and an unknown criterion", () => {
    const t = plan() as unknown as { cards: Record<string, unknown>[] };
    t.cards[2]!.title = "  ";
    t.cards[4]!.dueDate = "2023-12-06";
    t.cards[5]!.criteria = ["sang", "tuyet-voi"];
    const issues = issuesOf(t);
    expect(issues).toContainEqual(expect.objectContaining({ path: "cards.2.title", code: "required" }));
    expect(issues).toContainEqual(expect.objectContaining({ path: "cards.5.criteria.1", code: "unknown_criterion" }));
    expect(issues).toContainEqual(expect.objectContaining({ path: "cards.4.dueDate", code: "after_deadline" }));
    expect(issues).toHaveLength(3);
    t.cards[2]!.title = "Tiêu đề";
    t.cards[5]!.criteria = ["sang"];
    const late = issuesOf(t);
    expect(late).toEqual([expect.objectContaining({ path: "cards.4.dueDate", code: "after_deadline" })]);
    expect(describeTemplateIssues(late)).toMatch(/^cards\.4\.dueDate: is after the campaign deadline/);
  });

  it("accepts a due date on the deadline day itself", () => {
    const t = plan();
    t.cards[0]!.dueDate = deadline;
    expect(validateTemplate(t, { start: PLAN_2023.planDate, deadline }).ok).toBe(true);
  });

  it("refuses repeated template ids, blank item text, bad dates, unknown fields and an empty template", () => {
    const t = plan() as unknown as { cards: Record<string, unknown>[] };
    (t.cards[1]!.checklist as { text: string }[])[0]!.text = "";
    t.cards[3]!.dueDate = "2023-02-30";
    t.cards[0]!.colour = "red";
    const issues = issuesOf(t);
    expect(issues).toContainEqual(expect.objectContaining({ path: "cards.1.checklist.0.text", code: "required" }));
    expect(issues).toContainEqual(expect.objectContaining({ path: "cards.3.dueDate", code: "bad_date" }));
    expect(issues).toContainEqual(expect.objectContaining({ path: "cards.0", code: "unknown_field" }));

    const dup = plan();
    dup.cards[1]!.templateId = dup.cards[0]!.templateId;
    expect(issuesOf(dup)).toEqual([expect.objectContaining({ path: "cards.1.templateId", code: "duplicate_id" })]);
    expect(issuesOf({ cards: [] })).toEqual([expect.objectContaining({ path: "cards", code: "no_cards" })]);
    expect(issuesOf("nonsense")[0]?.code).toBe("invalid");
  });

  it("trims texts, orders criteria as the plan does and turns a blank section into none", () => {
    const t = plan();
    t.cards[0]!.title = "  Kế hoạch  ";
    t.cards[0]!.criteria = ["van_minh", "sang"];
    t.cards[0]!.section = " ";
    const result = validateTemplate(t, { start: PLAN_2023.planDate, deadline });
    if (!result.ok) throw new Error(describeTemplateIssues(result.issues));
    expect(result.template.cards[0]).toMatchObject({ title: "Kế hoạch", criteria: ["sang", "van_minh"], section: null });
  });
});

describe("next year's copy", () => {
  it("moves every due date one year on, and 29 February to the 28th", () => {
    const next = shiftTemplateYears(plan(), 1);
    expect(next.cards.find((c) => c.templateId === "tpl-report")!.dueDate).toBe("2024-12-04");
    expect(shiftDateYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(validateTemplate(next, { start: "2024-04-10", deadline: "2024-12-05" }).ok).toBe(true);
  });
});

describe("diffTemplates", () => {
  it("lists what the officer changed, matched by template id", () => {
    const next = plan();
    next.cards[0]!.checklist[0]!.text = "Kế hoạch mới";
    next.cards[0]!.checklist.pop();
    next.cards[1]!.dueDate = "2023-11-20";
    next.cards[1]!.checklist.push({ templateId: "tpl-new-item", text: "Việc mới", needsEvidence: true });
    next.cards.splice(2, 1);
    next.cards.push({ ...structuredClone(PLAN_2023_TEMPLATE[3]!), templateId: "tpl-nov", title: "Yêu cầu tháng 11", checklist: [] });
    const kinds = diffTemplates(plan(), next).map((c) => c.kind);
    expect(kinds.sort()).toEqual(["card_added", "card_redated", "card_removed", "item_added", "item_removed", "item_renamed"].sort());
    expect(diffTemplates(plan(), plan())).toEqual([]);
  });
});
