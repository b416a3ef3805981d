import { describe, expect, it } from "vitest";
import { REACT_VIEW_SIZE, stripTrailingNul } from "./strip-nul.server";

describe("stripTrailingNul (React 18 streaming bug)", () => {
  it("drops the unwritten zero bytes React leaves at the end of a full buffer", () => {
    const text = Buffer.from("a".repeat(REACT_VIEW_SIZE - 2));
    const chunk = Buffer.concat([text, Buffer.alloc(2)]);
    expect(stripTrailingNul(chunk).toString()).toBe(text.toString());
  });
  it("keeps every other chunk as it is", () => {
    const viet = Buffer.from("Trường Tiểu học Bắc Sơn");
    expect(stripTrailingNul(viet)).toBe(viet);
    const full = Buffer.from("ấ".repeat(682) + "ab"); // exactly 2,048 bytes, all written
    expect(full).toHaveLength(REACT_VIEW_SIZE);
    expect(stripTrailingNul(full)).toBe(full);
  });
});
