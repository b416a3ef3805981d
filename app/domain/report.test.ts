import { describe, expect, it } from "vitest";
import { isLateReport } from "./report";

describe("isLateReport", () => {
  it("is on time until the last minute of 04/12 in Hồ Chí Minh City", () => {
    expect(isLateReport("2023-12-04T16:59:59.999Z", "2023-12-05")).toBe(false); // 04/12 23:59:59 +07
    expect(isLateReport(new Date("2023-11-20T03:00:00Z"), "2023-12-05")).toBe(false);
  });
  it("is late from midnight of the deadline day, +07", () => {
    expect(isLateReport("2023-12-04T17:00:00.000Z", "2023-12-05")).toBe(true); // 05/12 00:00 +07
    expect(isLateReport("2023-12-05T10:00:00Z", "2023-12-05")).toBe(true);
  });
});
