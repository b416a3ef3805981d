import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { addCard, assignCard, deleteCard, editCard, moveCard, purgeCard, restoreCard } from "./card-mutations";
import { cardsMap } from "./board-doc";
import { decodeBoard, readBoard } from "./decode-board";
import { cardById, cardByTemplate, columnTitles, expectDomainError, newBoard } from "./test-support";

const base = { category: "cleanup_landscape", createdBy: "u-teacher" } as const;

describe("addCard", () => {
  it("appends a school card at the end of its column, with trimmed title", () => {
    const doc = newBoard();
    const id = addCard(doc, { ...base, title: "  Trồng cây  ", criteria: ["xanh", "sang", "xanh"] });
    expect(columnTitles(doc, "planned")).toEqual(["Kế hoạch", "Báo cáo", "Trồng cây"]);
    expect(cardById(doc, id)).toMatchObject({
      origin: "school",
      templateId: null,
      section: null,
      createdBy: "u-teacher",
      status: "planned",
      description: "",
      dueDate: null,
      criteria: ["sang", "xanh"],
      checklist: [],
    });
    expect(readBoard(doc).ok).toBe(true);
  });

  it("adds to another column when given a status", () => {
    const doc = newBoard();
    addCard(doc, { ...base, title: "Một", status: "done" });
    addCard(doc, { ...base, title: "Hai", status: "done" });
    expect(columnTitles(doc, "done")).toEqual(["Một", "Hai"]);
  });

  it("refuses bad input without writing", () => {
    const doc = newBoard();
    const before = Y.encodeStateAsUpdate(doc);
    expectDomainError(() => addCard(doc, { ...base, title: "   " }), "invalid_input");
    expectDomainError(() => addCard(doc, { ...base, title: "x".repeat(201) }), "invalid_input");
    expectDomainError(() => addCard(doc, { ...base, title: "A", category: "sports" as never }), "invalid_input");
    expectDomainError(() => addCard(doc, { ...base, title: "A", dueDate: "2023-13-01" }), "invalid_input");
    expectDomainError(() => addCard(doc, { ...base, title: "A", status: "blocked" as never }), "invalid_input");
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it("refuses a doc that was never initialised", () => {
    expectDomainError(() => addCard(new Y.Doc(), { ...base, title: "A" }), "not_initialised");
  });
});

describe("editCard", () => {
  it("changes only the fields given", () => {
    const doc = newBoard();
    const id = cardByTemplate(decodeBoard(doc), "tpl-a").id;
    editCard(doc, id, { title: " Kế hoạch hành động ", dueDate: null, criteria: ["van_minh"] });
    expect(cardById(doc, id)).toMatchObject({
      title: "Kế hoạch hành động",
      description: "Xây dựng kế hoạch hành động chi tiết",
      category: "action_plan",
      criteria: ["van_minh"],
      dueDate: null,
    });
  });

  it("keeps the Y.Text and edits only the differing span", () => {
    const doc = newBoard();
    const id = cardByTemplate(decodeBoard(doc), "tpl-a").id;
    const title = cardsMap(doc).get(id)!.get("title") as Y.Text;
    const deltas: unknown[] = [];
    title.observe((event) => deltas.push(event.delta));
    editCard(doc, id, { title: "Kế hoạch chi tiết" });
    expect(cardsMap(doc).get(id)!.get("title")).toBe(title);
    expect(deltas).toEqual([[{ retain: 8 }, { insert: " chi tiết" }]]);
  });

  it("writes nothing when nothing changes", () => {
    const doc = newBoard();
    const id = cardByTemplate(decodeBoard(doc), "tpl-a").id;
    const before = Y.encodeStateAsUpdate(doc);
    editCard(doc, id, { title: "Kế hoạch", category: "action_plan", criteria: ["xanh", "sang"] });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it("refuses unknown cards, unknown fields and bad values", () => {
    const doc = newBoard();
    const id = cardByTemplate(decodeBoard(doc), "tpl-a").id;
    expectDomainError(() => editCard(doc, "card-nope", { title: "A" }), "card_not_found");
    expectDomainError(() => editCard(doc, id, { status: "done" } as never), "invalid_input");
    expectDomainError(() => editCard(doc, id, { description: "x".repeat(5001) }), "invalid_input");
    expectDomainError(() => editCard(doc, id, { criteria: ["bright"] as never }), "invalid_input");
  });

  it("refuses an archived card", () => {
    const doc = newBoard();
    const id = cardByTemplate(decodeBoard(doc), "tpl-a").id;
    cardsMap(doc).get(id)!.set("archived", true);
    expectDomainError(() => editCard(doc, id, { title: "A" }), "card_archived");
    expectDomainError(() => moveCard(doc, id, "done"), "card_archived");
  });
});

describe("moveCard", () => {
  function board() {
    const doc = newBoard();
    const ids = ["Một", "Hai", "Ba"].map((title) => addCard(doc, { ...base, title, status: "in_progress" }));
    return { doc, ids };
  }

  it("moves to the end of another column by default", () => {
    const { doc } = board();
    const id = cardByTemplate(decodeBoard(doc), "tpl-a").id;
    moveCard(doc, id, "in_progress");
    expect(columnTitles(doc, "in_progress")).toEqual(["Một", "Hai", "Ba", "Kế hoạch"]);
    expect(columnTitles(doc, "planned")).toEqual(["Báo cáo"]);
  });

  it("puts the card at toIndex among the target column without it", () => {
    const { doc, ids } = board();
    moveCard(doc, ids[2]!, "in_progress", 0);
    expect(columnTitles(doc, "in_progress")).toEqual(["Ba", "Một", "Hai"]);
    moveCard(doc, ids[2]!, "in_progress", 2);
    expect(columnTitles(doc, "in_progress")).toEqual(["Một", "Hai", "Ba"]);
    moveCard(doc, ids[0]!, "in_progress", 1);
    expect(columnTitles(doc, "in_progress")).toEqual(["Hai", "Một", "Ba"]);
    moveCard(doc, ids[1]!, "planned", 1);
    expect(columnTitles(doc, "planned")).toEqual(["Kế hoạch", "Hai", "Báo cáo"]);
  });

  it("clamps an index past the end, and writes nothing for a move to where the card is", () => {
    const { doc, ids } = board();
    moveCard(doc, ids[0]!, "in_progress", 99);
    expect(columnTitles(doc, "in_progress")).toEqual(["Hai", "Ba", "Một"]);
    const before = Y.encodeStateAsUpdate(doc);
    moveCard(doc, ids[0]!, "in_progress", 2);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it("refuses an unknown status or a negative index", () => {
    const { doc, ids } = board();
    expectDomainError(() => moveCard(doc, ids[0]!, "blocked" as never), "invalid_input");
    expectDomainError(() => moveCard(doc, ids[0]!, "done", -1), "invalid_input");
    expectDomainError(() => moveCard(doc, ids[0]!, "done", 1.5), "invalid_input");
    expectDomainError(() => moveCard(doc, "card-nope", "done"), "card_not_found");
  });

  it("places correctly between cards that share a key", () => {
    const { doc, ids } = board();
    const cards = cardsMap(doc);
    const shared = cards.get(ids[0]!)!.get("position");
    cards.get(ids[1]!)!.set("position", shared);
    const expected = columnTitles(doc, "in_progress");
    const [first, second] = expected;
    const id = cardByTemplate(decodeBoard(doc), "tpl-b").id;
    moveCard(doc, id, "in_progress", 1);
    expect(columnTitles(doc, "in_progress")).toEqual([first, "Báo cáo", second, "Ba"]);
    expect(readBoard(doc).ok).toBe(true);
  });
});

describe("deleteCard", () => {
  it("puts a school card in the recycle bin, restores it where it was, and purges it for good", () => {
    const doc = newBoard();
    const id = addCard(doc, { ...base, title: "Một" });
    deleteCard(doc, id);
    expect(columnTitles(doc, "planned")).not.toContain("Một");
    expect(cardById(doc, id).archived).toBe(true);
    expect(readBoard(doc).ok).toBe(true);
    expectDomainError(() => editCard(doc, id, { title: "B" }), "card_archived");
    restoreCard(doc, id);
    expect(columnTitles(doc, "planned")).toEqual(["Kế hoạch", "Báo cáo", "Một"]);
    expectDomainError(() => purgeCard(doc, id), "invalid_input");
    deleteCard(doc, id);
    purgeCard(doc, id);
    expect(decodeBoard(doc).cards.map((c) => c.id)).not.toContain(id);
  });

  it("never restores or purges a district requirement", () => {
    const doc = newBoard();
    const id = cardByTemplate(decodeBoard(doc), "tpl-a").id;
    cardsMap(doc).get(id)!.set("archived", true);
    expectDomainError(() => restoreCard(doc, id), "template_card");
    expectDomainError(() => purgeCard(doc, id), "template_card");
  });

  it("refuses a template card, archived or not", () => {
    const doc = newBoard();
    const id = cardByTemplate(decodeBoard(doc), "tpl-a").id;
    expectDomainError(() => deleteCard(doc, id), "template_card");
    cardsMap(doc).get(id)!.set("archived", true);
    expectDomainError(() => deleteCard(doc, id), "template_card");
    expectDomainError(() => deleteCard(doc, "card-nope"), "card_not_found");
  });

  it("with byUserId, lets only the creator delete", () => {
    const doc = newBoard();
    const id = addCard(doc, { ...base, title: "Một" });
    expectDomainError(() => deleteCard(doc, id, { byUserId: "u-other" }), "not_creator");
    deleteCard(doc, id, { byUserId: "u-teacher" });
    expect(cardById(doc, id).archived).toBe(true);
    expectDomainError(() => purgeCard(doc, id, { byUserId: "u-other" }), "not_creator");
  });
});

describe("assignCard", () => {
  it("sets the assignees, dropping duplicates", () => {
    const doc = newBoard();
    const id = cardByTemplate(decodeBoard(doc), "tpl-a").id;
    assignCard(doc, id, ["u1", "u2", "u1"]);
    expect(cardById(doc, id).assignees).toEqual(["u1", "u2"]);
    assignCard(doc, id, ["u2", "u3"]);
    expect(cardById(doc, id).assignees).toEqual(["u2", "u3"]);
    assignCard(doc, id, []);
    expect(cardById(doc, id).assignees).toEqual([]);
  });

  it("refuses empty ids", () => {
    const doc = newBoard();
    const id = cardByTemplate(decodeBoard(doc), "tpl-a").id;
    expectDomainError(() => assignCard(doc, id, [""]), "invalid_input");
  });
});
