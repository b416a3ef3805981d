import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { typeCardText } from "./card-mutations";
import { typeItemText } from "./checklist-mutations";
import { decodeBoard } from "./decode-board";
import { diffSpan, mapIndex, mapThroughDelta, rebase } from "./text-typing";
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

  it("carries an index through a Yjs delta: over insertions and deletions before it, to the place of a deletion around it", () => {
    // "abcdef" → insert "XY" at 1, delete "de" (3–4 of the old text).
    const delta = [{ retain: 1 }, { insert: "XY" }, { retain: 2 }, { delete: 2 }, { retain: 1 }];
    expect(mapThroughDelta(0, delta, "before")).toBe(0);
    expect(mapThroughDelta(1, delta, "before")).toBe(1); // an insertion exactly here goes after me
    expect(mapThroughDelta(1, delta, "after")).toBe(3);
    expect(mapThroughDelta(2, delta, "before")).toBe(4);
    expect(mapThroughDelta(4, delta, "before")).toBe(5); // inside the deleted "de": its place
    expect(mapThroughDelta(6, delta, "before")).toBe(6); // the end: +2 −2
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

  it("merges three people typing into one description at once, each character where its typist put it", () => {
    const a = newBoard();
    const b = replicate(a);
    const c = replicate(a);
    const id = cardByTemplate(decodeBoard(a), "tpl-a").id;
    typeCardText(a, id, "description", cardByTemplate(decodeBoard(a), "tpl-a").description, "Một hai ba");
    sync(a, b);
    sync(a, c);
    const start = "Một hai ba";
    let shownA = start;
    let shownB = start;
    let shownC = start;
    // A types in the middle, B at the start, C at the end. What A's field shows lags: B's and C's
    // edits reach A together, changing the text on both sides of where A types.
    const middle = "bốn ";
    const front = "Không ";
    const back = " năm";
    for (let i = 0; i < 6; i++) {
      if (i < middle.length) {
        const at = shownA.indexOf("hai");
        shownA = typeCardText(a, id, "description", shownA, shownA.slice(0, at) + middle[i] + shownA.slice(at));
      }
      if (i < front.length) shownB = typeCardText(b, id, "description", shownB, front.slice(0, i + 1) + shownB.slice(i));
      if (i < back.length) shownC = typeCardText(c, id, "description", shownC, shownC + back[i]);
      sync(b, c);
      sync(a, b);
      sync(b, c);
    }
    const expected = `${front}Một ${middle}hai ba${back}`;
    for (const doc of [a, b, c]) expect(cardByTemplate(decodeBoard(doc), "tpl-a").description).toBe(expected);
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
