import { expect, test, type Page } from "@playwright/test";

async function signIn(page: Page, email: string, password = "kienan-2023") {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

test("a teacher signs in and lands on their school's board", async ({ page }) => {
  await signIn(page, "giaovien.th-bac-son@kienan.demo");
  await expect(page).toHaveURL(/\/schools\/th-bac-son$/);
  await expect(page.getByRole("heading", { level: 1, name: "Trường Tiểu học Bắc Sơn" })).toBeVisible();
  await expect(page.getByTestId("whoami")).toContainText("Giáo viên");
  for (const column of ["Kế hoạch", "Đang thực hiện", "Hoàn thành"]) {
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(column) })).toBeVisible();
  }
  await expect(page.getByText("Hạn báo cáo").first()).toBeVisible();
  // The current school year's campaign; the 2023 one is a switch away.
  await expect(page.getByText(/năm học \d{4}-\d{4}/).first()).toBeVisible();
  await expect(page.getByTestId("campaign-picker")).toBeVisible();
});

test("a principal lands on the same board with the principal's role shown", async ({ page }) => {
  await signIn(page, "hieutruong.thcs-lam-ha@kienan.demo");
  await expect(page).toHaveURL(/\/schools\/thcs-lam-ha$/);
  await expect(page.getByTestId("whoami")).toContainText("Hiệu trưởng");
  await expect(page.getByTestId("whoami")).toContainText("Trường THCS Lãm Hà");
});

test("the district office lands on the district page with its 30 schools", async ({ page }) => {
  await signIn(page, "phong.gddt@kienan.demo");
  await expect(page).toHaveURL(/\/district$/);
  await expect(page.getByRole("heading", { level: 1, name: "Các trường trong quận" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Trường (Mầm non|Tiểu học|THCS) / })).toHaveCount(30);
  await page.getByRole("link", { name: "THCS", exact: true }).click();
  await expect(page.getByRole("link", { name: /^Trường THCS / })).toHaveCount(10);
});

test("the observer sees every school, read-only", async ({ page }) => {
  await signIn(page, "so.gddt@kienan.demo");
  await expect(page).toHaveURL(/\/district$/);
  await expect(page.getByTestId("whoami")).toContainText("Sở GD&ĐT");
  await page.getByRole("link", { name: "Trường Mầm non Văn Đẩu" }).click();
  await expect(page).toHaveURL(/\/schools\/mn-van-dau(\/[a-z0-9-]+)?$/);
  await expect(page.getByText("Chế độ chỉ xem")).toBeVisible();
});

test("a wrong password gets a clear Vietnamese message", async ({ page }) => {
  await signIn(page, "giaovien.th-bac-son@kienan.demo", "sai-mat-khau");
  await expect(page.getByRole("alert")).toHaveText("Email hoặc mật khẩu không đúng.");
  await expect(page).toHaveURL(/\/login/);
});

test("a teacher cannot open another school's board", async ({ page }) => {
  await signIn(page, "giaovien.th-bac-son@kienan.demo");
  await expect(page).toHaveURL(/\/schools\/th-bac-son$/);
  const response = await page.goto("/schools/thcs-lam-ha");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Không có quyền truy cập" })).toBeVisible();
});

test("switching to English and signing out", async ({ page }) => {
  await signIn(page, "phong.gddt@kienan.demo");
  await expect(page).toHaveURL(/\/district$/);
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schools in the district" })).toBeVisible();
  // The English messages came with the new page: a page rendered in the browser speaks English too.
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Progress overview" })).toBeVisible();
  expect(errors).toEqual([]);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/district");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdistrict/);
});

test("works on a 360 px phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, "giaovien.mn-bac-son@kienan.demo");
  await expect(page).toHaveURL(/\/schools\/mn-bac-son$/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "tests/.tmp/screens/board-phone.png", fullPage: false });
  await context.close();
});
