import { describe, expect, it } from "vitest";
import { hcmMidnight, todayInHcm } from "./dates";

describe("calendar days in Asia/Ho_Chi_Minh", () => {
  it("a day starts at 17:00 UTC the evening before", () => {
    expect(hcmMidnight("2023-12-05").toISOString()).toBe("2023-12-04T17:00:00.000Z");
  });
  it("stored midnight reads back as the same calendar day", () => {
    expect(todayInHcm(hcmMidnight("2023-12-05"))).toBe("2023-12-05");
    expect(todayInHcm(new Date(hcmMidnight("2023-12-05").getTime() - 1))).toBe("2023-12-04");
  });
});
