import { expect, test, type Browser } from "@playwright/test";
import { column } from "./board-support";

// Campaigns over time (issue 10): the district launches a second campaign for TH and THCS beside
// the running one; a preschool teacher keeps their boards, a primary teacher switches between
// campaigns, closing a campaign turns its open boards read-only live; overview and exports per campaign.

const OFFICER = "phong.gddt@kienan.demo";
const NAME = "Phong trào “Trường học an toàn giao thông” TH-THCS";

async function signInTo(browser: Browser, email: string, path: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`/login?redirectTo=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill("kienan-2023");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
  return { context, page };
}

test("a second campaign for TH and THCS beside the running one, switched, closed live, and reported per campaign", async ({ browser, baseURL }) => {
  // The district office creates and launches it (after confirming).
  const { page: officer } = await signInTo(browser, OFFICER, "/campaigns");
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const created = await officer.request.post("/api/v1/campaigns", {
    headers: { origin: baseURL! },
    data: { name: NAME, planNumber: "15/KH-PGDĐT", planDate: inDays(-3), startDate: inDays(-2), issuer: "Phòng GD&ĐT quận Kiến An", deadline: inDays(120), levels: ["TH", "THCS"] },
  });
  expect(created.status()).toBe(201);
  const campaign = (await created.json()).campaign as { id: string; slug: string };
  await officer.goto(`/campaigns/${campaign.id}`);
  await officer.getByRole("button", { name: "Triển khai", exact: true }).click();
  const launch = officer.getByRole("alertdialog", { name: "Triển khai kế hoạch tới các trường?" });
  await expect(launch).toContainText("20 trường sẽ nhận bảng công việc ngay.");
  await expect(launch.getByRole("button", { name: "Hủy" })).toBeFocused();
  await launch.getByRole("button", { name: "Triển khai tới 20 trường" }).click();
  await expect(officer.getByTestId("job-progress")).toContainText("20/20 trường", { timeout: 30_000 });

  // A preschool teacher keeps both of theirs (this school year and 2023) and never sees the new one.
  const { page: preschool, context: preschoolContext } = await signInTo(browser, "giaovien.mn-bac-son@kienan.demo", "/schools/mn-bac-son");
  const preschoolPicker = preschool.getByTestId("campaign-picker");
  await preschoolPicker.locator("summary").click();
  await expect(preschoolPicker.getByRole("link")).toHaveCount(2);
  await expect(preschoolPicker).not.toContainText(NAME);
  await preschoolPicker.getByRole("link", { name: /năm 2023/ }).click();
  await expect(preschool).toHaveURL(/\/schools\/mn-bac-son\/sxsdatvm-2023$/);
  await expect(preschool.getByTestId("campaign-closed")).toContainText("Kết thúc ngày 15/12/2023");
  await expect(preschool.getByTestId("report-status")).toBeVisible();
  await preschoolContext.close();

  // A primary teacher switches between all three.
  const { page: teacher } = await signInTo(browser, "giaovien.th-bac-son@kienan.demo", "/schools/th-bac-son");
  const picker = teacher.getByTestId("campaign-picker");
  await picker.locator("summary").click();
  await expect(picker.getByRole("link")).toHaveCount(3);
  await teacher.screenshot({ path: "test-results/campaigns-over-time/switcher-desktop.png", fullPage: false });
  await picker.getByRole("link", { name: new RegExp(NAME.slice(0, 30)) }).click();
  await expect(teacher).toHaveURL(new RegExp(`/schools/th-bac-son/${campaign.slug}$`));
  await expect(teacher.getByRole("heading", { level: 1, name: "Trường Tiểu học Bắc Sơn" })).toBeVisible();
  await expect(teacher.getByText(NAME).first()).toBeVisible();
  await expect(teacher.getByTestId("sync-badge")).toHaveText("Đã kết nối");
  const addButton = teacher.getByRole("button", { name: "Thêm thẻ vào cột Kế hoạch" });
  await expect(addButton).toBeVisible();

  // Closing turns the open board read-only at once.
  await officer.reload();
  await officer.getByTestId("close-campaign").click();
  const close = officer.getByRole("alertdialog", { name: "Kết thúc phong trào?" });
  await expect(close).toContainText("Bảng của 20 trường chuyển sang chỉ xem ngay");
  await officer.screenshot({ path: "test-results/campaigns-over-time/close-dialog-desktop.png" });
  await officer.setViewportSize({ width: 360, height: 780 });
  await officer.screenshot({ path: "test-results/campaigns-over-time/close-dialog-360.png" });
  await officer.setViewportSize({ width: 1280, height: 900 });
  await close.getByRole("button", { name: "Kết thúc phong trào" }).click();
  await expect(officer.getByRole("status").filter({ hasText: "Đã kết thúc phong trào" })).toBeVisible();
  await expect(teacher.getByTestId("campaign-closed-live")).toContainText("bảng chuyển sang chế độ chỉ xem");
  await expect(addButton).toHaveCount(0);
  await expect(column(teacher, "Kế hoạch")).toBeVisible();

  // Overview and exports per campaign.
  await officer.goto(`/overview?campaignId=${campaign.id}`);
  await expect(officer.getByTestId("overview-closed")).toBeVisible();
  await expect(officer.locator("tr[data-school]")).toHaveCount(20);
  await expect(officer.locator('tr[data-school^="mn-"]')).toHaveCount(0);
  const xlsx = await officer.request.get(`/overview/export.xlsx?campaignId=${campaign.id}`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-disposition"]).toContain(`tong-quan-${campaign.slug}`);
  const csv = await officer.request.get(`/overview/export.csv?campaignId=${campaign.id}&view=targets`);
  expect(await csv.text()).toContain("Chỉ tiêu (%)");
  const other = await officer.request.get("/overview/export.csv?view=schools");
  expect((await other.text()).split("\r\n").filter(Boolean)).toHaveLength(31);

  // The district page's picker, and a 360 px phone.
  await officer.goto("/district");
  const districtPicker = officer.getByTestId("campaign-picker");
  await districtPicker.locator("summary").click();
  await officer.screenshot({ path: "test-results/campaigns-over-time/picker-desktop.png" });
  await districtPicker.getByRole("link", { name: new RegExp(NAME.slice(0, 30)) }).click();
  await expect(officer).toHaveURL(new RegExp(`campaign=${campaign.slug}`));
  await expect(officer.locator(".school-row")).toHaveCount(20);
  await officer.setViewportSize({ width: 360, height: 780 });
  await officer.getByTestId("campaign-picker").locator("summary").click();
  await officer.screenshot({ path: "test-results/campaigns-over-time/picker-360.png" });
  expect(await officer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await teacher.setViewportSize({ width: 360, height: 780 });
  await teacher.getByTestId("campaign-picker").locator("summary").click();
  await teacher.screenshot({ path: "test-results/campaigns-over-time/switcher-360.png" });
  expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
