import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { cardsByColumn, decodeBoard, type DomainError } from "~/domain";
import { newBoard, replicate, sync } from "~/domain/test-support";
import { createCardActions } from "./card-actions";

function setup(doc: Y.Doc, userId = "teacher-1") {
  const refused: string[] = [];
  const actions = createCardActions({
    userId,
    mutate: (fn) => {
      fn(doc);
      return true;
    },
    onRefused: (e: DomainError | { code: string }) => refused.push(e.code),
    now: () => new Date("2023-06-01T03:00:00.000Z"),
  });
  return { actions, refused };
}

const board = (doc: Y.Doc) => decodeBoard(doc);

describe("card actions on a shared Y.Doc", () => {
  it("a tick, a title edit and a move in one replica reach the other", () => {
    const a = newBoard();
    const b = replicate(a);
    const { actions } = setup(a);
    const card = board(a).cards.find((c) => c.templateId === "tpl-a")!;
    const item = card.checklist[0]!;
    expect(actions.tick(card.id, item.id, true)).toBe(true);
    expect(actions.edit(card.id, { title: "Kế hoạch hành động 2023" })).toBe(true);
    expect(actions.move(card.id, "in_progress", 0)).toBe(true);
    sync(a, b);
    const seen = board(b).cards.find((c) => c.id === card.id)!;
    expect(seen.title).toBe("Kế hoạch hành động 2023");
    expect(seen.status).toBe("in_progress");
    expect(seen.checklist.find((i) => i.id === item.id)).toMatchObject({ done: true, doneBy: "teacher-1", doneAt: "2023-06-01T03:00:00.000Z" });
  });

  it("adds a school card at the end of its column, with checklist items, and deletes it", () => {
    const doc = newBoard();
    const { actions, refused } = setup(doc);
    const id = actions.add("done", "Trồng cây xanh", "environment");
    expect(id).toMatch(/^card-/);
    expect(cardsByColumn(board(doc)).done.map((c) => c.title)).toEqual(["Trồng cây xanh"]);
    expect(actions.addItem(id!, "Mua cây giống")).toBe(true);
    const itemId = board(doc).cards.find((c) => c.id === id)!.checklist[0]!.id;
    expect(actions.editItem(id!, itemId, "Mua 20 cây giống")).toBe(true);
    expect(board(doc).cards.find((c) => c.id === id)!.checklist[0]!.text).toBe("Mua 20 cây giống");
    expect(actions.removeItem(id!, itemId)).toBe(true);
    expect(actions.assign(id!, ["teacher-1", "principal-1"])).toBe(true);
    expect(board(doc).cards.find((c) => c.id === id)!.assignees).toEqual(["teacher-1", "principal-1"]);
    expect(actions.remove(id!)).toBe(true);
    expect(cardsByColumn(board(doc)).done).toEqual([]);
    expect(actions.restore(id!)).toBe(true);
    expect(cardsByColumn(board(doc)).done.map((c) => c.title)).toEqual(["Trồng cây xanh"]);
    expect(actions.remove(id!)).toBe(true);
    expect(actions.purge(id!)).toBe(true);
    expect(board(doc).cards.some((c) => c.id === id)).toBe(false);
    expect(refused).toEqual([]);
  });

  it("types live: the stored text comes back, a blank title is refused quietly (the field explains it)", () => {
    const doc = newBoard();
    const { actions, refused } = setup(doc);
    const card = board(doc).cards.find((c) => c.templateId === "tpl-a")!;
    expect(actions.type(card.id, "title", "Kế hoạch", "Kế hoạch ")).toBe("Kế hoạch ");
    expect(actions.type(card.id, "title", "Kế hoạch ", "")).toBeNull();
    expect(actions.typeItem(card.id, card.checklist[0]!.id, "Dự thảo", "Dự thảo 1")).toBe("Dự thảo 1");
    expect(actions.type("card-gone", "description", "", "x")).toBeNull();
    expect(refused).toEqual(["card_not_found"]);
  });

  it("reports what the domain refuses instead of throwing into the UI", () => {
    const doc = newBoard();
    const { actions, refused } = setup(doc);
    const template = board(doc).cards.find((c) => c.templateId === "tpl-a")!;
    expect(actions.remove(template.id)).toBe(false);
    expect(actions.removeItem(template.id, template.checklist[0]!.id)).toBe(false);
    expect(actions.edit(template.id, { title: "   " })).toBe(false);
    expect(actions.tick("card-gone", "item-x", true)).toBe(false);
    expect(refused).toEqual(["template_card", "template_item", "invalid_input", "card_not_found"]);
    expect(board(doc).cards.find((c) => c.id === template.id)!.title).toBe("Kế hoạch");
  });

  it("says so when there is no live document yet (before hydration, or read-only)", () => {
    const refused: string[] = [];
    const actions = createCardActions({ userId: "u", mutate: () => false, onRefused: (e) => refused.push(e.code) });
    expect(actions.add("planned", "X", "propaganda")).toBeNull();
    expect(refused).toEqual(["notReady"]);
  });
});
