import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resources } from "./i18n";

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

  it("feature files never claim the same top-level key (one would silently hide the other)", () => {
    for (const lang of ["vi", "en"]) {
      const dir = path.join(__dirname, lang);
      const seen = new Map<string, string>();
      for (const file of readdirSync(dir)) {
        for (const key of Object.keys(JSON.parse(readFileSync(path.join(dir, file), "utf8")))) {
          expect(seen.get(key), `${lang}/${file} repeats "${key}"`).toBeUndefined();
          seen.set(key, file);
        }
      }
    }
  });
});
