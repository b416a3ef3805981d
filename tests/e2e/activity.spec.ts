import { expect, test, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";
import { axeOn } from "./axe";

// Activity, comments with @mentions, the bell and the district's reminders, in a real browser
// against the real server (fresh demo DB).

const SCHOOL = "th-nam-son";
const PRINCIPAL = `hieutruong.${SCHOOL}@kienan.demo`;
const TEACHER = `giaovien.${SCHOOL}@kienan.demo`;
const ADMIN = "phong.gddt@kienan.demo";
const shots = "test-results/screenshots";

async function signedIn(browser: Browser, email: string, to: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill("kienan-2023");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`${to.replace(/[?]/g, "\\?")}$`));
  return { context, page, errors };
}

const whoami = async (page: Page) => (await page.getByTestId("whoami").locator(".whoami-name").textContent())!.trim();

async function firstCard(page: Page) {
  await expect(page.getByTestId("sync-badge")).toHaveText("Đã kết nối");
  // A card still planned, with a checklist: it has items left to tick.
  const card = page.getByRole("region", { name: /^Kế hoạch/ }).locator(".board-card-face:has(.board-card-progress) .board-card-open").first();
  await card.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  // The dialog's body is a chunk of its own: the frame shows first, its checklist when the chunk is in.
  await expect(dialog.locator(".board-checklist-item").first()).toBeVisible();
  return dialog;
}

test("a teacher mentions the principal in a comment: the principal's bell shows it live", async ({ browser }) => {
  const principal = await signedIn(browser, PRINCIPAL, `/schools/${SCHOOL}`);
  const principalName = await whoami(principal.page);
  await principal.page.getByTestId("bell").click();
  const panel = principal.page.getByRole("region", { name: "Thông báo" });
  await expect(panel).toBeVisible();

  const teacher = await signedIn(browser, TEACHER, `/schools/${SCHOOL}`, { width: 360, height: 780 });
  const dialog = await firstCard(teacher.page);
  const box = dialog.getByTestId("comment-input");
  await box.fill("@");
  await dialog.getByRole("button", { name: `@${principalName}` }).click();
  await box.press("End");
  await box.pressSequentially("nhờ thầy/cô duyệt giúp kế hoạch");
  await dialog.getByRole("button", { name: "Gửi" }).click();
  await expect(dialog.getByTestId("comment").last()).toContainText("nhờ thầy/cô duyệt giúp kế hoạch");
  await expect(dialog.getByTestId("comment").last().locator(".mention")).toHaveText(`@${principalName}`);
  await teacher.page.screenshot({ path: `${shots}/comments-360.png`, fullPage: false });
  await dialog.getByTestId("comments").scrollIntoViewIfNeeded();
  await teacher.page.screenshot({ path: `${shots}/comments-360-thread.png` });

  // No reload on the principal's side: the open panel fills from the live stream.
  await expect(panel.getByTestId("notification").first()).toContainText("đã nhắc đến bạn");
  await expect(panel.getByTestId("notification").first()).toContainText("nhờ thầy/cô duyệt giúp kế hoạch");
  await expect(principal.page.getByTestId("bell-count")).toBeVisible();
  // The button says the figure its badge shows (a screen reader and voice control both find it).
  const count = (await principal.page.getByTestId("bell-count").textContent())?.trim();
  await expect(principal.page.getByTestId("bell")).toHaveAccessibleName(`Thông báo: ${count} chưa đọc`);
  expect(await axeOn(principal.page, ".bell")).toEqual([]);
  await principal.page.screenshot({ path: `${shots}/bell-desktop.png` });

  // Following the notification opens the card, where the comment is.
  await panel.getByTestId("notification").first().click();
  await expect(principal.page.getByRole("dialog").getByTestId("comment").last()).toContainText("nhờ thầy/cô duyệt giúp");
  expect(principal.errors).toEqual([]);
  expect(teacher.errors).toEqual([]);
  await principal.context.close();
  await teacher.context.close();
});

