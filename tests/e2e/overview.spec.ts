import { expect, request, test, type Page } from "@playwright/test";

// The district overview in a real browser against the real server (fresh demo database).

const ADMIN = "phong.gddt@kienan.demo";
const SCHOOL = "th-tran-thanh-ngo";
const TEACHER = `giaovien.${SCHOOL}@kienan.demo`;

async function signIn(page: Page, email: string, to = "/overview") {
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill("kienan-2023");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`${to.replace(/[?]/g, "\\?")}$`));
}

const row = (page: Page, slug: string) => page.locator(`tr[data-school="${slug}"]`);

/** Ticks the first open checklist item of the school's board through the JSON API, as its teacher. */
async function tickAsTeacher(baseURL: string) {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  expect((await api.post("/api/auth/sign-in/email", { data: { email: TEACHER, password: "kienan-2023" } })).ok()).toBe(true);
  const { boards } = await (await api.get("/api/v1/boards")).json();
  const boardId = boards[0].id as string;
  const { board } = await (await api.get(`/api/v1/boards/${boardId}`)).json();
  const cards = board.columns.flatMap((c: { cards: { id: string; checklist: { id: string; done: boolean }[] }[] }) => c.cards);
  const card = cards.find((c: { checklist: { done: boolean; needsEvidence: boolean }[] }) => c.checklist.some((i) => !i.done && !i.needsEvidence));
  const item = card.checklist.find((i: { done: boolean; needsEvidence: boolean }) => !i.done && !i.needsEvidence);
  const res = await api.patch(`/api/v1/boards/${boardId}/cards/${card.id}/checklist/${item.id}`, { data: { done: true } });
  expect(res.status()).toBe(200);
  await api.dispose();
}

test("a teacher's tick moves that school's progress on an open overview, without a reload", async ({ page, baseURL }, testInfo) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan tiến độ" })).toBeVisible();
  await expect(page.locator("[data-live]")).toHaveAttribute("data-live", "connected");
  const text = row(page, SCHOOL).getByTestId("progress-text");
  const before = (await text.textContent())!;
  const [done, total] = before.match(/(\d+)\/(\d+) việc/)!.slice(1).map(Number);
  // A marker on the window survives only if the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await tickAsTeacher(baseURL!);
  const ticked = Date.now();

  await expect(text).toContainText(`${done! + 1}/${total} việc`);
  // Recorded, not asserted (timings are for docs/overview.md, never a pass/fail condition).
  testInfo.annotations.push({ type: "tick-to-overview", description: `${Date.now() - ticked} ms` });
  console.log(`tick → overview: ${Date.now() - ticked} ms`);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(page.getByTestId("summary-progress")).toBeVisible();
});

test("filters live in the URL; a bad one is named on the page; a school opens read-only", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("combobox", { name: "Cấp học", exact: true }).selectOption("THCS");
  await expect(page).toHaveURL(/[?&]level=THCS/);
  await expect(page.locator("tr[data-school]")).toHaveCount(10);
  await page.getByRole("combobox", { name: "Tiêu chí", exact: true }).selectOption("xanh");
  await expect(page).toHaveURL(/level=THCS.*criterion=xanh|criterion=xanh.*level=THCS/);
  await expect(page.getByText("Số liệu chỉ tính các thẻ thuộc lĩnh vực/tiêu chí đã chọn.")).toBeVisible();

  // The same link opened fresh shows the same view.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Cấp học", exact: true })).toHaveValue("THCS");
  await expect(page.locator("tr[data-school]")).toHaveCount(10);

  // Sorting is a link too.
  await page.getByRole("link", { name: "Quá hạn" }).click();
  await expect(page).toHaveURL(/sort=overdue/);
  await expect(page.getByRole("columnheader", { name: /Quá hạn/ })).toHaveAttribute("aria-sort", "descending");

  await page.goto("/overview?level=XX&colour=red");
  await expect(page.getByTestId("filter-problems")).toContainText("“XX” không phải giá trị hợp lệ của “level”");
  await expect(page.getByTestId("filter-problems")).toContainText("không có tham số “colour”");
  await expect(page.locator("tr[data-school]")).toHaveCount(30);

  await row(page, "thcs-lam-ha").getByRole("link", { name: "Trường THCS Lãm Hà" }).click();
  await expect(page).toHaveURL(/\/schools\/thcs-lam-ha$/);
  await expect(page.getByText("Chế độ chỉ xem")).toBeVisible();
});

test("the summary tells the truth about the current campaign and the closed 2023 one, and the matrix reads without colour", async ({ page }) => {
  await signIn(page, ADMIN);
  // The current school year's campaign opens by default, its deadline ahead.
  await expect(page.getByTestId("summary-deadline")).toContainText(/Còn \d+ ngày/);
  await expect(page.getByTestId("overview-closed")).toHaveCount(0);
  const matrix = page.getByTestId("matrix");
  await expect(matrix.getByRole("rowheader").first()).toContainText("Xây dựng kế hoạch hành động chi tiết");
  await expect(matrix.getByRole("cell").first()).toHaveText(/Xong|Đang làm|Chưa làm|Quá hạn/);
  await expect(page.getByRole("link", { name: "Excel (.xlsx)" })).toHaveAttribute("href", /^\/overview\/export\.xlsx\?campaignId=/);
  // 2023, closed: figures as of its closing, and every school's report in (a few late).
  const picker = page.locator('select[name="campaignId"]');
  const closed2023 = await picker.evaluate((el: HTMLSelectElement) => [...el.options].find((o) => o.text.endsWith("năm 2023 — Đã kết thúc"))?.value);
  await picker.selectOption(closed2023!);
  await expect(page.getByTestId("overview-closed")).toContainText("Số liệu tại thời điểm kết thúc (15/12/2023)");
  await expect(page.getByTestId("summary-reports")).toContainText("30/30 trường đã nộp báo cáo");
});

test("a principal sees their school's line beside the district average, and no other school", async ({ page }) => {
  await signIn(page, "hieutruong.thcs-lam-ha@kienan.demo");
  await expect(page.getByRole("heading", { level: 1, name: "Tiến độ của trường" })).toBeVisible();
  await expect(page.locator("tr[data-school]")).toHaveCount(1);
  await expect(row(page, "thcs-lam-ha")).toBeVisible();
  await expect(page.getByTestId("district-average")).toContainText("Trung bình quận");
  await expect(page.getByText("Trường Tiểu học Bắc Sơn")).toHaveCount(0);
});

test("a teacher is refused the overview", async ({ page }) => {
  await signIn(page, TEACHER, `/schools/${SCHOOL}`);
  const res = await page.goto("/overview");
  expect(res?.status()).toBe(403);
});

for (const [name, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 360, height: 740 }],
] as const) {
  test(`fits a ${name} screen (${viewport.width} px) without sideways scrolling of the page`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await signIn(page, ADMIN);
    await expect(page.locator("[data-live]")).toHaveAttribute("data-live", "connected");
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(viewport.width);
    // The matrix scrolls inside its own box instead.
    expect(await page.getByRole("region", { name: "Ma trận thực hiện yêu cầu" }).evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await page.screenshot({ path: testInfo.outputPath(`overview-${name}.png`), fullPage: true });
  });
}
