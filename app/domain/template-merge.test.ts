import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { initBoardDoc } from "./board-doc";
import { addCard, assignCard, editCard, moveCard } from "./card-mutations";
import { addChecklistItem, setChecklistItemDone } from "./checklist-mutations";
import { decodeBoard, readBoard } from "./decode-board";
import { cardsByColumn } from "./ordering";
import { PLAN_2023_TEMPLATE } from "./plan-2023";
import type { Board, Card, TemplateCard } from "./schema";
import type { TemplateContent } from "./template";
import { mergeTemplate } from "./template-merge";
import { expectDomainError, replicate, sync } from "./test-support";

const V1: TemplateContent = {
  cards: [
    {
      templateId: "tpl-plan",
      section: "I.2",
      category: "action_plan",
      criteria: ["sang"],
      title: "Xây dựng kế hoạch",
      description: "Kế hoạch chi tiết",
      dueDate: "2023-05-05",
      checklist: [
        { templateId: "tpl-plan-1", text: "Dự thảo kế hoạch", needsEvidence: false },
        { templateId: "tpl-plan-2", text: "Ban hành kế hoạch", needsEvidence: true },
        { templateId: "tpl-plan-3", text: "Phát động phong trào", needsEvidence: false },
      ],
    },
    {
      templateId: "tpl-clean",
      section: "II.2",
      category: "cleanup_landscape",
      criteria: ["xanh", "sach"],
      title: "Ra quân làm vệ sinh",
      description: "",
      dueDate: "2023-08-31",
      checklist: [{ templateId: "tpl-clean-1", text: "Ra quân đợt 1", needsEvidence: true }],
    },
    {
      templateId: "tpl-old",
      section: "II.1",
      category: "propaganda",
      criteria: [],
      title: "Việc sẽ bỏ",
      description: "",
      dueDate: null,
      checklist: [{ templateId: "tpl-old-1", text: "Chưa ai làm", needsEvidence: false }],
    },
  ],
};

/** November's version: renames, re-dates, adds and removes. */
function v2(): TemplateContent {
  const [plan, clean] = structuredClone(V1.cards) as TemplateCard[];
  plan!.checklist = [
    { templateId: "tpl-plan-1", text: "Dự thảo và lấy ý kiến kế hoạch", needsEvidence: false }, // renamed (ticked)
    // tpl-plan-2 removed (ticked by the school) → archived; tpl-plan-3 removed (not ticked) → deleted
    { templateId: "tpl-plan-4", text: "Báo cáo sơ kết 6 tháng", needsEvidence: true }, // added
  ];
  clean!.dueDate = "2023-11-20"; // re-dated
  const added: TemplateCard = {
    templateId: "tpl-nov",
    section: "III.2",
    category: "review_report",
    criteria: ["van_minh"],
    title: "Yêu cầu bổ sung tháng 11",
    description: "",
    dueDate: "2023-11-30",
    checklist: [{ templateId: "tpl-nov-1", text: "Nộp ảnh minh chứng", needsEvidence: true }],
  };
  return { cards: [plan!, clean!, added] }; // tpl-old removed
}

const TEACHER = "user-teacher";
const at = new Date("2023-06-01T03:00:00.000Z");

function launched(): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(doc, V1.cards, { templateVersion: 1 });
  return doc;
}

const byTpl = (board: Board, templateId: string): Card => {
  const card = board.cards.find((c) => c.templateId === templateId);
  if (!card) throw new Error(`no card ${templateId}`);
  return card;
};
const itemOf = (card: Card, templateId: string) => card.checklist.find((i) => i.templateId === templateId);

/** The school's year so far: two ticks, a card moved, its own card with an item, its own item on a template card. */
function schoolWorks(doc: Y.Doc) {
  const plan = byTpl(decodeBoard(doc), "tpl-plan");
  setChecklistItemDone(doc, plan.id, itemOf(plan, "tpl-plan-1")!.id, true, { userId: TEACHER, at });
  setChecklistItemDone(doc, plan.id, itemOf(plan, "tpl-plan-2")!.id, true, { userId: TEACHER, at });
  moveCard(doc, plan.id, "in_progress");
  const ownItem = addChecklistItem(doc, plan.id, "Việc riêng của trường");
  const ownCard = addCard(doc, { title: "Trồng cây trong sân trường", category: "cleanup_landscape", criteria: ["xanh"], createdBy: TEACHER });
  const ownCardItem = addChecklistItem(doc, ownCard, "Mua cây giống");
  setChecklistItemDone(doc, ownCard, ownCardItem, true, { userId: TEACHER, at });
  return { planId: plan.id, ownItem, ownCard };
}