test("a card's activity shows who ticked what and when", async ({ browser }) => {
  const teacher = await signedIn(browser, TEACHER, `/schools/${SCHOOL}`);
  const name = await whoami(teacher.page);
  const dialog = await firstCard(teacher.page);
  const row = dialog.locator(".board-checklist-item").filter({ has: teacher.page.getByRole("checkbox", { checked: false }) }).first();
  const item = row.getByRole("checkbox");
  // An item that needs evidence is ticked once a photo is attached (the box waits for it).
  if ((await row.locator(".board-evidence").count()) > 0) {
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#3a7" } }).jpeg().toBuffer();
    await row.locator('input[type="file"][capture]').setInputFiles({ name: "minh-chung.jpg", mimeType: "image/jpeg", buffer: photo });
    await expect(item).toBeEnabled();
  }
  const label = (await item.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? "")).trim();
  await item.check();
  const entry = dialog.getByTestId("activity-list").locator("li", { hasText: `${name} đã đánh dấu` }).first();
  await expect(entry).toHaveText(new RegExp(`^${name} đã đánh dấu «.+» lúc \\d\\d:\\d\\d, \\d\\d/\\d\\d/\\d{4}$`));
  expect(await entry.textContent()).toContain(label.slice(0, 20));
  await dialog.getByTestId("activity-list").scrollIntoViewIfNeeded();
  await teacher.page.screenshot({ path: `${shots}/card-activity-desktop.png` });
  await dialog.getByRole("button", { name: "Đóng" }).click();
  // The board's feed, filtered to ticks by this teacher.
  const feed = teacher.page.getByTestId("board-feed");
  await feed.locator("summary").click();
  await feed.getByLabel("Loại").selectOption({ label: "Mục kiểm tra" });
  await expect(feed.getByTestId("activity-list").locator("li").first()).toContainText(`${name} đã đánh dấu`);
  await teacher.page.setViewportSize({ width: 360, height: 780 });
  await feed.scrollIntoViewIfNeeded();
  await teacher.page.screenshot({ path: `${shots}/board-feed-360.png` });
  expect(teacher.errors).toEqual([]);
  await teacher.context.close();
});

test("the district reminds the filtered schools: their principals have it in the app and in the mail outbox", async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN, "/overview?ward=nam-son");
  const panel = admin.page.getByTestId("reminder-panel");
  await panel.locator("summary").click();
  await expect(panel).toContainText("3 trường đang lọc");
  await panel.getByLabel("Lời nhắc").fill("Đề nghị các trường cập nhật tiến độ trước thứ Sáu.");
  await panel.getByRole("button", { name: "Gửi nhắc nhở" }).click();
  await expect(admin.page.getByTestId("reminder-sent")).toHaveText("Đã gửi nhắc nhở đến 3 hiệu trưởng của 3 trường.");

  const principal = await signedIn(browser, PRINCIPAL, `/schools/${SCHOOL}`, { width: 360, height: 780 });
  await principal.page.getByTestId("bell").click();
  const list = principal.page.getByRole("region", { name: "Thông báo" });
  await expect(list.getByTestId("notification").filter({ hasText: "cập nhật tiến độ trước thứ Sáu" })).toHaveCount(1);
  await principal.page.screenshot({ path: `${shots}/bell-360.png` });

  await admin.page.goto("/admin/outbox");
  for (const slug of ["mn-nam-son", "th-nam-son", "thcs-nam-son"]) {
    await expect(admin.page.getByTestId("outbox-mail").filter({ hasText: `hieutruong.${slug}@kienan.demo` }).filter({ hasText: "Nhắc nhở từ" })).toHaveCount(1);
  }
  await admin.page.goto("/admin/audit?entity=reminder");
  await expect(admin.page.getByTestId("audit-entry").first()).toContainText("Gửi nhắc nhở đến các trường");
  expect(admin.errors).toEqual([]);
  await admin.context.close();
  await principal.context.close();
});
