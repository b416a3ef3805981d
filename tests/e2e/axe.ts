import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { signIn, SCHOOL } from "./board-support";

// One accessibility check for every page, role and screen size: axe-core (WCAG 2.1 A/AA rules)
// must find nothing. A page added later joins by one line in AXE_PAGES.

export type Who = "teacher" | "principal" | "district" | "observer" | "nobody";
export type AxePage = {
  name: string;
  path: string;
  who: Who;
  /** Waits until the page shows what it is about (and opens what should be checked, e.g. a dialog). */
  ready?: (page: Page) => Promise<void>;
};

export const ACCOUNTS: Record<Exclude<Who, "nobody">, string> = {
  teacher: `giaovien.${SCHOOL}@kienan.demo`,
  principal: `hieutruong.${SCHOOL}@kienan.demo`,
  district: "phong.gddt@kienan.demo",
  observer: "so.gddt@kienan.demo",
};

const board = `/schools/${SCHOOL}`;
const liveBoard = async (page: Page) => {
  await expect(page.getByTestId("sync-badge")).toHaveText("Đã kết nối");
};
const withDialog = async (page: Page) => {
  await liveBoard(page);
  await page.locator("[data-card-open]").first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
};

export const AXE_PAGES: AxePage[] = [
  { name: "sign-in", path: "/login", who: "nobody" },
  { name: "forgot password", path: "/forgot-password", who: "nobody" },
  { name: "board (teacher)", path: board, who: "teacher", ready: liveBoard },
  { name: "card dialog (teacher)", path: board, who: "teacher", ready: withDialog },
  { name: "board (principal)", path: board, who: "principal", ready: liveBoard },
  { name: "card dialog (observer)", path: board, who: "observer", ready: withDialog },
  { name: "team (principal)", path: "/team", who: "principal" },
  { name: "overview (principal)", path: "/overview", who: "principal" },
  { name: "schools (district)", path: "/district", who: "district" },
  { name: "overview (district)", path: "/overview", who: "district" },
  { name: "campaigns (district)", path: "/campaigns", who: "district" },
  { name: "administration (district)", path: "/admin", who: "district" },
  { name: "board (observer)", path: board, who: "observer", ready: liveBoard },
  { name: "forbidden (teacher on another school)", path: "/schools/thcs-van-dau", who: "teacher" },
  { name: "not found", path: "/no-such-page", who: "teacher" },
];

export const VIEWPORTS = {
  desktop: { viewport: { width: 1366, height: 900 } },
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
} as const;

/** Signs in as `who` (or not at all), opens `page.path` and returns axe's violations, one line each. */
export async function axeViolations(browser: Browser, target: AxePage, size: keyof typeof VIEWPORTS): Promise<string[]> {
  const context = await browser.newContext(VIEWPORTS[size]);
  try {
    const page = await context.newPage();
    if (target.who !== "nobody") await signIn(page, ACCOUNTS[target.who], null);
    await page.goto(target.path);
    await page.waitForLoadState("networkidle");
    await target.ready?.(page);
    return await axeOn(page);
  } finally {
    await context.close();
  }
}

/** axe's violations on the page as it is now (or only inside `selector`), one line each. */
export async function axeOn(page: Page, selector?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]);
  if (selector) builder = builder.include(selector);
  const result = await builder.analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}
