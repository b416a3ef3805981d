import { describe, expect, it } from "vitest";
import { wardName } from "~/features/overview/labels";
import type { SchoolLine } from "./overview-lines.server";
import { lineOrder, mergeLines, sortLines } from "./overview-sort.server";

const line = (name: string, ward = "bac-son", level = "TH", done = 0): SchoolLine => ({
  boardId: name,
  school: { id: name, slug: name, name, level, ward },
  progress: { done, total: 10 },
  cards: { planned: 1, in_progress: 0, done: 0 },
  overdue: 0,
  expected: 0,
  lastActivityAt: null,
  status: "on_track",
  error: null,
  report: null,
});
const names = (lines: SchoolLine[]) => lines.map((l) => l.school.name);

describe("sortLines", () => {
  it("orders names the Vietnamese way, and still does after a school is renamed to a name it has not seen", () => {
    const lines = ["Trường Tiểu học Đông Hòa", "Trường Tiểu học Bắc Sơn", "Trường Tiểu học Ánh Dương", "Trường Tiểu học An Lão"].map((n) => line(n));
    expect(names(sortLines(lines, "name", "asc", wardName))).toEqual(["Trường Tiểu học An Lão", "Trường Tiểu học Ánh Dương", "Trường Tiểu học Bắc Sơn", "Trường Tiểu học Đông Hòa"]);
    // An Lão becomes Ân Thi: a name the sort has not ranked yet.
    lines[0]!.school.name = "Trường Tiểu học Ân Thi";
    const vi = [...names(lines)].sort(new Intl.Collator("vi").compare);
    expect(names(sortLines(lines, "name", "asc", wardName))).toEqual(vi);
    expect(names(sortLines(lines, "name", "desc", wardName))).toEqual([...vi].reverse());
  });

  it("orders by ward name, then level, then school name; ties of other keys fall back to the name", () => {
    const lines = [line("C", "lam-ha", "TH"), line("B", "bac-son", "THCS"), line("A", "lam-ha", "MN"), line("D", "bac-son", "MN")];
    expect(names(sortLines(lines, "ward", "asc", wardName))).toEqual(["D", "B", "A", "C"]);
    const progress = [line("Y", "bac-son", "TH", 5), line("X", "bac-son", "TH", 5), line("Z", "bac-son", "TH", 1)];
    expect(names(sortLines(progress, "progress", "desc", wardName))).toEqual(["X", "Y", "Z"]);
  });
});

describe("mergeLines", () => {
  it("puts changed lines back where a full sort would, for every key and direction", () => {
    const wards = ["bac-son", "lam-ha", "van-dau"];
    const base = Array.from({ length: 300 }, (_, i) => line(`Trường ${String.fromCharCode(65 + (i % 26))}${i % 7} ${i}`, wards[i % 3], ["MN", "TH", "THCS"][i % 3], (i * 7) % 11));
    for (const key of ["name", "ward", "progress", "items", "status"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const order = lineOrder(base, key, dir, wardName);
        const sorted = sortLines([...base], key, dir, wardName, order);
        // Ten schools ticked (their line replaced by a new one), one of them twice over.
        const changed = new Map(sorted.filter((_, i) => i % 29 === 3).map((l, i) => [l.boardId, { ...l, progress: { done: (i * 3) % 11, total: 10 } }]));
        const merged = mergeLines(sorted.filter((l) => !changed.has(l.boardId)), [...changed.values()], order);
        const expected = sortLines(base.map((l) => changed.get(l.boardId) ?? l), key, dir, wardName);
        expect(names(merged), `${key} ${dir}`).toEqual(names(expected));
      }
    }
  });
});
