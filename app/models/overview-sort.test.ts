import { describe, expect, it } from "vitest";
import { wardName } from "~/features/overview/labels";
import type { SchoolLine } from "./overview-lines.server";
import { sortLines } from "./overview-sort.server";

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
