import { expect, test } from "@playwright/test";
import { addCard, addItem, cardButton, column, OBSERVER, openBoard, openCard, PRINCIPAL, TEACHER, unique } from "./board-support";

test("a new card, a tick and a title edit in one browser appear in the other without a reload", async ({ browser }) => {
  const a = await openBoard(browser, TEACHER);
  const b = await openBoard(browser, PRINCIPAL);

  // Each sees the other on the board.
  await expect(a.page.getByRole("img", { name: /^Hiệu trưởng Tiểu học Bắc Sơn$/ })).toBeVisible();
  await expect(b.page.getByRole("img", { name: /^Giáo viên Tiểu học Bắc Sơn$/ })).toBeVisible();

  const title = await addCard(a.page, unique("Trồng cây ở cổng trường"));
  await expect(cardButton(column(b.page, "Kế hoạch"), title)).toBeVisible();

  const dialogA = await openCard(a.page, title);
  await addItem(dialogA, "Mua cây giống");
  const dialogB = await openCard(b.page, title);
  // B sees A has the card open, and A's new item.
  await expect(dialogB.getByText("Giáo viên Tiểu học Bắc Sơn đang mở thẻ này")).toBeVisible();
  const itemB = dialogB.getByRole("checkbox", { name: "Mua cây giống" });
  await expect(itemB).not.toBeChecked();

  await dialogA.getByRole("checkbox", { name: "Mua cây giống" }).check();
  await expect(itemB).toBeChecked();

  const renamed = `${title} (đã sửa)`;
  const titleField = dialogA.getByRole("textbox", { name: "Tên công việc" });
  await titleField.fill(renamed);
  await titleField.press("Enter");
  await expect(dialogB.getByRole("heading", { level: 2, name: renamed })).toBeVisible();

  await b.page.keyboard.press("Escape");
  await expect(b.page.getByRole("dialog")).toBeHidden();
  await expect(cardButton(column(b.page, "Kế hoạch"), renamed)).toBeVisible();
  // The card face shows the checklist progress the tick made.
  await expect(b.page.locator("[data-card-id]", { has: cardButton(b.page, renamed) }).getByText("1/1")).toBeVisible();
  expect([...a.errors, ...b.errors]).toEqual([]);

  await a.context.close();
  await b.context.close();
});

test("a keyboard drag moves a card to the next column for everyone, announced in Vietnamese", async ({ browser }) => {
  const a = await openBoard(browser, TEACHER);
  const b = await openBoard(browser, PRINCIPAL);
  const title = await addCard(a.page, unique("Dọn vệ sinh sân trường"));
  await expect(cardButton(column(b.page, "Kế hoạch"), title)).toBeVisible();

  const handle = a.page.getByRole("button", { name: `Kéo thẻ: ${title}` });
  await handle.focus();
  await a.page.keyboard.press("Space");
  const live = a.page.locator("[id^=DndLiveRegion]");
  await expect(live).toContainText(`Đã nhấc thẻ «${title}» ở cột Kế hoạch`);
  await a.page.keyboard.press("ArrowRight");
  await expect(live).toContainText(`Thẻ «${title}» đang ở cột Đang thực hiện`);
  await a.page.keyboard.press("Space");
  await expect(live).toContainText(`Đã thả thẻ «${title}» vào cột Đang thực hiện`);

  await expect(cardButton(column(a.page, "Đang thực hiện"), title)).toBeVisible();
  await expect(cardButton(column(b.page, "Đang thực hiện"), title)).toBeVisible();
  await expect(cardButton(column(b.page, "Kế hoạch"), title)).toHaveCount(0);

  await a.context.close();
  await b.context.close();
});

test("a mouse drag moves a card between columns", async ({ browser }) => {
  // Tall enough that the long "Kế hoạch" column and the target are both on screen.
  const a = await openBoard(browser, TEACHER, { viewport: { width: 1280, height: 2600 } });
  const b = await openBoard(browser, PRINCIPAL);
  const title = await addCard(a.page, unique("Treo khẩu hiệu"));
  const handle = a.page.getByRole("button", { name: `Kéo thẻ: ${title}` });
  const target = column(a.page, "Hoàn thành").getByRole("heading", { level: 2 });
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await a.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await a.page.mouse.down();
  // Several steps: the sensor starts after 5 px, and dnd-kit measures as the pointer moves.
  await a.page.mouse.move(from.x + 20, from.y + 20, { steps: 5 });
  await a.page.mouse.move(to.x + to.width / 2, to.y + to.height + 30, { steps: 15 });
  await a.page.mouse.up();
  await expect(cardButton(column(b.page, "Hoàn thành"), title)).toBeVisible();
  await a.context.close();
  await b.context.close();
});

