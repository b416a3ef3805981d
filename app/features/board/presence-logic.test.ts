import { describe, expect, it } from "vitest";
import { colorFor, editorsByCard, initialsOf, peersFrom, uniqueUsers } from "./presence-logic";

const lan = { id: "u-lan", name: "Nguyễn Thị Lan", color: colorFor("u-lan") };
const binh = { id: "u-binh", name: "Trần Văn Bình", color: colorFor("u-binh") };

describe("presence", () => {
  it("gives each person one stable colour and Vietnamese-style initials", () => {
    expect(colorFor("u-lan")).toBe(colorFor("u-lan"));
    expect(colorFor("u-lan")).toMatch(/^#[0-9a-f]{6}$/);
    expect(initialsOf("Nguyễn Thị Lan")).toBe("NL");
    expect(initialsOf("đức")).toBe("Đ");
    expect(initialsOf("  ")).toBe("?");
  });

  it("reads awareness states, ignoring malformed ones", () => {
    const states = new Map<number, unknown>([
      [1, { user: lan, editingCardId: "card-1" }],
      [2, { user: binh }],
      [3, { user: { id: "x", name: "<script>", color: "red" } }],
      [4, {}],
    ]);
    const peers = peersFrom(states);
    expect(peers.map((p) => p.clientId)).toEqual([1, 2]);
    expect(peers[1]).toMatchObject({ editingCardId: null });
  });

  it("shows one avatar per person and marks cards opened by others only", () => {
    const peers = peersFrom(
      new Map<number, unknown>([
        [1, { user: lan, editingCardId: "card-1" }],
        [2, { user: lan, editingCardId: "card-1" }],
        [3, { user: binh, editingCardId: "card-2" }],
      ]),
    );
    expect(uniqueUsers(peers).map((u) => u.id)).toEqual(["u-lan", "u-binh"]);
    const marks = editorsByCard(peers, "u-binh");
    expect(marks.get("card-1")?.map((u) => u.id)).toEqual(["u-lan"]);
    expect(marks.has("card-2")).toBe(false);
    // Lan's own other tab is not "someone else".
    expect(editorsByCard(peers, "u-lan").has("card-1")).toBe(false);
  });
});
