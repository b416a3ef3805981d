import { expect, test, type Page } from "@playwright/test";
import { OBSERVER, signIn, TEACHER } from "./board-support";

// The CSP (nonces for Remix's scripts) must not break any page, and the live board cannot be framed.

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test("the board and the overview (charts) run under the CSP without a single violation", async ({ page }) => {
  const violations = cspViolations(page);
  await signIn(page, TEACHER);
  await expect(page.getByTestId("sync-badge")).toHaveText("Đã kết nối");
  await page.context().clearCookies();
  await signIn(page, OBSERVER);
  await page.goto("/overview");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("another site cannot frame the board", async ({ page, baseURL }) => {
  await signIn(page, TEACHER);
  const other = await page.context().newPage();
  await other.setContent(`<iframe id="f" src="${baseURL}/schools/th-bac-son" width="600" height="400"></iframe>`);
  const frame = other.frames().find((f) => f !== other.mainFrame())!;
  await expect.poll(async () => frame.evaluate(() => document.querySelector("[data-testid=sync-badge]") !== null).catch(() => false)).toBe(false);
  await expect.poll(() => frame.url()).toMatch(/^chrome-error:|^about:blank/);
});