test("a finger drags a card after a short press", async ({ browser }) => {
  // A tablet: three columns side by side, touch only.
  const a = await openBoard(browser, TEACHER, { viewport: { width: 1024, height: 2600 }, hasTouch: true });
  const b = await openBoard(browser, PRINCIPAL);
  const title = await addCard(a.page, unique("Chăm sóc bồn hoa"));
  const from = (await a.page.getByRole("button", { name: `Kéo thẻ: ${title}` }).boundingBox())!;
  const to = (await column(a.page, "Đang thực hiện").getByRole("heading", { level: 2 }).boundingBox())!;
  const cdp = await a.context.newCDPSession(a.page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", x: number, y: number) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  await touch("touchStart", start.x, start.y);
  // Hold past the sensor's 200 ms press delay: a quick swipe would scroll instead.
  await a.page.waitForTimeout(400);
  const end = { x: to.x + to.width / 2, y: to.y + to.height + 40 };
  for (let i = 1; i <= 20; i++) await touch("touchMove", start.x + ((end.x - start.x) * i) / 20, start.y + ((end.y - start.y) * i) / 20);
  await touch("touchEnd", end.x, end.y);
  await expect(cardButton(column(b.page, "Đang thực hiện"), title)).toBeVisible();
  await a.context.close();
  await b.context.close();
});

test("the observer watches the board live and cannot change anything", async ({ browser }) => {
  const teacher = await openBoard(browser, TEACHER);
  const observer = await openBoard(browser, OBSERVER);
  const page = observer.page;
  await expect(page.getByText("Chế độ chỉ xem")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Kéo thẻ/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Thêm thẻ/ })).toHaveCount(0);

  const title = await addCard(teacher.page, unique("Tuyên truyền an toàn giao thông"));
  await expect(cardButton(column(page, "Kế hoạch"), title)).toBeVisible();
  const dialogT = await openCard(teacher.page, title);
  await addItem(dialogT, "Họp phụ huynh");

  const dialog = await openCard(page, title);
  const item = dialog.getByRole("checkbox", { name: "Họp phụ huynh" });
  await expect(item).toBeDisabled();
  await expect(dialog.getByRole("textbox")).toHaveCount(0);
  await expect(dialog.getByRole("combobox")).toHaveCount(0);
  await expect(dialog.getByRole("button", { name: /Xóa|Sửa|Thêm/ })).toHaveCount(0);

  await dialogT.getByRole("checkbox", { name: "Họp phụ huynh" }).check();
  await expect(item).toBeChecked();
  await page.screenshot({ path: "tests/.tmp/screens/board-live-observer-dialog.png" });
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await page.screenshot({ path: "tests/.tmp/screens/board-live-observer.png" });

  await teacher.context.close();
  await observer.context.close();
});

test("a school card can be deleted; a district requirement offers no delete", async ({ browser }) => {
  const a = await openBoard(browser, TEACHER);
  const b = await openBoard(browser, PRINCIPAL);
  const title = await addCard(a.page, unique("Việc tạm"));
  const dialog = await openCard(a.page, title);
  await dialog.getByRole("button", { name: "Xóa thẻ" }).click();
  await dialog.getByRole("button", { name: "Xóa", exact: true }).click();
  await expect(a.page.getByRole("dialog")).toBeHidden();
  await expect(cardButton(b.page, title)).toHaveCount(0);

  // The first card of the plan is a district requirement.
  const templateCard = column(a.page, "Kế hoạch").locator("[data-card-open]").first();
  const templateTitle = (await templateCard.textContent())!;
  const templateDialog = await openCard(a.page, templateTitle);
  await expect(templateDialog.getByText("Yêu cầu của Phòng GD&ĐT", { exact: true })).toBeVisible();
  await expect(templateDialog.getByRole("button", { name: "Xóa thẻ" })).toHaveCount(0);
  await a.context.close();
  await b.context.close();
});
