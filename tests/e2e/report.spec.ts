import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";

// The results report (báo cáo kết quả) in a real browser against the real server (fresh demo DB),
// as the people who use it see it, on 360 px phones: a teacher attaches a photo to an item that
// needs evidence and ticks it; the principal composes and submits; the district officer, whose
// overview stays open and follows each step live, opens the report and returns it with comments;
// the principal sees the return, revises and resubmits; the officer accepts.

// A THCS school the demo leaves with nothing ticked yet this year: only the item ticked here
// needs evidence before the report can go.
const SCHOOL = "thcs-nam-son";
const SCHOOL_NAME = "Trường THCS Nam Sơn";
const PRINCIPAL = `hieutruong.${SCHOOL}@kienan.demo`;
const TEACHER = `giaovien.${SCHOOL}@kienan.demo`;
const ADMIN = "phong.gddt@kienan.demo";
const PHONE = { width: 360, height: 780 };

async function signedIn(browser: Browser, email: string, to: string, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill("kienan-2023");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`${to}$`));
  return { context, page, errors };
}

/** The school's board in the open campaign, and an unticked item on it that needs evidence. */
async function itemNeedingEvidence(page: Page) {
  const { boards } = await (await page.request.get("/api/v1/boards?status=active")).json();
  const boardId = boards[0].id as string;
  const { board } = await (await page.request.get(`/api/v1/boards/${boardId}`)).json();
  type Item = { id: string; text: string; done: boolean; needsEvidence: boolean };
  const cards = board.columns.flatMap((c: { cards: { id: string; title: string; checklist: Item[] }[] }) => c.cards) as { id: string; title: string; checklist: Item[] }[];
  const card = cards.find((c) => c.checklist.some((i) => i.needsEvidence && !i.done))!;
  return { boardId, card, item: card.checklist.find((i) => i.needsEvidence && !i.done)! };
}

/** A real phone photo: a JPEG with a capture time and GPS coordinates (the server strips them). */
async function phonePhoto(path: string) {
  const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#3a7d44" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "TestCam", Model: "Phone X" },
      IFD2: { DateTimeOriginal: "2026:11:20 08:30:00" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "20/1 48/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 37/1 0/1" },
    })
    .toBuffer();
  fs.writeFileSync(path, jpeg);
  return path;
}

