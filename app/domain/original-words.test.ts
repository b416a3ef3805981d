import { describe, expect, it } from "vitest";
import { editChecklistItem } from "./checklist-mutations";
import { editCard } from "./card-mutations";
import { decodeBoard } from "./decode-board";
import { originalsOf, rewordedFrom } from "./original-words";
import { cardByTemplate, newBoard, SMALL_TEMPLATE } from "./test-support";

describe("rewordedFrom", () => {
  const originals = originalsOf(SMALL_TEMPLATE);
  it("is null while the school keeps the district's words (whitespace aside)", () => {
    const card = cardByTemplate(decodeBoard(newBoard()), "tpl-a");
    expect(rewordedFrom(card, originals)).toBeNull();
  });
  it("names the original title and items the school reworded", () => {
    const doc = newBoard();
    const card = cardByTemplate(decodeBoard(doc), "tpl-a");
    editCard(doc, card.id, { title: "Kế hoạch riêng của trường" });
    editChecklistItem(doc, card.id, card.checklist[1].id, "Ban hành (nếu kịp)");
    const after = cardByTemplate(decodeBoard(doc), "tpl-a");
    expect(rewordedFrom(after, originals)).toEqual({ title: "Kế hoạch", items: [{ id: card.checklist[1].id, original: "Ban hành", now: "Ban hành (nếu kịp)" }] });
  });
});
