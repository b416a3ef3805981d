import { describe, expect, it } from "vitest";
import { todayInHcm } from "~/domain";
import { formatDate, formatDateTime } from "./format";

describe("dates in Asia/Ho_Chi_Minh, dd/mm/yyyy", () => {
  it("formats a calendar date without shifting it", () => {
    expect(formatDate("2023-12-05")).toBe("05/12/2023");
  });
  it("formats an instant in Vietnam's zone, not UTC", () => {
    // 17:30 UTC on 4 December is already 00:30 on 5 December in Hà Nội / Hải Phòng.
    expect(formatDate(new Date("2023-12-04T17:30:00Z"))).toBe("05/12/2023");
    expect(todayInHcm(new Date("2023-12-04T17:30:00Z"))).toBe("2023-12-05");
    expect(formatDateTime("2023-12-04T17:30:00Z")).toBe("05/12/2023 00:30");
  });
  it("shows nothing for a missing date", () => {
    expect(formatDate(null)).toBe("");
  });
});
