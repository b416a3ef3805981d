import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { cardsMap, initBoardDoc, metaMap } from "./board-doc";
import { decodeBoard, readBoard } from "./decode-board";
import { DomainError } from "./errors";
import { cardsByColumn } from "./ordering";
import { PLAN_2023_TEMPLATE } from "./plan-2023";
import { boardSchema } from "./schema";
import { SMALL_TEMPLATE, newBoard, replicate } from "./test-support";

describe("initBoardDoc", () => {
  it("writes meta and one planned template card per entry, in template order", () => {
    const doc = newBoard();
    const board = decodeBoard(doc);
    expect(board.schemaVersion).toBe(1);
    expect(board.columns).toEqual(["planned", "in_progress", "done"]);
    expect(cardsByColumn(board).planned.map((c) => c.templateId)).toEqual(["tpl-a", "tpl-b"]);
    const first = board.cards.find((c) => c.templateId === "tpl-a")!;
    expect(first).toMatchObject({
      origin: "template",
      status: "planned",
      section: "I.2",
      title: "Kế hoạch",
      createdBy: null,
      archived: false,
      assignees: [],
    });
    expect(first.checklist.map((i) => [i.templateId, i.text, i.needsEvidence, i.done])).toEqual([
      ["tpl-a-1", "Dự thảo", false, false],
      ["tpl-a-2", "Ban hành", true, false],
    ]);
  });

  it("is idempotent: a second call leaves existing cards and edits alone", () => {
    const doc = newBoard();
    const [first] = [...cardsMap(doc).values()];
    (first!.get("title") as Y.Text).insert(0, "Sửa: ");
    const before = Y.encodeStateAsUpdate(doc);
    initBoardDoc(doc, SMALL_TEMPLATE);
    initBoardDoc(doc, PLAN_2023_TEMPLATE);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(decodeBoard(doc).cards).toHaveLength(2);
  });

  it("does nothing on a replica that received an initialised board", () => {
    const copy = replicate(newBoard());
    initBoardDoc(copy, SMALL_TEMPLATE);
    expect(decodeBoard(copy).cards).toHaveLength(2);
  });

  it("refuses a malformed template without writing anything", () => {
    const doc = new Y.Doc();
    const bad = [{ ...SMALL_TEMPLATE[0]!, title: "  " }];
    expect(() => initBoardDoc(doc, bad)).toThrow(DomainError);
    expect(metaMap(doc).size).toBe(0);
  });

  it("produces a board that boardSchema accepts, for the 2023 plan", () => {
    const result = readBoard(newBoard(PLAN_2023_TEMPLATE));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.board.cards).toHaveLength(PLAN_2023_TEMPLATE.length);
  });
});

describe("readBoard", () => {
  it("refuses an uninitialised doc", () => {
    const result = readBoard(new Y.Doc());
    expect(result.ok).toBe(false);
  });

  it("refuses a title stored as a plain string instead of a Y.Text", () => {
    const doc = newBoard();
    const [card] = [...cardsMap(doc).values()];
    card!.set("title", "plain");
    expect(readBoard(doc)).toMatchObject({ ok: false, error: expect.stringContaining("title") });
  });

  it("refuses unknown keys on cards and on meta", () => {
    const doc = newBoard();
    [...cardsMap(doc).values()][0]!.set("colour", "red");
    expect(readBoard(doc)).toMatchObject({ ok: false, error: expect.stringContaining("colour") });
    const other = newBoard();
    metaMap(other).set("owner", "me");
    expect(readBoard(other)).toMatchObject({ ok: false, error: expect.stringContaining("owner") });
  });

  it("refuses a card whose id field disagrees with its key", () => {
    const doc = newBoard();
    [...cardsMap(doc).values()][0]!.set("id", "card-other");
    expect(readBoard(doc).ok).toBe(false);
  });

  it("refuses content under root types other than meta and cards", () => {
    const doc = newBoard();
    doc.getText("notes").insert(0, "hidden");
    expect(readBoard(doc)).toMatchObject({ ok: false, error: expect.stringContaining("notes") });
  });

  it("refuses a position that is not a fractional-indexing key", () => {
    const doc = newBoard();
    [...cardsMap(doc).values()][0]!.set("position", "a00");
    expect(readBoard(doc)).toMatchObject({ ok: false, error: expect.stringContaining("position") });
  });

  it("gives decoded arrays that do not alias the document", () => {
    const doc = newBoard();
    const board = decodeBoard(doc);
    board.cards[0]!.criteria.push("dep");
    expect(decodeBoard(doc).cards[0]!.criteria).toEqual(["sang", "xanh"]);
  });
});

describe("boardSchema", () => {
  const board = () => decodeBoard(newBoard());

  it("refuses an unknown status, category or criterion", () => {
    for (const patch of [{ status: "blocked" }, { category: "sports" }, { criteria: ["sang", "bright"] }]) {
      const b = board();
      Object.assign(b.cards[0]!, patch);
      expect(boardSchema.safeParse(b).success).toBe(false);
    }
  });

  it("refuses blank or overlong titles, overlong descriptions and bad dates", () => {
    for (const patch of [
      { title: "   " },
      { title: "x".repeat(201) },
      { description: "x".repeat(5001) },
      { dueDate: "05/12/2023" },
      { dueDate: "2023-02-30" },
    ]) {
      const b = board();
      Object.assign(b.cards[0]!, patch);
      expect(boardSchema.safeParse(b).success, JSON.stringify(patch).slice(0, 40)).toBe(false);
    }
  });

  it("refuses columns other than the three statuses in order", () => {
    const b = board();
    b.columns = ["planned", "done", "in_progress"] as never;
    expect(boardSchema.safeParse(b).success).toBe(false);
  });

  it("refuses a ticked item with no doneAt, and a school card claiming a templateId", () => {
    const ticked = board();
    ticked.cards[0]!.checklist[0]!.done = true;
    expect(boardSchema.safeParse(ticked).success).toBe(false);
    const forged = board();
    Object.assign(forged.cards[0]!, { origin: "school" });
    expect(boardSchema.safeParse(forged).success).toBe(false);
  });
});
