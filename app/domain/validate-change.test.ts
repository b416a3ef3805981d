import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { cardsMap, checklistOf, metaMap } from "./board-doc";
import { addCard, deleteCard, editCard, moveCard, purgeCard, restoreCard } from "./card-mutations";
import { addChecklistItem, removeChecklistItem, setChecklistItemDone } from "./checklist-mutations";
import { decodeBoard } from "./decode-board";
import { PLAN_2023_TEMPLATE } from "./plan-2023";
import type { Board } from "./schema";
import { cardByTemplate, newBoard, replicate } from "./test-support";
import { validateTransition } from "./validate-change";

// As the server runs it: decode, apply a client's change to a copy, decode again.
function transition(change: (doc: Y.Doc, board: Board) => void, options?: { actorId?: string }) {
  const doc = newBoard();
  const before = decodeBoard(doc);
  const copy = replicate(doc);
  change(copy, before);
  return validateTransition(before, decodeBoard(copy), options);
}

const plan = (board: Board) => cardByTemplate(board, "tpl-a");
const raw = (doc: Y.Doc, id: string) => cardsMap(doc).get(id)!;

describe("validateTransition accepts a school's ordinary work", () => {
  it.each<[string, (doc: Y.Doc, board: Board) => void]>([
    ["editing and moving a template card", (doc, b) => {
      editCard(doc, plan(b).id, { title: "Kế hoạch của trường", criteria: ["dep"] });
      moveCard(doc, plan(b).id, "in_progress");
    }],
    ["ticking an item", (doc, b) => setChecklistItemDone(doc, plan(b).id, plan(b).checklist[0]!.id, true, { userId: "u1", at: new Date() })],
    ["adding and deleting a school card", (doc) => {
      const id = addCard(doc, { title: "Riêng", category: "environment", createdBy: "u1" });
      addCard(doc, { title: "Khác", category: "environment", createdBy: "u1" });
      deleteCard(doc, id);
    }],
    ["adding and removing a school item", (doc, b) => {
      const id = addChecklistItem(doc, plan(b).id, "Riêng");
      addChecklistItem(doc, plan(b).id, "Khác");
      removeChecklistItem(doc, plan(b).id, id);
    }],
  ])("%s", (_, change) => {
    expect(transition(change)).toEqual({ ok: true });
  });

  it("accepts deleting a school card that existed before", () => {
    const doc = newBoard();
    const id = addCard(doc, { title: "Riêng", category: "environment", createdBy: "u1" });
    const before = decodeBoard(doc);
    deleteCard(doc, id);
    expect(validateTransition(before, decodeBoard(doc))).toEqual({ ok: true });
    const binned = decodeBoard(doc);
    restoreCard(doc, id);
    expect(validateTransition(binned, decodeBoard(doc))).toEqual({ ok: true });
    deleteCard(doc, id);
    const again = decodeBoard(doc);
    purgeCard(doc, id);
    expect(validateTransition(again, decodeBoard(doc))).toEqual({ ok: true });
  });
});

describe("validateTransition refuses", () => {
  it.each<[string, string, (doc: Y.Doc, board: Board) => void]>([
    ["deleting a template card", "template_card_deleted", (doc, b) => cardsMap(doc).delete(plan(b).id)],
    ["deleting a template item", "template_item_deleted", (doc, b) => checklistOf(raw(doc, plan(b).id)).delete(plan(b).checklist[0]!.id)],
    ["deleting the columns", "invalid_board", (doc) => metaMap(doc).delete("columns")],
    ["reordering the columns", "invalid_board", (doc) => (metaMap(doc).get("columns") as Y.Array<string>).delete(0, 1)],
    ["an unknown status", "invalid_board", (doc, b) => raw(doc, plan(b).id).set("status", "blocked")],
    ["an unknown category", "invalid_board", (doc, b) => raw(doc, plan(b).id).set("category", "sports")],
    ["archiving a template card", "field_locked", (doc, b) => raw(doc, plan(b).id).set("archived", true)],
    ["turning a template card into a school card", "invalid_board", (doc, b) => raw(doc, plan(b).id).set("origin", "school")],
    ["changing a template card's templateId", "field_locked", (doc, b) => raw(doc, plan(b).id).set("templateId", "tpl-x")],
    ["changing a template card's section", "field_locked", (doc, b) => raw(doc, plan(b).id).set("section", "II.1")],
    ["archiving a template item", "field_locked", (doc, b) => checklistOf(raw(doc, plan(b).id)).get(plan(b).checklist[0]!.id)!.set("archived", true)],
    ["dropping a template item's evidence need", "field_locked", (doc, b) => checklistOf(raw(doc, plan(b).id)).get(plan(b).checklist[1]!.id)!.set("needsEvidence", false)],
    ["changing templateVersion", "meta_locked", (doc) => metaMap(doc).set("templateVersion", 2)],
    ["forging a new template card", "template_forged", (doc) => {
      const id = addCard(doc, { title: "Giả", category: "environment", createdBy: "u1" });
      raw(doc, id).set("origin", "template");
      raw(doc, id).set("templateId", "tpl-fake");
    }],
  ])("%s", (_, code, change) => {
    expect(transition(change)).toMatchObject({ ok: false, code });
  });

  it("rewriting who created a school card", () => {
    const doc = newBoard();
    const id = addCard(doc, { title: "Riêng", category: "environment", createdBy: "u1" });
    const before = decodeBoard(doc);
    raw(doc, id).set("createdBy", "u2");
    expect(validateTransition(before, decodeBoard(doc))).toMatchObject({ ok: false, code: "field_locked" });
  });

  it("with an actor, a tick or a new card in someone else's name", () => {
    const tick = (userId: string) => (doc: Y.Doc, b: Board) =>
      setChecklistItemDone(doc, plan(b).id, plan(b).checklist[0]!.id, true, { userId, at: new Date() });
    expect(transition(tick("u1"), { actorId: "u1" })).toEqual({ ok: true });
    expect(transition(tick("u2"), { actorId: "u1" })).toMatchObject({ ok: false, code: "wrong_actor" });
    const create = (doc: Y.Doc) => void addCard(doc, { title: "A", category: "environment", createdBy: "u2" });
    expect(transition(create, { actorId: "u1" })).toMatchObject({ ok: false, code: "wrong_actor" });
  });

  it("the 2023 plan board stripped of a requirement", () => {
    const doc = newBoard(PLAN_2023_TEMPLATE);
    const before = decodeBoard(doc);
    cardsMap(doc).delete(cardByTemplate(before, "tpl-report").id);
    expect(validateTransition(before, decodeBoard(doc))).toMatchObject({ ok: false, code: "template_card_deleted" });
  });
});
