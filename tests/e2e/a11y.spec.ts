import { expect, test } from "@playwright/test";
import { AXE_PAGES, axeViolations, VIEWPORTS } from "./axe";

for (const target of AXE_PAGES) {
  for (const size of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
    test(`axe: ${target.name}, ${size} — no violations`, async ({ browser }) => {
      expect(await axeViolations(browser, target, size)).toEqual([]);
    });
  }
}
