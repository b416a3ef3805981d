import { expect, test, type Page } from "@playwright/test";

// The results report (báo cáo kết quả) in a real browser against the real server (fresh demo DB):
// a principal submits from the board page, the district office sees it on the overview.

const SCHOOL = "thcs-van-dau";
const PRINCIPAL = `hieutruong.${SCHOOL}@kienan.demo`;
const TEACHER = `giaovien.${SCHOOL}@kienan.demo`;
const ADMIN = "phong.gddt@kienan.demo";

async function signIn(page: Page, email: string, to: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill("kienan-2023");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`${to}$`));
}

test("a principal submits the report with a note; the overview shows the school as submitted", async ({ page, browser }, testInfo) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, PRINCIPAL, `/schools/${SCHOOL}`);
  const panel = page.getByTestId("report-panel");
  await expect(panel.getByRole("heading", { name: "Báo cáo kết quả" })).toBeVisible();
  await expect(panel).toContainText(/Tiến độ hiện tại: \d+\/\d+ việc/);
  // The current school year's campaign, due months from now.
  await expect(panel).toContainText(/Hạn nộp: trước ngày \d{2}\/\d{2}\/\d{4}/);
  await page.screenshot({ path: testInfo.outputPath("report-panel-before.png") });

  await panel.getByLabel("Ghi chú kèm báo cáo").fill("Đã tổ chức ra quân làm sạch trường, lớp.");
  await panel.getByRole("button", { name: "Nộp báo cáo" }).click();
  const status = panel.getByTestId("report-status");
  await expect(status).toContainText(/Đã nộp lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(\d+\/\d+ việc\)/);
  // The current campaign's deadline is months away: the submission is on time.
  await expect(status).not.toContainText("Nộp muộn");
  await expect(panel.getByRole("button", { name: "Nộp lại" })).toBeVisible();
  await expect(panel.getByLabel("Ghi chú kèm báo cáo")).toHaveValue("Đã tổ chức ra quân làm sạch trường, lớp.");
  await page.screenshot({ path: testInfo.outputPath("report-panel-desktop.png") });
  await page.setViewportSize({ width: 360, height: 780 });
  await page.screenshot({ path: testInfo.outputPath("report-panel-360.png") });
  expect(errors).toEqual([]);

  // The school's teacher reads one line, with no form.
  const teacherContext = await browser.newContext();
  const teacher = await teacherContext.newPage();
  await signIn(teacher, TEACHER, `/schools/${SCHOOL}`);
  await expect(teacher.getByTestId("report-status")).toContainText(/Trường đã nộp báo cáo kết quả lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(teacher.getByRole("button", { name: /Nộp báo cáo|Nộp lại/ })).toHaveCount(0);
  await teacherContext.close();

  // The district office's overview.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN, "/overview");
  await expect(admin.locator(`tr[data-school="${SCHOOL}"]`).getByTestId("report-cell")).toHaveText("Đã nộp");
  await expect(admin.locator(`tr[data-school="th-bac-son"]`).getByTestId("report-cell")).toHaveText("Chưa nộp");
  await expect(admin.getByTestId("summary-reports")).toContainText("1/30 trường đã nộp báo cáo");
  await admin.screenshot({ path: testInfo.outputPath("overview-reports.png"), fullPage: false });
  await admin.locator(`tr[data-school="${SCHOOL}"]`).screenshot({ path: testInfo.outputPath("overview-row-desktop.png") });
  await admin.setViewportSize({ width: 360, height: 780 });
  await admin.locator(`tr[data-school="${SCHOOL}"]`).screenshot({ path: testInfo.outputPath("overview-row-360.png") });
  await adminContext.close();
});
