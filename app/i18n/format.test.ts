import { describe, expect, it } from "vitest";
import { todayInHcm } from "~/domain";
import { formatDate, formatDateTime, formatPercent, parseDate } from "./format";

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

describe("dates typed as dd/mm/yyyy", () => {
  it("reads day first, with or without leading zeros", () => {
    expect(parseDate("05/12/2023")).toBe("2023-12-05");
    expect(parseDate(" 5/1/2024 ")).toBe("2024-01-05");
    expect(parseDate("29.02.2024")).toBe("2024-02-29");
  });
  it("says empty or invalid rather than guessing", () => {
    expect(parseDate("")).toBeNull();
    expect(parseDate("31/02/2023")).toBe("invalid");
    expect(parseDate("12/31/2023")).toBe("invalid");
    expect(parseDate("2023-12-05")).toBe("invalid");
  });
});

describe("percentages", () => {
  it("use a comma decimal in Vietnamese and at most one decimal", () => {
    expect(formatPercent(44.5)).toBe("44,5%");
    expect(formatPercent(48.666)).toBe("48,7%");
    expect(formatPercent(100)).toBe("100%");
    expect(formatPercent(44.5, "en")).toBe("44.5%");
  });
});
