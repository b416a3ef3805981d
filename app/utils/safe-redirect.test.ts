import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps paths on this site, with their query and hash", () => {
    expect(safeRedirect("/schools/th-bac-son?tab=1#card")).toBe("/schools/th-bac-son?tab=1#card");
    expect(safeRedirect("/overview")).toBe("/overview");
  });
  it.each([
    ["protocol-relative", "//evil.example"],
    ["backslash", "/\\evil.example"],
    ["encoded slash-backslash", "%2F%5Cevil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["encoded second slash", "/%2Fevil.example"],
    ["tab", "/\t/evil.example"],
    ["newline", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["absolute http", "http://evil.example/"],
    ["absolute https", "https://evil.example/"],
    ["javascript", "javascript:alert(1)"],
    ["relative", "evil.example"],
    ["empty", ""],
    ["not a string", 42],
    ["broken encoding", "/%E0%A4%A"],
  ])("refuses %s", (_name, value) => {
    expect(safeRedirect(value)).toBe("/");
  });
  it("uses the fallback it is given", () => {
    expect(safeRedirect("//evil", "/login")).toBe("/login");
  });
});