describe("mergeTemplate: a new version reaches a school board that has been worked on", () => {
  it("keeps card and item ids and ticks through a rename and a new due date", () => {
    const doc = launched();
    const { planId } = schoolWorks(doc);
    const before = decodeBoard(doc);
    const summary = mergeTemplate(doc, v2(), 2, { previous: V1 });
    expect(summary.changed).toBe(true);
    const after = decodeBoard(doc);
    const plan = byTpl(after, "tpl-plan");
    expect(plan.id).toBe(planId);
    const renamed = itemOf(plan, "tpl-plan-1")!;
    expect(renamed.id).toBe(itemOf(byTpl(before, "tpl-plan"), "tpl-plan-1")!.id);
    expect(renamed).toMatchObject({ text: "Dự thảo và lấy ý kiến kế hoạch", done: true, doneBy: TEACHER, doneAt: at.toISOString() });
    const clean = byTpl(after, "tpl-clean");
    expect(clean.id).toBe(byTpl(before, "tpl-clean").id);
    expect(clean.dueDate).toBe("2023-11-20");
    expect(plan.status).toBe("in_progress");
    expect(after.templateVersion).toBe(2);
    expect(readBoard(doc).ok).toBe(true);
  });

  it("adds new cards at the end of 'planned' and new items after the card's live items", () => {
    const doc = launched();
    const { planId, ownItem } = schoolWorks(doc);
    mergeTemplate(doc, v2(), 2, { previous: V1 });
    const board = decodeBoard(doc);
    const planned = cardsByColumn(board).planned;
    expect(planned.at(-1)).toMatchObject({ templateId: "tpl-nov", origin: "template", section: "III.2", status: "planned" });
    expect(itemOf(planned.at(-1)!, "tpl-nov-1")).toMatchObject({ done: false, needsEvidence: true, origin: "template" });
    const plan = board.cards.find((c) => c.id === planId)!;
    const live = plan.checklist.filter((i) => !i.archived).map((i) => i.templateId ?? i.id);
    expect(live).toEqual(["tpl-plan-1", ownItem, "tpl-plan-4"]);
  });

  it("archives a removed item the school ticked, deletes one it did not", () => {
    const doc = launched();
    schoolWorks(doc);
    const summary = mergeTemplate(doc, v2(), 2, { previous: V1 });
    const plan = byTpl(decodeBoard(doc), "tpl-plan");
    expect(itemOf(plan, "tpl-plan-2")).toMatchObject({ archived: true, done: true, doneBy: TEACHER });
    expect(itemOf(plan, "tpl-plan-3")).toBeUndefined();
    expect(summary).toMatchObject({ added: 1, archived: 1 });
  });

  it("deletes a removed card nobody touched, archives one the school worked on", () => {
    const untouched = launched();
    mergeTemplate(untouched, v2(), 2, { previous: V1 });
    expect(decodeBoard(untouched).cards.some((c) => c.templateId === "tpl-old")).toBe(false);

    const works: ((doc: Y.Doc, id: string) => void)[] = [
      (doc, id) => moveCard(doc, id, "done"),
      (doc, id) => assignCard(doc, id, [TEACHER]),
      (doc, id) => setChecklistItemDone(doc, id, byTpl(decodeBoard(doc), "tpl-old").checklist[0]!.id, true, { userId: TEACHER, at }),
      (doc, id) => addChecklistItem(doc, id, "Việc riêng"),
    ];
    for (const work of works) {
      const doc = launched();
      const old = byTpl(decodeBoard(doc), "tpl-old");
      work(doc, old.id);
      mergeTemplate(doc, v2(), 2, { previous: V1 });
      const kept = decodeBoard(doc).cards.find((c) => c.id === old.id);
      expect(kept?.archived).toBe(true);
      expect(cardsByColumn(decodeBoard(doc)).planned.concat(cardsByColumn(decodeBoard(doc)).done).some((c) => c.id === old.id)).toBe(false);
    }
  });

  it("never touches the school's own cards and items", () => {
    const doc = launched();
    const { ownCard, ownItem, planId } = schoolWorks(doc);
    const before = decodeBoard(doc);
    mergeTemplate(doc, v2(), 2, { previous: V1 });
    const after = decodeBoard(doc);
    expect(after.cards.find((c) => c.id === ownCard)).toEqual(before.cards.find((c) => c.id === ownCard));
    const own = (b: Board) => b.cards.find((c) => c.id === planId)!.checklist.find((i) => i.id === ownItem);
    expect(own(after)).toEqual(own(before));
  });

  it("is idempotent: the same version twice writes nothing, the same content again only bumps the version", () => {
    const doc = launched();
    schoolWorks(doc);
    mergeTemplate(doc, v2(), 2, { previous: V1 });
    const snapshot = decodeBoard(doc);
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    expect(mergeTemplate(doc, v2(), 2, { previous: V1 }).changed).toBe(false);
    expect(mergeTemplate(doc, V1, 1).changed).toBe(false); // an older version never goes back
    expect(updates).toHaveLength(0);
    const again = mergeTemplate(doc, v2(), 3, { previous: v2() });
    expect(again).toMatchObject({ changed: true, added: 0, updated: 0, archived: 0, deleted: 0, restored: 0 });
    expect({ ...decodeBoard(doc), templateVersion: 2 }).toEqual(snapshot);
  });

  it("keeps a school's own wording where the district changed nothing, and applies what it did change", () => {
    const doc = launched();
    const clean = byTpl(decodeBoard(doc), "tpl-clean");
    editCard(doc, clean.id, { title: "Ra quân vệ sinh (trường tự đặt tên)", dueDate: "2023-07-01" });
    mergeTemplate(doc, v2(), 2, { previous: V1 });
    // The district moved the due date, not the title.
    expect(byTpl(decodeBoard(doc), "tpl-clean")).toMatchObject({ title: "Ra quân vệ sinh (trường tự đặt tên)", dueDate: "2023-11-20" });

    // Without knowing the previous version, the template's values are taken as they are.
    const blind = launched();
    editCard(blind, byTpl(decodeBoard(blind), "tpl-clean").id, { title: "Tên riêng" });
    mergeTemplate(blind, v2(), 2);
    expect(byTpl(decodeBoard(blind), "tpl-clean").title).toBe("Ra quân làm vệ sinh");
  });

  it("restores an archived card, with its ticks, when the district puts it back", () => {
    const doc = launched();
    const old = byTpl(decodeBoard(doc), "tpl-old");
    setChecklistItemDone(doc, old.id, old.checklist[0]!.id, true, { userId: TEACHER, at });
    mergeTemplate(doc, v2(), 2, { previous: V1 });
    expect(byTpl(decodeBoard(doc), "tpl-old").archived).toBe(true);
    mergeTemplate(doc, { cards: [...v2().cards, V1.cards[2]!] }, 3, { previous: v2() });
    const back = byTpl(decodeBoard(doc), "tpl-old");
    expect(back).toMatchObject({ id: old.id, archived: false });
    expect(back.checklist[0]).toMatchObject({ done: true, doneBy: TEACHER });
  });

  it("merges with a school's concurrent offline tick of an item being renamed", () => {
    const server = launched();
    const phone = replicate(server);
    const plan = byTpl(decodeBoard(phone), "tpl-plan");
    setChecklistItemDone(phone, plan.id, itemOf(plan, "tpl-plan-1")!.id, true, { userId: TEACHER, at });
    mergeTemplate(server, v2(), 2, { previous: V1 });
    sync(server, phone);
    for (const doc of [server, phone]) {
      const item = itemOf(byTpl(decodeBoard(doc), "tpl-plan"), "tpl-plan-1")!;
      expect(item).toMatchObject({ text: "Dự thảo và lấy ý kiến kế hoạch", done: true });
      expect(readBoard(doc).ok).toBe(true);
    }
  });

  it("brings a seeded board of the 2023 plan to a new version without a single refusal", () => {
    const doc = new Y.Doc();
    initBoardDoc(doc, PLAN_2023_TEMPLATE, { templateVersion: 1 });
    const next = structuredClone(PLAN_2023_TEMPLATE);
    next[0]!.checklist.push({ templateId: "tpl-action-plan-4", text: "Bổ sung kế hoạch tháng 11", needsEvidence: true });
    mergeTemplate(doc, { cards: next }, 2, { previous: { cards: PLAN_2023_TEMPLATE } });
    expect(readBoard(doc).ok).toBe(true);
    expect(byTpl(decodeBoard(doc), "tpl-action-plan").checklist).toHaveLength(4);
  });

  it("refuses a document that was never initialised and a template the board model rejects", () => {
    expectDomainError(() => mergeTemplate(new Y.Doc(), V1, 1), "not_initialised");
    const bad = { cards: [{ ...V1.cards[0]!, title: "   " }] };
    expectDomainError(() => mergeTemplate(launched(), bad, 2), "invalid_input");
  });
});
