import { expect, test } from "@playwright/test";
import { addCard, cardButton, column, expectLive, openBoard, openCard, PRINCIPAL, SCHOOL, TEACHER, unique } from "./board-support";

test("from the very first visit: sign in, land on the board, go offline, reload — the board is there with its last state and edits are kept", async ({ browser }) => {
  let cut = false;
  // openBoard signs in through the login form: the board is reached by client-side navigation,
  // a page the service worker never saw as a navigation of its own.
  const a = await openBoard(browser, TEACHER, {}, (context) =>
    context.routeWebSocket(/\/collab\//, (ws) => {
      if (cut) void ws.close({ code: 1011, reason: "test: no connection" });
      else ws.connectToServer();
    }),
  );
  const title = await addCard(a.page, unique("Làm thùng rác phân loại"));
  // Wait (not a proof, just the condition): the worker has kept the page on its own.
  await expect.poll(() => a.page.evaluate(async (path) => !!(await caches.match(path)), `/schools/${SCHOOL}`), { timeout: 15_000 }).toBe(true);

  const badge = a.page.getByTestId("sync-badge");
  await expect(badge).toHaveAttribute("data-pending", "0");
  cut = true;
  await a.context.setOffline(true);
  await expect(badge).toHaveText("Ngoại tuyến");
  const dialog = await openCard(a.page, title);
  const offlineTitle = `${title} (ngoại tuyến)`;
  const field = dialog.getByRole("textbox", { name: "Tên công việc" });
  await field.fill(offlineTitle);
  await field.press("Enter");
  await a.page.keyboard.press("Escape");

  await a.page.reload();
  await expect(a.page.getByRole("heading", { level: 1, name: "Trường Tiểu học Bắc Sơn" })).toBeVisible();
  // The card added online (after the page was kept) and the offline rename are both there.
  await expect(cardButton(column(a.page, "Kế hoạch"), offlineTitle)).toBeVisible();
  await expect(badge).toHaveText("Ngoại tuyến — 1 thay đổi chưa gửi");

  cut = false;
  await a.context.setOffline(false);
  await expect(badge).toHaveText("Đã kết nối");
  const b = await openBoard(browser, PRINCIPAL);
  await expect(cardButton(column(b.page, "Kế hoạch"), offlineTitle)).toBeVisible();
  for (const x of [a, b]) await x.context.close();
});

test("an offline edit is counted, survives a reload with no network at all and reaches the others when the connection returns", async ({ browser }) => {
  // setOffline cuts HTTP but not an open WebSocket, so the board's socket also goes through a switch.
  let cut = false;
  const a = await openBoard(browser, TEACHER, {}, (context) =>
    context.routeWebSocket(/\/collab\//, (ws) => {
      if (cut) void ws.close({ code: 1011, reason: "test: no connection" });
      else ws.connectToServer();
    }),
  );
  // The service worker keeps the board page for offline reloads once it controls the page.
  await a.page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await a.page.reload();
  await expectLive(a.page);
  const b = await openBoard(browser, PRINCIPAL);
  const title = await addCard(a.page, unique("Vẽ tranh cổ động"));
  await expect(cardButton(b.page, title)).toBeVisible();
  const badge = a.page.getByTestId("sync-badge");
  // The server has confirmed the new card: nothing is unsent before the connection goes.
  await expect(badge).toHaveAttribute("data-pending", "0");

  cut = true;
  await a.context.setOffline(true);
  await expect(badge).toHaveText("Ngoại tuyến");
  const dialog = await openCard(a.page, title);
  const offlineTitle = `${title} (ngoại tuyến)`;
  const field = dialog.getByRole("textbox", { name: "Tên công việc" });
  await field.fill(offlineTitle);
  await field.press("Enter");
  await expect(dialog.getByRole("heading", { level: 2, name: offlineTitle })).toBeVisible();
  await dialog.getByRole("textbox", { name: "Mục mới" }).fill("Chọn chủ đề");
  await dialog.getByRole("button", { name: "Thêm mục" }).click();
  await a.page.keyboard.press("Escape");
  await expect(badge).toHaveText("Ngoại tuyến — 2 thay đổi chưa gửi");

  // Reload with no network: the page comes from the service worker, the edits from IndexedDB.
  await a.page.reload();
  await expect(cardButton(a.page, offlineTitle)).toBeVisible();
  await expect(badge).toHaveText("Ngoại tuyến — 2 thay đổi chưa gửi");
  await expect(cardButton(b.page, title)).toBeVisible();
  await expect(cardButton(b.page, offlineTitle)).toHaveCount(0);

  cut = false;
  await a.context.setOffline(false);
  await expect(badge).toHaveText("Đã kết nối");
  await expect(cardButton(column(b.page, "Kế hoạch"), offlineTitle)).toBeVisible();
  const dialogB = await openCard(b.page, offlineTitle);
  await expect(dialogB.getByRole("checkbox", { name: "Chọn chủ đề" })).toBeVisible();

  // And the server kept it: a fresh page shows it without any local copy.
  const c = await openBoard(browser, PRINCIPAL);
  await expect(cardButton(c.page, offlineTitle)).toBeVisible();
  for (const x of [a, b, c]) await x.context.close();
});

test("an offline edit the server refuses is explained, and the board goes back to the server's copy", async ({ browser }) => {
  let cut = false;
  const a = await openBoard(browser, TEACHER, {}, (context) =>
    context.routeWebSocket(/\/collab\//, (ws) => {
      if (cut) void ws.close({ code: 1011, reason: "test: no connection" });
      else ws.connectToServer();
    }),
  );
  const b = await openBoard(browser, PRINCIPAL);
  const title = await addCard(a.page, unique("Thi vẽ tranh"));
  await expect(cardButton(b.page, title)).toBeVisible();

  // Each replaces the whole title with a long one. Either alone is fine; merged, the two texts
  // pass the 200-character limit, so the server refuses the one that arrives second.
  const rename = async (page: typeof a.page, from: string, to: string) => {
    const dialog = await openCard(page, from);
    const field = dialog.getByRole("textbox", { name: "Tên công việc" });
    await field.fill(to);
    await field.press("Enter");
    await expect(dialog.getByRole("heading", { level: 2, name: to })).toBeVisible();
    await page.keyboard.press("Escape");
  };
  const mine = `Giáo viên viết: ${"tuyên truyền ".repeat(13)}`.trim();
  const theirs = `Hiệu trưởng viết: ${"vệ sinh môi trường ".repeat(9)}`.trim();
  await expect(a.page.getByTestId("sync-badge")).toHaveAttribute("data-pending", "0");
  cut = true;
  await a.context.setOffline(true);
  await expect(a.page.getByTestId("sync-badge")).toHaveText("Ngoại tuyến");
  await rename(a.page, title, mine);
  await rename(b.page, title, theirs);

  await a.context.setOffline(false);
  cut = false;
  await expect(a.page.getByRole("status").filter({ hasText: "Thay đổi không được chấp nhận: bảng sẽ không còn hợp lệ" })).toBeVisible();
  await expect(cardButton(a.page, theirs)).toBeVisible();
  await expect(cardButton(a.page, mine)).toHaveCount(0);
  await expect(a.page.getByTestId("sync-badge")).toHaveText("Đã kết nối");

  // The fresh replica works: the next edit reaches the others.
  await rename(a.page, theirs, `${title} (thống nhất)`);
  await expect(cardButton(b.page, `${title} (thống nhất)`)).toBeVisible();
  for (const x of [a, b]) await x.context.close();
});
