import { describe, expect, it } from "vitest";
import { isValidOrderKey, positionAt, sortByPosition, type Positioned } from "./order-keys";

function insert(list: Positioned[], index: number): Positioned[] {
  const { position, rekeyed } = positionAt(list, index);
  const next = list.map((p) => rekeyed.find((r) => r.id === p.id) ?? p);
  return sortByPosition([...next, { id: "new", position }]);
}

describe("positionAt", () => {
  const list: Positioned[] = [
    { id: "a", position: "a0" },
    { id: "b", position: "a1" },
    { id: "c", position: "a2" },
  ];

  it("places at the start, middle and end", () => {
    for (const index of [0, 1, 3]) {
      expect(insert(list, index).findIndex((p) => p.id === "new")).toBe(index);
    }
  });

  it("spreads out a run of equal keys and keeps their order", () => {
    const tied: Positioned[] = [
      { id: "a", position: "a0" },
      { id: "b", position: "a1" },
      { id: "c", position: "a1" },
      { id: "d", position: "a1" },
      { id: "e", position: "a2" },
    ];
    const result = insert(tied, 2);
    expect(result.map((p) => p.id)).toEqual(["a", "b", "new", "c", "d", "e"]);
    expect(new Set(result.map((p) => p.position)).size).toBe(6);
    expect(result.find((p) => p.id === "a")!.position).toBe("a0");
    expect(result.find((p) => p.id === "e")!.position).toBe("a2");
  });
});

describe("isValidOrderKey", () => {
  it("accepts generated keys and refuses junk", () => {
    expect(isValidOrderKey("a0")).toBe(true);
    expect(isValidOrderKey("Zz")).toBe(true);
    for (const bad of ["", "a00", "a", "hello", "x".repeat(1001)]) expect(isValidOrderKey(bad), bad).toBe(false);
  });
});
