import { describe, expect, it } from "vitest";
import { registerMessages, t } from "./i18n";

describe("t(): server-side translation with one instance per locale", () => {
  it("translates in either language and interpolates each call's own values", () => {
    expect(t("vi", "campaignPicker.switch", { count: 2 })).toBe("Đổi phong trào (2)");
    expect(t("vi", "campaignPicker.switch", { count: 5 })).toBe("Đổi phong trào (5)");
    expect(t("en", "campaignPicker.switch", { count: 3 })).toBe("Switch campaign (3)");
  });

  it("finds messages registered after its first use (a page's pack)", () => {
    expect(t("vi", "translateTest.late")).toBe("translateTest.late");
    registerMessages({ translateTest: { late: "Đăng ký sau" } });
    expect(t("vi", "translateTest.late")).toBe("Đăng ký sau");
  });
});
