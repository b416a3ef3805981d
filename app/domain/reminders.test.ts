import { describe, expect, it } from "vitest";
import { dueThreshold } from "./reminders";

describe("dueThreshold", () => {
  it("is null beyond 7 days, then 7, 3, 1, overdue", () => {
    expect(dueThreshold("2026-12-20", "2026-12-01")).toBeNull();
    expect(dueThreshold("2026-12-08", "2026-12-01")).toBe(7);
    expect(dueThreshold("2026-12-05", "2026-12-01")).toBe(7);
    expect(dueThreshold("2026-12-04", "2026-12-01")).toBe(3);
    expect(dueThreshold("2026-12-02", "2026-12-01")).toBe(1);
    expect(dueThreshold("2026-12-01", "2026-12-01")).toBe(1);
    expect(dueThreshold("2026-11-30", "2026-12-01")).toBe("overdue");
  });
});
