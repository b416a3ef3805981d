import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createI18n, registerMessages, resources } from "./i18n";

function entries(obj: object, prefix = ""): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? entries(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
}

describe("messages", () => {
  it("English has every key Vietnamese has, and no other", () => {
    const vi = entries(resources.vi.translation).map(([k]) => k);
    const en = entries(resources.en.translation).map(([k]) => k);
    expect(en.sort()).toEqual(vi.sort());
  });

  it("no message is empty", () => {
    for (const lang of [resources.vi.translation, resources.en.translation]) {
      const empty = entries(lang).filter(([, v]) => typeof v !== "string" || v.trim() === "");
      expect(empty).toEqual([]);
    }
  });

  it("no two message files define the same key (a page's pack adds to the root's subtrees, never overrides)", () => {
    for (const lang of ["vi", "en"]) {
      const dir = path.join(__dirname, lang);
      const files = [...readdirSync(dir).filter((f) => f.endsWith(".json")), ...readdirSync(path.join(dir, "pages")).map((f) => `pages/${f}`)];
      const seen = new Map<string, string>();
      for (const file of files) {
        for (const [key] of entries(JSON.parse(readFileSync(path.join(dir, file), "utf8")))) {
          expect(seen.get(key), `${lang}/${file} repeats "${key}"`).toBeUndefined();
          seen.set(key, file);
        }
      }
    }
  });

  it("a page's messages registered later reach an i18next instance made before (the root's, in the browser)", () => {
    const i18n = createI18n("vi");
    const key = "testOnly.registeredLater";
    expect(i18n.t(key)).toBe(key);
    registerMessages({ testOnly: { registeredLater: "Đã có" } });
    expect(i18n.t(key)).toBe("Đã có");
  });
});
