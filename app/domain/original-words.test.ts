import { describe, expect, it } from "vitest";
import { editChecklistItem, setChecklistItemDone } from "./checklist-mutations";
import { editCard } from "./card-mutations";
import { decodeBoard } from "./decode-board";
import { originalsOf, rewordedFrom } from "./original-words";
import { reportFigures } from "./report-figures";
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

describe("the report's work list keeps the district's words beside reworded ones", () => {
  it("a reworded card and a reworded ticked item carry their originals; unchanged ones carry none", () => {
    const doc = newBoard();
    const card = cardByTemplate(decodeBoard(doc), "tpl-a");
    editCard(doc, card.id, { title: "Kế hoạch riêng của trường" });
    editChecklistItem(doc, card.id, card.checklist[1].id, "Ban hành (nếu kịp)");
    for (const item of card.checklist) setChecklistItemDone(doc, card.id, item.id, true, { userId: "u1", at: new Date("2026-11-20T02:00:00Z") });
    const work = reportFigures(decodeBoard(doc), {}, originalsOf(SMALL_TEMPLATE)).work.find((w) => w.id === card.id)!;
    expect(work).toMatchObject({ title: "Kế hoạch riêng của trường", original: "Kế hoạch" });
    expect(work.items.map((i) => [i.text, i.original])).toEqual([
      [card.checklist[0].text, null],
      ["Ban hành (nếu kịp)", "Ban hành"],
    ]);
    // Without the template version (a board with no provenance) nothing is invented.
    expect(reportFigures(decodeBoard(doc), {}).work.find((w) => w.id === card.id)!.original).toBeNull();
  });
});