test("a teacher attaches a photo and ticks; the principal composes and submits; the district returns it with a comment; the principal resubmits, and it is accepted; the overview follows live", async ({ browser }, testInfo) => {
  const photo = await phonePhoto(testInfo.outputPath("anh-ra-quan.jpg"));
  // The officer's overview is open from the start and never reloaded.
  const admin = await signedIn(browser, ADMIN, "/overview");
  const overview = admin.page;
  const liveCell = overview.locator(`tr[data-school="${SCHOOL}"]`).getByTestId("report-cell");
  await expect(liveCell).toHaveText("Chưa nộp");

  const teacher = await signedIn(browser, TEACHER, `/schools/${SCHOOL}`, PHONE);
  const p = teacher.page;
  await expect(p.getByTestId("sync-badge")).toHaveText("Đã kết nối");
  const { card, item } = await itemNeedingEvidence(p);

  // 1. The item that needs evidence cannot be ticked before a photo is attached, and says why.
  await p.getByRole("button", { name: card.title, exact: true }).click();
  const dialog = p.getByRole("dialog");
  await expect(dialog.getByRole("heading", { level: 2, name: card.title })).toBeVisible();
  const box = dialog.getByRole("checkbox", { name: item.text });
  await expect(box).toBeDisabled();
  await expect(box).toHaveAccessibleDescription("Đính kèm ít nhất một ảnh hoặc tệp minh chứng rồi mới đánh dấu hoàn thành.");
  // The phone's camera button (accept="image/*" capture="environment"): the photo comes from a file here.
  const camera = dialog.getByLabel(`Chụp ảnh minh chứng cho: ${item.text}`);
  await expect(camera).toHaveAttribute("capture", "environment");
  await camera.setInputFiles(photo);
  await expect(dialog.getByText("Đã thêm 1 minh chứng.")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Xem anh-ra-quan.jpg" })).toBeVisible();
  await expect(box).toBeEnabled();
  await box.check();
  await expect(box).toBeChecked();
  await p.screenshot({ path: testInfo.outputPath("evidence-ticked-360.png") });
  await p.keyboard.press("Escape");

  // The principal, on their own phone, sees the ticked item and its photo.
  const principal = await signedIn(browser, PRINCIPAL, `/schools/${SCHOOL}`, PHONE);
  const pp = principal.page;
  await pp.getByRole("button", { name: card.title, exact: true }).click();
  await expect(pp.getByRole("dialog").getByRole("checkbox", { name: item.text })).toBeChecked();
  await expect(pp.getByRole("dialog").getByRole("button", { name: "Xem anh-ra-quan.jpg" })).toBeVisible();
  await pp.keyboard.press("Escape");
  // From here on `p` is the principal's phone; the teacher's stays open on the board.
  const tp = p;

  // 2. The report page, from the board's report panel: compose (saved as a draft) and submit.
  const panel = pp.getByTestId("report-panel");
  await expect(panel.getByTestId("report-state")).toContainText("Chưa nộp");
  await panel.getByRole("link", { name: "Mở trang báo cáo" }).click();
  await expect(pp).toHaveURL(new RegExp(`/schools/${SCHOOL}/report`));
  await expect(pp.getByRole("heading", { level: 1, name: "Báo cáo kết quả" })).toBeVisible();
  const composer = pp.getByTestId("report-composer");
  // The header is data, with the issue date as people write it.
  await expect(composer.getByLabel("Cơ quan chủ quản")).toHaveValue("UBND QUẬN KIẾN AN");
  await expect(composer.getByLabel("Ngày ban hành")).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
  await composer.getByLabel("Kết quả nổi bật").fill("Toàn trường ra quân làm sạch sân trường và lớp học.");
  await composer.getByRole("button", { name: "Thêm đề xuất" }).click();
  await composer.getByRole("textbox", { name: "Tập thể/cá nhân" }).fill("Chi đoàn giáo viên");
  await composer.getByRole("textbox", { name: "Thành tích, lý do" }).fill("Đi đầu trong ra quân làm sạch trường.");
  await composer.getByRole("checkbox", { name: "anh-ra-quan.jpg" }).check();
  await expect(composer.getByTestId("draft-state")).toContainText(/Đã lưu bản nháp lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  // The preview is the document as it will be sent: the school, the section just written, the photo.
  const preview = pp.getByTestId("report-document");
  await expect(preview).toContainText(SCHOOL_NAME);
  await expect(preview).toContainText("Toàn trường ra quân làm sạch sân trường và lớp học.");
  await expect(preview).toContainText("Chi đoàn giáo viên");
  await pp.getByRole("button", { name: "Nộp báo cáo" }).click();
  const status = pp.getByTestId("report-page-status");
  await expect(status).toContainText("Đã nộp");
  await expect(status).toContainText(/lần 1, \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(pp.getByTestId("report-versions")).toContainText("Lần 1:");
  // The phone run: nothing wider than the screen, the page read from the top.
  expect(await pp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await pp.evaluate(() => window.scrollTo(0, 0));
  await pp.screenshot({ path: testInfo.outputPath("report-page-360.png") });
  await pp.screenshot({ path: testInfo.outputPath("report-page-360-full.png"), fullPage: true });

  // The overview that was left open says it, live.
  await expect(liveCell).toHaveText("Đã nộp");
  // The school's teacher reads the state on the board, with no form.
  await tp.reload();
  await expect(tp.getByTestId("report-status")).toContainText(/Trường đã nộp báo cáo kết quả lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(tp.getByRole("button", { name: /Nộp báo cáo|Nộp lại/ })).toHaveCount(0);
  expect(teacher.errors).toEqual([]);
  await teacher.context.close();

  // 3. The district officer, in a second tab: the badge opens the report; return it.
  const a = await admin.context.newPage();
  await a.goto("/overview");
  const cell = a.locator(`tr[data-school="${SCHOOL}"]`).getByTestId("report-cell");
  await expect(cell).toHaveText("Đã nộp");
  await cell.getByRole("link").click();
  await expect(a).toHaveURL(new RegExp(`/schools/${SCHOOL}/report`));
  await expect(a.getByTestId("report-document")).toContainText("Toàn trường ra quân làm sạch sân trường và lớp học.");
  // The appendix shows the evidence photo, served only to people who may see the board.
  const appendixPhoto = a.getByTestId("report-document").locator(".doc-appendix img").first();
  await appendixPhoto.scrollIntoViewIfNeeded();
  await expect(appendixPhoto).toHaveAttribute("alt", /^Hình 1\. .*chụp ngày 20\/11\/2026/);
  await expect.poll(() => appendixPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(appendixPhoto).toBeVisible();
  const review = a.getByTestId("review-form");
  await review.getByLabel("Nhận xét chung").fill("Đề nghị bổ sung số liệu cây xanh đã trồng.");
  await review.getByLabel("Nhận xét về: Tồn tại, hạn chế").fill("Chưa nêu nguyên nhân.");
  await review.getByRole("button", { name: "Trả lại" }).click();
  await expect(a.getByTestId("report-page-status")).toContainText("Trả lại");
  await expect(a.getByTestId("review-form")).toHaveCount(0);
  await expect(liveCell).toHaveText("Trả lại");

  // 4. The principal sees the return on the board and on the report page, revises and resubmits.
  await pp.goto(`/schools/${SCHOOL}`);
  await expect(pp.getByTestId("report-returned")).toContainText("Đề nghị bổ sung số liệu cây xanh đã trồng.");
  await pp.getByTestId("report-panel").getByRole("link", { name: "Mở trang báo cáo" }).click();
  const notes = pp.getByTestId("review-notes");
  await expect(notes).toContainText(/Phòng GD&ĐT \(.+\) trả lại báo cáo lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(notes).toContainText("Đề nghị bổ sung số liệu cây xanh đã trồng.");
  await expect(notes).toContainText("Tồn tại, hạn chế: Chưa nêu nguyên nhân.");
  await pp.evaluate(() => window.scrollTo(0, 0));
  await pp.screenshot({ path: testInfo.outputPath("report-returned-360.png") });
  // Resubmitted at once after typing: what was just typed is saved into the draft first.
  await pp.getByLabel("Tồn tại, hạn chế và nguyên nhân").fill("Còn thiếu cây xanh do sân hẹp; đã trồng thêm 12 cây.");
  await pp.getByRole("button", { name: "Nộp lại báo cáo" }).click();
  await expect(pp.getByTestId("report-page-status")).toContainText("lần 2");
  await expect(pp.getByTestId("review-notes")).toHaveCount(0);
  await expect(liveCell).toHaveText("Đã nộp");

  // 5. The district accepts version 2; the overview says đã duyệt.
  await a.reload();
  await expect(a.getByTestId("report-document")).toContainText("đã trồng thêm 12 cây");
  await a.getByTestId("review-form").getByRole("button", { name: "Duyệt" }).click();
  await expect(a.getByTestId("report-page-status")).toContainText("Đã duyệt");
  await expect(liveCell).toHaveText("Đã duyệt");
  await a.goto("/overview");
  await expect(a.locator(`tr[data-school="${SCHOOL}"]`).getByTestId("report-cell")).toHaveText("Đã duyệt");

  // Accepted: the principal reads the document, no longer composes it.
  await pp.reload();
  await expect(pp.getByTestId("report-page-status")).toContainText("Đã duyệt");
  await expect(pp.getByTestId("report-composer")).toHaveCount(0);
  expect(principal.errors).toEqual([]);
  expect(admin.errors).toEqual([]);
  await principal.context.close();
  await admin.context.close();
});
