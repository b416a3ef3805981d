import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { cardsMap, checklistOf } from "./board-doc";
import { addCard } from "./card-mutations";
import {
  addChecklistItem,
  editChecklistItem,
  moveChecklistItem,
  removeChecklistItem,
  setChecklistItemDone,
} from "./checklist-mutations";
import { decodeBoard, readBoard } from "./decode-board";
import { liveItems } from "./ordering";
import { cardById, cardByTemplate, expectDomainError, newBoard } from "./test-support";

function setup() {
  const doc = newBoard();
  const card = cardByTemplate(decodeBoard(doc), "tpl-a");
  return { doc, cardId: card.id, templateItems: card.checklist.map((i) => i.id) };
}

const texts = (doc: Y.Doc, cardId: string) => liveItems(cardById(doc, cardId)).map((i) => i.text);
const tick = { userId: "u-teacher", at: new Date("2023-06-01T03:00:00Z") };

describe("addChecklistItem", () => {
  it("appends a school item after the template items", () => {
    const { doc, cardId } = setup();
    const id = addChecklistItem(doc, cardId, "  Chụp ảnh  ");
    expect(texts(doc, cardId)).toEqual(["Dự thảo", "Ban hành", "Chụp ảnh"]);
    expect(cardById(doc, cardId).checklist.find((i) => i.id === id)).toMatchObject({
      origin: "school",
      templateId: null,
      needsEvidence: false,
      done: false,
    });
    expect(readBoard(doc).ok).toBe(true);
  });

  it("works on a school card too, and refuses blank or long text", () => {
    const { doc } = setup();
    const cardId = addCard(doc, { title: "Riêng", category: "environment", createdBy: "u1" });
    addChecklistItem(doc, cardId, "Một");
    expect(texts(doc, cardId)).toEqual(["Một"]);
    expectDomainError(() => addChecklistItem(doc, cardId, " "), "invalid_input");
    expectDomainError(() => addChecklistItem(doc, cardId, "x".repeat(501)), "invalid_input");
    expectDomainError(() => addChecklistItem(doc, "card-nope", "A"), "card_not_found");
  });
});

describe("editChecklistItem", () => {
  it("edits the text of any live item, template ones included", () => {
    const { doc, cardId, templateItems } = setup();
    editChecklistItem(doc, cardId, templateItems[0]!, "Dự thảo kế hoạch");
    expect(texts(doc, cardId)[0]).toBe("Dự thảo kế hoạch");
    expectDomainError(() => editChecklistItem(doc, cardId, "item-nope", "A"), "item_not_found");
    expectDomainError(() => editChecklistItem(doc, cardId, templateItems[0]!, ""), "invalid_input");
  });

  it("refuses an archived item", () => {
    const { doc, cardId, templateItems } = setup();
    const item = checklistOf(cardsMap(doc).get(cardId)!).get(templateItems[0]!)!;
    item.set("archived", true);
    expectDomainError(() => editChecklistItem(doc, cardId, templateItems[0]!, "A"), "item_archived");
    expect(texts(doc, cardId)).toEqual(["Ban hành"]);
  });
});

describe("setChecklistItemDone", () => {
  it("records who ticked and when, and clears both on untick", () => {
    const { doc, cardId, templateItems } = setup();
    setChecklistItemDone(doc, cardId, templateItems[1]!, true, tick);
    expect(cardById(doc, cardId).checklist.find((i) => i.id === templateItems[1])).toMatchObject({
      done: true,
      doneBy: "u-teacher",
      doneAt: "2023-06-01T03:00:00.000Z",
    });
    expect(readBoard(doc).ok).toBe(true);
    setChecklistItemDone(doc, cardId, templateItems[1]!, false, tick);
    expect(cardById(doc, cardId).checklist.find((i) => i.id === templateItems[1])).toMatchObject({
      done: false,
      doneBy: null,
      doneAt: null,
    });
  });

  it("keeps the first ticker when an item is ticked again", () => {
    const { doc, cardId, templateItems } = setup();
    setChecklistItemDone(doc, cardId, templateItems[0]!, true, tick);
    setChecklistItemDone(doc, cardId, templateItems[0]!, true, { userId: "u-late", at: new Date() });
    expect(cardById(doc, cardId).checklist[0]!.doneBy).toBe("u-teacher");
  });

  it("refuses a missing user or an invalid date", () => {
    const { doc, cardId, templateItems } = setup();
    expectDomainError(() => setChecklistItemDone(doc, cardId, templateItems[0]!, true, { userId: "", at: new Date() }), "invalid_input");
    expectDomainError(
      () => setChecklistItemDone(doc, cardId, templateItems[0]!, true, { userId: "u1", at: new Date("nope") }),
      "invalid_input",
    );
  });
});

describe("removeChecklistItem", () => {
  it("removes a school item but never a template item", () => {
    const { doc, cardId, templateItems } = setup();
    const id = addChecklistItem(doc, cardId, "Riêng");
    removeChecklistItem(doc, cardId, id);
    expect(texts(doc, cardId)).toEqual(["Dự thảo", "Ban hành"]);
    expectDomainError(() => removeChecklistItem(doc, cardId, templateItems[0]!), "template_item");
    expectDomainError(() => removeChecklistItem(doc, cardId, id), "item_not_found");
  });
});

describe("moveChecklistItem", () => {
  it("reorders among the live items", () => {
    const { doc, cardId, templateItems } = setup();
    const id = addChecklistItem(doc, cardId, "Ba");
    moveChecklistItem(doc, cardId, id, 0);
    expect(texts(doc, cardId)).toEqual(["Ba", "Dự thảo", "Ban hành"]);
    moveChecklistItem(doc, cardId, templateItems[0]!, 2);
    expect(texts(doc, cardId)).toEqual(["Ba", "Ban hành", "Dự thảo"]);
    expectDomainError(() => moveChecklistItem(doc, cardId, id, -1), "invalid_input");
    expect(readBoard(doc).ok).toBe(true);
  });
});
