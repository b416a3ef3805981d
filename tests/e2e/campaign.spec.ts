import { expect, test, type Browser, type Page } from "@playwright/test";
import { cardButton, column, openBoard, TEACHER } from "./board-support";

// The district officer edits the plan's template in November and publishes it; a teacher who has
// the school's board open sees the new requirement and the moved due date without reloading.

const OFFICER = "phong.gddt@kienan.demo";
const TRAFFIC = "Giáo dục an toàn giao thông cho học sinh";

async function signInTo(browser: Browser, email: string, path: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`/login?redirectTo=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill("kienan-2023");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  return { context, page };
}

/** Nothing sticks out past the screen's right edge (outside deliberate scroll boxes). */
async function expectNoSideScroll(page: Page) {
  const offenders = await page.evaluate(() => {
    const clipped = (el: Element | null): boolean => {
      for (let p = el?.parentElement; p && p !== document.body; p = p.parentElement) {
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    return [...document.querySelectorAll("main *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(el))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 5);
  });
  expect(offenders).toEqual([]);
}

async function openDemoCampaign(page: Page) {
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByRole("heading", { level: 2, name: "Đang triển khai" })).toBeVisible();
  // The current school year's campaign (the 2023 one is closed).
  await page.getByRole("link", { name: /Kiến An Sáng - Xanh - Sạch - Đẹp - An toàn - Văn minh” năm học \d{4}-\d{4}/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Xuất bản thay đổi" })).toBeVisible();
}

test("the officer publishes a change and an open school board shows it without reload", async ({ browser }) => {
  const { page: board } = await openBoard(browser, TEACHER);
  await expect(cardButton(board, TRAFFIC)).toBeVisible();

  const { page } = await signInTo(browser, OFFICER, "/campaigns");
  await openDemoCampaign(page);
  await page.getByRole("link", { name: "Soạn thay đổi" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mẫu công việc" })).toBeVisible();

  // A new requirement under "cleanup and landscape", with an item that needs evidence.
  await page.getByRole("button", { name: "+ Thêm công việc · Vệ sinh, chỉnh trang cảnh quan" }).click();
  const fresh = page.locator("details.tpl-card[open]").filter({ hasText: "Công việc mới" });
  const id = await fresh.getAttribute("data-template-id");
  const card = page.locator(`details[data-template-id="${id}"]`);
  await card.getByLabel("Tên công việc").fill("Ra quân trồng cây xanh đợt cuối năm");
  await card.getByLabel("Mục trong kế hoạch").fill("II.2");
  // Due 80 days after the campaign's start: it moves with the campaign when copied.
  await card.getByLabel("Cách tính hạn").selectOption({ label: "Tính từ ngày bắt đầu" });
  await card.getByRole("spinbutton").fill("80");
  await card.getByLabel("Xanh").check();
  await card.getByRole("button", { name: "+ Thêm mục" }).click();
  await card.getByLabel("Nội dung mục 1").fill("Ảnh chụp cây đã trồng");
  await card.getByLabel("Cần minh chứng").check();

  // The traffic-safety card (due 35 days before the deadline) moves to 20 days before it.
  const traffic = page.locator("details.tpl-card", { hasText: TRAFFIC });
  await traffic.locator("summary").click();
  const resolved = traffic.locator(".tpl-due").getByText(/^Hạn: /);
  const before = (await resolved.textContent())!.replace("Hạn: ", "");
  await traffic.getByRole("spinbutton").fill("20");
  await expect(resolved).not.toHaveText(`Hạn: ${before}`);
  const after = (await resolved.textContent())!.replace("Hạn: ", "");
  await expect(page.getByText("Có thay đổi chưa lưu")).toBeVisible();
  await page.getByRole("button", { name: "Lưu bản nháp" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Đã lưu bản nháp mẫu công việc." })).toBeVisible();
  const changes = page.locator(".change-list");
  await expect(changes).toContainText("Thêm công việc «Ra quân trồng cây xanh đợt cuối năm»");
  await expect(changes).toContainText(`Đổi hạn «${TRAFFIC}»: ${before} → ${after}`);
  await page.getByLabel("Ghi chú gửi các trường").fill("Bổ sung đợt trồng cây cuối năm; lùi hạn giáo dục an toàn giao thông.");
  // Publishing to 30 schools asks first.
  await page.getByRole("button", { name: "Xuất bản thay đổi" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Xuất bản phiên bản 2?" });
  await expect(confirm).toContainText("30 trường");
  await confirm.getByRole("button", { name: "Xuất bản", exact: true }).click();

  const progress = page.getByTestId("job-progress");
  await expect(progress).toContainText("Xuất bản phiên bản 2");
  await expect(progress).toContainText("30/30 trường", { timeout: 30_000 });
  await expect(progress).toContainText("Hoàn thành");
  await expect(page.locator(".version-list")).toContainText("Bổ sung đợt trồng cây cuối năm");

  // The teacher's board, untouched since it opened.
  await expect(cardButton(column(board, "Kế hoạch"), "Ra quân trồng cây xanh đợt cuối năm")).toBeVisible();
  await expect(board.locator("li.board-card", { has: cardButton(board, TRAFFIC) })).toContainText(after);
  // …with the district's note of what changed.
  const note = board.getByRole("complementary", { name: "Phòng GD&ĐT đã cập nhật yêu cầu" });
  await expect(note).toContainText("Bổ sung đợt trồng cây cuối năm");
});

test("the editor names a bad field beside it, and schools cannot reach it", async ({ browser }) => {
  const { page } = await signInTo(browser, OFFICER, "/campaigns");
  await openDemoCampaign(page);
  await page.getByRole("link", { name: "Soạn thay đổi" }).click();
  const first = page.locator("details.tpl-card").first();
  await first.locator("summary").click();
  await first.getByLabel("Tên công việc").fill("");
  await first.getByLabel("Cách tính hạn").selectOption({ label: "Ngày cố định" });
  await first.locator(".tpl-due input[type=date]").fill("2099-12-20");
  await page.getByRole("button", { name: "Lưu bản nháp" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Còn 2 lỗi cần sửa." })).toBeVisible();
  await expect(first.getByLabel("Tên công việc")).toHaveAttribute("aria-invalid", "true");
  await expect(first.getByText("Không được để trống.")).toBeVisible();
  await expect(first.getByText("Hạn này sau hạn báo cáo của kế hoạch.")).toBeVisible();

  const { page: teacher } = await signInTo(browser, TEACHER, "/campaigns");
  await expect(teacher.getByRole("heading", { name: "Không có quyền truy cập" })).toBeVisible();
  await expect(teacher.getByRole("link", { name: "Kế hoạch", exact: true })).toHaveCount(0);
});

test("screens: campaign list, campaign page and editor at desktop and phone widths", async ({ browser }) => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 360, height: 780 }]] as const) {
    const { page, context } = await signInTo(browser, OFFICER, "/campaigns", viewport);
    await expect(page.getByRole("heading", { level: 1, name: "Kế hoạch, phong trào" })).toBeVisible();
    await page.screenshot({ path: `test-results/campaigns/list-${name}.png`, fullPage: true });
    await expectNoSideScroll(page);
    await openDemoCampaign(page);
    await page.screenshot({ path: `test-results/campaigns/campaign-${name}.png`, fullPage: true });
    await expectNoSideScroll(page);
    await page.getByRole("link", { name: "Soạn thay đổi" }).click();
    await page.locator("details.tpl-card").first().locator("summary").click();
    await page.screenshot({ path: `test-results/campaigns/editor-${name}.png`, fullPage: true });
    await page.locator("details.tpl-card").first().getByLabel("Cách tính hạn").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/campaigns/editor-${name}-view.png` });
    await expectNoSideScroll(page);
    await page.goto("/campaigns/new");
    await page.getByRole("button", { name: "Tạo kế hoạch" }).click();
    await expect(page.getByText("Vui lòng sửa các ô được đánh dấu.")).toBeVisible();
    await page.screenshot({ path: `test-results/campaigns/new-${name}.png`, fullPage: true });
    await expectNoSideScroll(page);
    await context.close();
  }
});
