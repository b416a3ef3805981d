import { expect, test } from "@playwright/test";
import { cardButton, column, openBoard, openCard, PRINCIPAL, SCHOOL, signIn, TEACHER } from "./board-support";

test("the board is fully rendered before any script runs", async ({ browser }) => {
  const signedIn = await browser.newContext();
  const page = await signedIn.newPage();
  await signIn(page, TEACHER);
  const storageState = await signedIn.storageState();
  await signedIn.close();

  const context = await browser.newContext({ javaScriptEnabled: false, storageState });
  const noJs = await context.newPage();
  await noJs.goto(`/schools/${SCHOOL}`);
  for (const name of ["Kế hoạch", "Đang thực hiện", "Hoàn thành"] as const) {
    await expect(column(noJs, name).getByRole("heading", { level: 2, name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await expect(cardButton(noJs, "Xây dựng kế hoạch hành động chi tiết của trường")).toBeVisible();
  expect(await noJs.locator("[data-card-id]").count()).toBeGreaterThanOrEqual(12);
  await expect(noJs.getByText("Quá hạn").first()).toBeVisible();
  await context.close();
});

test("screenshots: desktop and a 360 px phone", async ({ browser }) => {
  const desktop = await openBoard(browser, TEACHER, { viewport: { width: 1366, height: 900 } });
  const other = await openBoard(browser, PRINCIPAL);
  await expect(desktop.page.getByRole("img", { name: "Hiệu trưởng Tiểu học Bắc Sơn" })).toBeVisible();
  await desktop.page.screenshot({ path: "tests/.tmp/screens/board-live-desktop.png" });
  const first = column(desktop.page, "Kế hoạch").locator("[data-card-open]").first();
  await openCard(other.page, (await first.textContent())!);
  const dialog = await openCard(desktop.page, (await first.textContent())!);
  await expect(dialog.getByText(/đang mở thẻ này/)).toBeVisible();
  await desktop.page.screenshot({ path: "tests/.tmp/screens/board-live-dialog-desktop.png" });

  const phone = await openBoard(browser, TEACHER, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.page.screenshot({ path: "tests/.tmp/screens/board-live-phone.png" });
  await phone.page.screenshot({ path: "tests/.tmp/screens/board-live-phone-full.png", fullPage: true });
  const phoneDialog = await openCard(phone.page, (await column(phone.page, "Kế hoạch").locator("[data-card-open]").first().textContent())!);
  const box = (await phoneDialog.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(359);
  await phone.page.screenshot({ path: "tests/.tmp/screens/board-live-dialog-phone.png" });
  for (const x of [desktop, other, phone]) await x.context.close();
});

test("phone: what overflows the 360 px width, if anything", async ({ browser }) => {
  const phone = await openBoard(browser, TEACHER, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const wide = await phone.page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.closest(".board-columns, .main-nav, .board-jump"))
      .map((el) => `${el.tagName}.${el.className}`)
      .slice(0, 10),
  );
  expect(wide).toEqual([]);
  await phone.context.close();
});

test("phone: the first card's title is on the first screen, for the teacher and for the principal (whose report panel sits above the board)", async ({ browser }) => {
  for (const who of [TEACHER, PRINCIPAL]) {
    const phone = await openBoard(browser, who, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    // The campaign switcher is one short line on a phone; the page's subtitle names the campaign.
    expect((await phone.page.getByTestId("campaign-picker").locator("summary").innerText()).trim()).toBe("Đổi phong trào (2)");
    const title = column(phone.page, "Kế hoạch").locator("[data-card-open]").first();
    const box = (await title.boundingBox())!;
    expect(box.y + box.height, who).toBeLessThanOrEqual(740);
    await phone.context.close();
  }
});
