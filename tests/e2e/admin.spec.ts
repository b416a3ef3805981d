import { expect, test, type Browser, type Page } from "@playwright/test";
import { districtFile, xlsx } from "../integration/admin-fixtures";

// The district office's administration, driven as the officer does it: by visible names.
test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/admin";
const PHONE = { width: 360, height: 760 };

async function signIn(page: Page, email: string, password = "kienan-2023") {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Desktop and 360 px screenshots of what the page shows now. */
async function shoot(browser: Browser, page: Page, name: string) {
  // The top of long pages is what needs looking at; lists go on in the same way.
  await page.screenshot({ path: `${SHOTS}/${name}-desktop.png`, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1400 } });
  const phone = await browser.newContext({ viewport: PHONE, storageState: await page.context().storageState() });
  const small = await phone.newPage();
  await small.goto(page.url());
  await small.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true, clip: { x: 0, y: 0, width: PHONE.width, height: 1500 } });
  // Nothing may stick out sideways on a phone.
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} is wider than the phone`).toBeLessThanOrEqual(0);
  await phone.close();
}

const file = districtFile();

// Script errors and React's complaints (a hydration mismatch is logged as an error) fail the test.
let errors: string[] = [];
test.beforeEach(({ page }) => {
  errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
});
test.afterEach(() => {
  expect(errors).toEqual([]);
});

test("the officer imports a file with errors, sees them by row and column, fixes it and imports again", async ({ page, browser }) => {
  await signIn(page, "phong.gddt@kienan.demo");
  await page.getByRole("link", { name: "Quản trị" }).click();
  await page.getByRole("link", { name: "Nhập từ Excel" }).click();
  await expect(page.getByRole("heading", { name: "Nhập trường và nhân sự từ tệp Excel" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tải tệp mẫu (.xlsx)" })).toHaveAttribute("href", "/admin/import/template.xlsx");
  await shoot(browser, page, "import-upload");

  const broken = { schools: file.schools.map((s) => ({ ...s })), people: file.people.map((p) => ({ ...p })) };
  broken.people[12].email = "nguyen.van.an@@kienan"; // row 14
  broken.people[20].school = "THCS Lãm Hà 9"; // row 22
  await page.getByLabel("Chọn tệp XLSX hoặc CSV").setInputFiles({ name: "danh-sach-truong.xlsx", mimeType: "application/octet-stream", buffer: await xlsx(broken) });
  await page.getByRole("button", { name: "Tải lên và xem trước" }).click();

  const issues = page.getByTestId("import-issues");
  await expect(page.getByText("Có 2 lỗi cần sửa.")).toBeVisible();
  await expect(page.getByText("Chưa có gì được ghi vào hệ thống.")).toBeVisible();
  await expect(issues.getByRole("listitem")).toHaveText([
    "Dòng 14, cột “Email”: email “nguyen.van.an@@kienan” không hợp lệ.",
    "Dòng 22, cột “Trường”: không tìm thấy trường “THCS Lãm Hà 9”.",
  ]);
  await expect(page.getByRole("button", { name: /Xác nhận nhập/ })).toHaveCount(0);
  await shoot(browser, page, "import-errors");

  // The officer fixes the two cells and uploads the file again, from the same page.
  await page.getByLabel("Sửa tệp rồi tải lên lại").setInputFiles({ name: "danh-sach-truong.xlsx", mimeType: "application/octet-stream", buffer: await xlsx(file) });
  await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
  await expect(page.getByText("Trường học: 30 thêm mới, 30 cập nhật, 0 không đổi")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nhân sự (600 dòng)" })).toBeVisible();
  await shoot(browser, page, "import-preview");

  await page.getByRole("button", { name: "Xác nhận nhập 660 dòng" }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("Đã nhập xong");
  await expect(result).toContainText("Nhân sự: 600 thêm mới, 0 cập nhật, 0 không đổi");
  await shoot(browser, page, "import-done");

  // The new schools are on the list, with their boards.
  await page.getByRole("link", { name: "Trường học" }).click();
  await page.getByRole("searchbox").fill("Nguyễn Du Lãm Hà");
  await page.getByRole("button", { name: "Lọc" }).click();
  const row = page.getByRole("listitem").filter({ hasText: "Trường Tiểu học Nguyễn Du Lãm Hà" });
  await expect(row).toContainText("10 người");
  await expect(row).not.toContainText("Chưa có bảng");
  await page.goto("/admin/schools");
  await shoot(browser, page, "schools");
});

test("an invited teacher opens the link from the outbox, sets a password and lands on their school's board", async ({ page, browser }) => {
  await signIn(page, "phong.gddt@kienan.demo");
  await page.goto("/admin/people");
  await page.getByText("Mời người dùng mới").click();
  const invite = page.locator("form").filter({ has: page.getByRole("button", { name: "Gửi lời mời", exact: true }) });
  await invite.getByLabel("Họ và tên").fill("Phạm Thị Hoa");
  await invite.getByLabel("Email").fill("pham.thi.hoa@kienan.edu.vn");
  await invite.getByLabel("Vai trò").selectOption({ label: "Giáo viên" });
  await invite.getByLabel("Trường").selectOption({ label: "Trường Tiểu học Nguyễn Du Lãm Hà" });
  await invite.getByRole("button", { name: "Gửi lời mời", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Đã tạo lời mời. Máy chủ chưa cấu hình thư: xem liên kết trong Hộp thư đi.");
  await expect(page.getByRole("heading", { name: "Lời mời đang chờ (1)" })).toBeVisible();
  await shoot(browser, page, "people");

  await page.getByRole("link", { name: "Hộp thư đi" }).click();
  const mail = page.getByTestId("outbox-mail").filter({ hasText: "pham.thi.hoa@kienan.edu.vn" });
  await mail.getByText("Lời mời tham gia Bảng phong trào — Trường Tiểu học Nguyễn Du Lãm Hà").click();
  const link = await mail.getByRole("link", { name: /\/invite\// }).getAttribute("href");
  await shoot(browser, page, "outbox");

  // The teacher, on their own (signed-out) browser.
  const teacher = await browser.newContext();
  const tab = await teacher.newPage();
  await tab.goto(new URL(link!).pathname);
  await expect(tab.getByRole("heading", { name: "Chào Phạm Thị Hoa!" })).toBeVisible();
  await tab.screenshot({ path: `${SHOTS}/invite-desktop.png`, fullPage: true });
  await tab.setViewportSize(PHONE);
  await tab.screenshot({ path: `${SHOTS}/invite-phone.png`, fullPage: true });
  await tab.getByLabel("Mật khẩu mới").fill("hoa-kienan-2023");
  await tab.getByLabel("Nhập lại mật khẩu").fill("hoa-kienan-2023");
  await tab.getByRole("button", { name: "Đặt mật khẩu và vào bảng" }).click();
  await expect(tab).toHaveURL(/\/schools\/tieu-hoc-nguyen-du-lam-ha$/);
  await expect(tab.getByRole("heading", { level: 1, name: "Trường Tiểu học Nguyễn Du Lãm Hà" })).toBeVisible();
  await expect(tab.getByTestId("whoami")).toContainText("Phạm Thị Hoa");

  // The link was for one use.
  await tab.goto(new URL(link!).pathname);
  await expect(tab.getByRole("heading", { name: "Lời mời đã được sử dụng" })).toBeVisible();
  await teacher.close();

  await page.getByRole("link", { name: "Nhật ký thay đổi" }).click();
  await expect(page.getByTestId("audit-entry").filter({ hasText: "Nhận lời mời" }).first()).toContainText("pham.thi.hoa@kienan.edu.vn");
  await expect(page.getByTestId("audit-entry").filter({ hasText: "Thêm người dùng" }).first()).toContainText("Phạm Thị Hoa");
  await shoot(browser, page, "audit");
});

test("a principal invites and removes teachers of their own school", async ({ page, browser }) => {
  await signIn(page, "hieutruong.thcs-lam-ha@kienan.demo");
  await page.getByRole("link", { name: "Đội ngũ" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Đội ngũ của trường" })).toBeVisible();
  await page.getByLabel("Họ và tên").fill("Ngô Văn Nam");
  await page.getByLabel("Email", { exact: true }).fill("ngo.van.nam@kienan.edu.vn");
  await page.getByRole("button", { name: "Gửi lời mời", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Đã tạo lời mời.");
  await page.getByRole("button", { name: "Cho rời nhóm: Giáo viên THCS Lãm Hà" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Cho Giáo viên THCS Lãm Hà rời nhóm?" });
  await confirm.getByRole("button", { name: "Cho rời nhóm" }).click();
  await expect(page.getByRole("status")).toContainText("Đã ngừng hoạt động tài khoản");
  await expect(page.getByTestId("person-row").filter({ hasText: "Giáo viên THCS Lãm Hà" })).toContainText("Đã ngừng hoạt động");
  // The principal cannot remove themselves.
  await expect(page.getByTestId("person-row").filter({ hasText: "Hiệu trưởng THCS Lãm Hà" }).getByRole("button")).toHaveCount(0);
  await shoot(browser, page, "team");
});

test("after the import the officer invites all 600 new people in one step, then resends and withdraws one", async ({ page, browser }) => {
  await signIn(page, "phong.gddt@kienan.demo");
  await page.goto("/admin/people");
  const panel = page.getByTestId("invite-everyone");
  await expect(panel.getByRole("heading")).toHaveText("600 người chưa nhận được lời mời (chưa đặt mật khẩu, chưa đăng nhập được)");
  await panel.getByRole("button", { name: "Gửi lời mời cho cả 600 người" }).click();
  // Progress while it runs, then the outcome; the button is gone since nobody is left.
  await expect(panel.getByRole("status")).toContainText(/Đã gửi \d+\/600 lời mời/);
  await expect(panel.getByRole("heading")).toHaveText("Đã gửi xong 600/600 lời mời.", { timeout: 90_000 });
  await expect(panel.getByRole("button")).toHaveCount(0);
  await shoot(browser, page, "invite-everyone");

  const rows = page.getByTestId("invitation-row");
  const first = (await rows.first().locator("strong").textContent())!;
  await rows.first().getByRole("button", { name: `Thu hồi: ${first}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Thu hồi lời mời của ${first}?` });
  await confirm.getByRole("button", { name: "Thu hồi" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã thu hồi lời mời." })).toBeVisible();
  await expect(panel.getByRole("heading")).toHaveText("1 người chưa nhận được lời mời (chưa đặt mật khẩu, chưa đăng nhập được)");

  const second = (await rows.first().locator("strong").textContent())!;
  await rows.first().getByRole("button", { name: `Gửi lại: ${second}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã tạo lời mời mới" })).toBeVisible();
});

test("anyone can ask for a password reset from the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
  // The sign-in page has an "Email" field too: wait for the new page before filling.
  await expect(page.getByRole("heading", { level: 1, name: "Quên mật khẩu" })).toBeVisible();
  await page.getByLabel("Email").fill("giaovien.mn-bac-son@kienan.demo");
  await page.getByRole("button", { name: "Gửi liên kết" }).click();
  await expect(page.getByRole("status")).toContainText("có tài khoản, một thư có liên kết đặt lại mật khẩu vừa được gửi");
  await page.screenshot({ path: `${SHOTS}/forgot-desktop.png` });
  await page.goto("/reset-password?token=het-han-roi-nhe");
  await expect(page.getByRole("heading", { name: "Liên kết đã hết hạn hoặc đã được dùng" })).toBeVisible();
});
