import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { typeCardText } from "./card-mutations";
import { typeItemText } from "./checklist-mutations";
import { decodeBoard } from "./decode-board";
import { diffSpan, mapIndex, rebase } from "./text-typing";
import { cardByTemplate, expectDomainError, newBoard, replicate, sync } from "./test-support";

describe("diffSpan / mapIndex", () => {
  it("finds the one changed span", () => {
    expect(diffSpan("trồng cây", "trồng nhiều cây")).toEqual({ start: 6, removed: 0, inserted: "nhiều " });
    expect(diffSpan("abc", "abc")).toEqual({ start: 3, removed: 0, inserted: "" });
    expect(diffSpan("a😀b", "a😁b")).toEqual({ start: 1, removed: 2, inserted: "😁" });
  });

  it("moves a caret after a change before it and keeps it before a change after it", () => {
    expect(mapIndex(5, "hello world", "oh hello world")).toBe(8);
    expect(mapIndex(2, "hello world", "hello big world")).toBe(2);
    // Inside a replaced span the caret goes to its end.
    expect(mapIndex(3, "abcdef", "aXf")).toBe(2);
    // Someone typing exactly at my caret: "before" keeps my caret in front of their text.
    expect(mapIndex(3, "abc", "abcXYZ", "before")).toBe(3);
    expect(mapIndex(3, "abc", "abcXYZ", "after")).toBe(6);
  });

  it("rebases my change onto a text someone else changed meanwhile", () => {
    // I typed " sạch" at the end of "Trường"; the other person had put "Ngôi " in front.
    expect(rebase("Trường", "Trường sạch", "Ngôi Trường").text).toBe("Ngôi Trường sạch");
    // I deleted "cũ " while they appended.
    expect(rebase("cây cũ đẹp", "cây đẹp", "cây cũ đẹp lắm").text).toBe("cây đẹp lắm");
  });
});

describe("typeCardText / typeItemText", () => {
  it("merges two people typing into one description at once, character by character", () => {
    const a = newBoard();
    const b = replicate(a);
    const id = cardByTemplate(decodeBoard(a), "tpl-a").id;
    const start = "Xây dựng kế hoạch hành động chi tiết";
    let shownA = start;
    let shownB = start;
    // Each types into their own field, keystroke by keystroke, syncing after every other key.
    const mine = " (giáo viên)";
    const theirs = "Hiệu trưởng: ";
    for (let i = 0; i < Math.max(mine.length, theirs.length); i++) {
      if (i < mine.length) shownA = typeCardText(a, id, "description", shownA, shownA + mine[i]);
      if (i < theirs.length) shownB = typeCardText(b, id, "description", shownB, theirs.slice(0, i + 1) + shownB.slice(i));
      if (i % 2 === 1) sync(a, b);
    }
    sync(a, b);
    const expected = `${theirs}${start}${mine}`;
    expect(cardByTemplate(decodeBoard(a), "tpl-a").description).toBe(expected);
    expect(cardByTemplate(decodeBoard(b), "tpl-a").description).toBe(expected);
  });

  it("keeps trailing spaces while typing and refuses a blank title without writing", () => {
    const doc = newBoard();
    const id = cardByTemplate(decodeBoard(doc), "tpl-a").id;
    expect(typeCardText(doc, id, "title", "Kế hoạch", "Kế hoạch ")).toBe("Kế hoạch ");
    const before = Y.encodeStateAsUpdate(doc);
    expectDomainError(() => typeCardText(doc, id, "title", "Kế hoạch ", "  "), "invalid_input");
    expectDomainError(() => typeCardText(doc, id, "title", "Kế hoạch ", "x".repeat(201)), "invalid_input");
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it("types into a checklist item", () => {
    const doc = newBoard();
    const card = cardByTemplate(decodeBoard(doc), "tpl-a");
    const item = card.checklist[0]!;
    typeItemText(doc, card.id, item.id, item.text, `${item.text} kế hoạch`);
    expect(cardByTemplate(decodeBoard(doc), "tpl-a").checklist[0]!.text).toBe("Dự thảo kế hoạch");
    expectDomainError(() => typeItemText(doc, card.id, item.id, "Dự thảo kế hoạch", ""), "invalid_input");
  });
});
