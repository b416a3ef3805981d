import fs from "node:fs";
import { expect, test } from "@playwright/test";
import sharp from "sharp";

// A photo taken with no connection (out in the schoolyard) waits in IndexedDB, is counted by the
// sync badge, survives a reload with no network at all, and uploads by itself on reconnect; only
// then may its item be ticked (the server decides what a tick needs).

// A school the demo leaves untouched this year, so no other spec's edits meet this one.
const SCHOOL = "th-lam-ha";
const TEACHER = `giaovien.${SCHOOL}@kienan.demo`;

test("an evidence photo chosen offline waits in IndexedDB, is counted by the sync badge, survives a reload and uploads on reconnect", async ({ browser }, testInfo) => {
  const photo = testInfo.outputPath("anh-ngoai-tuyen.jpg");
  fs.writeFileSync(photo, await sharp({ create: { width: 800, height: 600, channels: 3, background: "#c33" } }).jpeg().toBuffer());

  // setOffline cuts HTTP but not an open WebSocket: the board's socket goes through a switch too.
  let cut = false;
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  await context.routeWebSocket(/\/collab\//, (ws) => {
    if (cut) void ws.close({ code: 1011, reason: "test: no connection" });
    else ws.connectToServer();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`/login?redirectTo=${encodeURIComponent(`/schools/${SCHOOL}`)}`);
  await page.getByLabel("Email").fill(TEACHER);
  await page.getByLabel("Mật khẩu").fill("kienan-2023");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`/schools/${SCHOOL}$`));
  const badge = page.getByTestId("sync-badge");
  // The service worker keeps the board page for offline reloads once it controls the page.
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.reload();
  await expect(badge).toHaveText("Đã kết nối");

  const { boards } = await (await page.request.get("/api/v1/boards?status=active")).json();
  const boardId = boards[0].id as string;
  const { board } = await (await page.request.get(`/api/v1/boards/${boardId}`)).json();
  type Item = { id: string; text: string; done: boolean; needsEvidence: boolean };
  const cards = board.columns.flatMap((c: { cards: unknown[] }) => c.cards) as { id: string; title: string; checklist: Item[] }[];
  const card = cards.find((c) => c.checklist.some((i) => i.needsEvidence && !i.done))!;
  const item = card.checklist.find((i) => i.needsEvidence && !i.done)!;
  const openDialog = async () => {
    await page.getByRole("button", { name: card.title, exact: true }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading", { level: 2, name: card.title })).toBeVisible();
    return dialog;
  };

  // Offline: the photo is kept on the device, shown as waiting, counted by the badge.
  cut = true;
  await context.setOffline(true);
  await expect(badge).toHaveText("Ngoại tuyến");
  let dialog = await openDialog();
  await dialog.getByLabel(`Chụp ảnh minh chứng cho: ${item.text}`).setInputFiles(photo);
  await expect(dialog.getByText("Chưa có mạng: 1 ảnh được giữ lại trên máy và sẽ tự tải lên khi có kết nối.")).toBeVisible();
  await expect(dialog.getByRole("img", { name: "anh-ngoai-tuyen.jpg — chờ tải lên" })).toBeVisible();
  await expect(badge).toHaveText("Ngoại tuyến · 1 ảnh chờ tải lên");
  await expect(badge).toHaveAttribute("data-photos", "1");
  // Not evidence yet: the item still cannot be ticked, and says why.
  const box = dialog.getByRole("checkbox", { name: item.text });
  await expect(box).toBeDisabled();
  await expect(box).toHaveAccessibleDescription("Ảnh minh chứng đang chờ tải lên; đánh dấu được khi ảnh đã lên máy chủ.");
  await page.screenshot({ path: testInfo.outputPath("evidence-queued-360.png") });
  await page.keyboard.press("Escape");

  // A reload with no network at all: the page from the service worker, the photo from IndexedDB.
  await page.reload();
  await expect(badge).toHaveText("Ngoại tuyến · 1 ảnh chờ tải lên");
  dialog = await openDialog();
  await expect(dialog.getByRole("img", { name: "anh-ngoai-tuyen.jpg — chờ tải lên" })).toBeVisible();

  // Back online: it uploads by itself, the badge stops counting it, the item can be ticked.
  cut = false;
  await context.setOffline(false);
  await expect(badge).toHaveText("Đã kết nối");
  await expect(badge).toHaveAttribute("data-photos", "0");
  await expect(dialog.getByRole("button", { name: "Xem anh-ngoai-tuyen.jpg" })).toBeVisible();
  await expect(dialog.getByRole("img", { name: /chờ tải lên/ })).toHaveCount(0);
  await expect(box).toBeEnabled();
  await box.check();
  await expect(box).toBeChecked();

  // Offline again, another reload: the board still knows the item has its photo.
  await expect(badge).toHaveAttribute("data-pending", "0");
  await page.keyboard.press("Escape");
  cut = true;
  await context.setOffline(true);
  await page.reload();
  await expect(badge).toHaveText("Ngoại tuyến");
  dialog = await openDialog();
  await expect(dialog.getByRole("button", { name: "Xem anh-ngoai-tuyen.jpg" })).toBeVisible();
  await expect(box).toBeChecked();
  cut = false;
  await context.setOffline(false);
  await expect(badge).toHaveText("Đã kết nối");

  // The server has it once (and the queue is empty: a reload uploads nothing more).
  const list = async () => ((await (await page.request.get(`/api/v1/boards/${boardId}/evidence`)).json()).evidence as { name: string; itemId: string }[]).filter((e) => e.itemId === item.id);
  expect((await list()).map((e) => e.name)).toEqual(["anh-ngoai-tuyen.jpg"]);
  await page.reload();
  await expect(badge).toHaveText("Đã kết nối");
  await expect(badge).toHaveAttribute("data-photos", "0");
  expect(await list()).toHaveLength(1);
  expect(errors).toEqual([]);
  await context.close();
});
