import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";

// Shared by the board specs: sign in as a demo account and drive the live board
// the way a person does (by visible names), never through its internals.

export const SCHOOL = "th-bac-son";
export const TEACHER = `giaovien.${SCHOOL}@kienan.demo`;
export const PRINCIPAL = `hieutruong.${SCHOOL}@kienan.demo`;
export const OBSERVER = "so.gddt@kienan.demo";

export async function signIn(page: Page, email: string, landing: string | null = `/schools/${SCHOOL}`) {
  await page.goto(landing ? `/login?redirectTo=${encodeURIComponent(landing)}` : "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill("kienan-2023");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(landing ? new RegExp(`${landing}$`) : /\/(schools|district)/);
}

/** A signed-in page on the board, once its replica is connected to the server. */
export async function openBoard(browser: Browser, email: string, options: BrowserContextOptions = {}, prepare?: (context: BrowserContext) => Promise<void>) {
  const context = await browser.newContext(options);
  await prepare?.(context);
  const page = await context.newPage();
  // Script errors and React's own complaints (a hydration mismatch is logged as an error).
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await signIn(page, email);
  await expectLive(page);
  return { context, page, errors };
}

export async function expectLive(page: Page) {
  await expect(page.getByTestId("sync-badge")).toHaveText("Đã kết nối");
}

export const column = (page: Page, name: "Kế hoạch" | "Đang thực hiện" | "Hoàn thành") =>
  page.getByRole("region", { name: new RegExp(`^${name}`) });

export const cardButton = (scope: Page | Locator, title: string) => scope.getByRole("button", { name: title, exact: true });

/** Adds a school card to "Kế hoạch" and returns its title. */
export async function addCard(page: Page, title: string) {
  await page.getByRole("button", { name: "Thêm thẻ vào cột Kế hoạch" }).click();
  const form = page.getByRole("form", { name: "Thêm thẻ vào cột Kế hoạch" });
  await form.getByLabel("Tên công việc").fill(title);
  await form.getByLabel("Nhóm việc").selectOption({ label: "Giáo dục bảo vệ môi trường" });
  await form.getByRole("button", { name: "Thêm" }).click();
  await expect(cardButton(column(page, "Kế hoạch"), title)).toBeVisible();
  return title;
}

export async function openCard(page: Page, title: string) {
  await cardButton(page, title).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { level: 2, name: title })).toBeVisible();
  return dialog;
}

export async function addItem(dialog: Locator, text: string) {
  await dialog.getByRole("textbox", { name: "Mục mới" }).fill(text);
  await dialog.getByRole("button", { name: "Thêm mục" }).click();
  await expect(dialog.getByRole("checkbox", { name: text })).toBeVisible();
}

export const unique = (label: string) => `${label} ${Date.now().toString(36).slice(-5)}`;
