import { describe, expect, it } from "vitest";
import { fold, parseLevel, parseRole, parseWard, schoolNameKey, slugify } from "../text";
import { csvGrid, parseCsv, type Grid } from "./grid";
import { planImport, type Snapshot } from "./plan";
import { readFile } from "./rows";

const grid = (name: string, rows: string[][]): Grid => ({ name, rows: rows.map((cells, i) => ({ row: i + 1, cells })) });
const SCHOOLS = ["Tên trường", "Cấp học", "Phường", "Mã trường"];
const PEOPLE = ["Họ và tên", "Email", "Trường", "Vai trò"];

const db: Snapshot = {
  districtId: "d1",
  actorId: "admin",
  schools: [
    { id: "s-bs", name: "Trường Tiểu học Bắc Sơn", code: null, level: "TH", ward: "bac-son", active: true },
    { id: "s-lh", name: "Trường THCS Lãm Hà", code: "KA-009", level: "THCS", ward: "lam-ha", active: true },
    { id: "s-old", name: "Trường Mầm non Cũ", code: "KA-099", level: "MN", ward: "nam-son", active: false },
  ],
  people: [
    { userId: "admin", email: "phong.gddt@kienan.demo", name: "Hoàng Thị Hương", membership: { districtId: "d1", role: "district_admin", schoolId: null } },
    { userId: "t1", email: "gv1@kienan.edu.vn", name: "Lê Thu", membership: { districtId: "d1", role: "teacher", schoolId: "s-lh" } },
    { userId: "x1", email: "khac@haian.edu.vn", name: "Người Hải An", membership: { districtId: "d2", role: "teacher", schoolId: "s9" } },
  ],
};
const codes = (file: ReturnType<typeof readFile>) => planImport(file, db).issues.map((i) => `${i.row ?? "-"}:${i.column ?? "-"}:${i.code}`);

describe("reading Vietnamese the way offices type it", () => {
  it("folds case, tone marks, đ and spaces", () => {
    expect(fold("  Trường THCS  Đồng Hòa ")).toBe("truong thcs dong hoa");
    expect(slugify("Trường THCS Lãm Hà")).toBe("truong-thcs-lam-ha");
    expect(schoolNameKey("Trường Tiểu học Bắc Sơn")).toBe(schoolNameKey("tiểu học bắc sơn"));
  });
  it("understands levels, wards and roles in words or codes", () => {
    expect([parseLevel("THCS"), parseLevel("mầm non"), parseLevel("Tiểu học"), parseLevel("PTTH")]).toEqual(["THCS", "MN", "TH", null]);
    expect([parseWard("Lãm Hà"), parseWard("Phường Trần Thành Ngọ"), parseWard("van-dau"), parseWard("Hải An")]).toEqual(["lam-ha", "tran-thanh-ngo", "van-dau", null]);
    expect([parseRole("Giáo viên"), parseRole("HIỆU TRƯỞNG"), parseRole("district_admin"), parseRole("Sở GD&ĐT"), parseRole("Bảo vệ")]).toEqual([
      "teacher",
      "principal",
      "district_admin",
      "observer",
      null,
    ]);
  });
});

describe("CSV", () => {
  it("reads quotes, doubled quotes, CRLF, a BOM and semicolons", () => {
    expect(parseCsv('\uFEFFa;"b; c";"say ""hi"""\r\n1;2;3\r\n')).toEqual([
      ["a", "b; c", 'say "hi"'],
      ["1", "2", "3"],
    ]);
    expect(csvGrid("x", "a,b\n\n,\nc,d").rows).toEqual([
      { row: 1, cells: ["a", "b"] },
      { row: 4, cells: ["c", "d"] },
    ]);
  });
});

describe("columns", () => {
  it("names unknown, repeated and missing columns by their heading", () => {
    const file = readFile([grid("Nhân sự", [["Họ tên", "Email", "Email", "Chức vụ", "Ghi chú"], ["A B", "a@b.vn", "a@b.vn", "Giáo viên", "x"]])]);
    expect(file.issues.map((i) => [i.code, i.column])).toEqual([
      ["duplicateColumn", "Email"],
      ["unknownColumn", "Ghi chú"],
      ["missingColumn", null],
    ]);
    expect(file.people).toBeNull();
  });
  it("a sheet with neither kind of heading is named, not guessed", () => {
    expect(readFile([grid("Sheet1", [["Số thứ tự", "Ghi chú"], ["1", "x"]])]).issues.map((i) => i.code)).toEqual(["unknownSheet"]);
  });
});

describe("the plan", () => {
  it("adopts a school already in the app by name, updates by code, creates the rest", () => {
    const file = readFile([
      grid("Trường", [
        SCHOOLS,
        ["Trường Tiểu học Bắc Sơn", "TH", "Bắc Sơn", "KA-002"],
        ["Trường THCS Lãm Hà", "THCS", "Lãm Hà", "ka-009"],
        ["Trường Mầm non Hoa Sen", "MN", "Văn Đẩu", "KA-031"],
      ]),
    ]);
    const plan = planImport(file, db);
    expect(plan.issues).toEqual([]);
    expect(plan.schools.map((s) => [s.action, s.id, s.changes])).toEqual([
      ["update", "s-bs", { code: [null, "KA-002"] }],
      ["unchanged", "s-lh", {}],
      ["create", null, {}],
    ]);
  });

  it("names duplicates, a name taken under another code, and bad cells", () => {
    const file = readFile([
      grid("Trường", [
        SCHOOLS,
        ["Trường Mới A", "MN", "Bắc Sơn", "KA-100"],
        ["Trường Mới B", "MN", "Bắc Sơn", "KA-100"],
        ["Trường mới a", "MN", "Bắc Sơn", "KA-101"],
        ["Trường THCS Lãm Hà", "THCS", "Lãm Hà", "KA-555"],
        ["Trường Mới C", "PTTH", "Hải An", "KA 102!"],
      ]),
    ]);
    expect(codes(file)).toEqual([
      "3:Mã trường:duplicateCode",
      "4:Tên trường:duplicateSchoolName",
      "5:Tên trường:nameTaken",
      "6:Cấp học:invalidLevel",
      "6:Phường:invalidWard",
      "6:Mã trường:invalidCode",
    ]);
  });

  it("places people by school code or name, and knows what changed", () => {
    const file = readFile([
      grid("Trường", [SCHOOLS, ["Trường Mầm non Hoa Sen", "MN", "Văn Đẩu", "KA-031"]]),
      grid("Nhân sự", [
        PEOPLE,
        ["Lê Thu", "GV1@kienan.edu.vn", "THCS Lãm Hà", "Giáo viên"],
        ["Lê Thu", "gv2@kienan.edu.vn", "KA-031", "Hiệu trưởng"],
        ["Phạm Quân", "gv3@kienan.edu.vn", "tiểu học bắc sơn", "Giáo viên"],
        ["Sở", "so@kienan.edu.vn", "", "Sở GD&ĐT"],
      ]),
    ]);
    const plan = planImport(file, db);
    expect(plan.issues).toEqual([]);
    expect(plan.people.map((p) => [p.email, p.action, p.target?.id ?? p.target?.code ?? null])).toEqual([
      ["gv1@kienan.edu.vn", "unchanged", "s-lh"],
      ["gv2@kienan.edu.vn", "create", "KA-031"],
      ["gv3@kienan.edu.vn", "create", "s-bs"],
      ["so@kienan.edu.vn", "create", null],
    ]);
  });

  it("refuses what cannot be right, row by row", () => {
    const file = readFile([
      grid("Nhân sự", [
        PEOPLE,
        ["A Một", "a@kienan.edu.vn", "", "Giáo viên"],
        ["B Hai", "b@kienan.edu.vn", "THCS Lãm Hà", "Phòng GD&ĐT"],
        ["C Ba", "a@kienan.edu.vn", "THCS Lãm Hà", "Giáo viên"],
        ["D Bốn", "d@kienan.edu.vn", "Mầm non Cũ", "Giáo viên"],
        ["E Năm", "e@kienan.edu.vn", "THCS Lãm Hà 9", "Giáo viên"],
        ["Hoàng Thị Hương", "phong.gddt@kienan.demo", "THCS Lãm Hà", "Giáo viên"],
        ["Người Hải An", "khac@haian.edu.vn", "THCS Lãm Hà", "Giáo viên"],
        ["G Bảy", "g@@kienan", "THCS Lãm Hà", "Bảo vệ"],
      ]),
    ]);
    expect(codes(file)).toEqual([
      "2:Trường:schoolRequired",
      "3:Trường:schoolNotAllowed",
      "4:Email:duplicateEmail",
      "5:Trường:schoolInactive",
      "6:Trường:schoolNotFound",
      "7:Vai trò:ownAccount",
      "8:Email:otherDistrict",
      "9:Email:invalidEmail",
      "9:Vai trò:invalidRole",
    ]);
  });

  it("a person whose school row has its own problem is told so, not 'not found'", () => {
    const file = readFile([
      grid("Trường", [SCHOOLS, ["Trường Mầm non Hoa Sen", "MN", "Hải An", "KA-031"]]),
      grid("Nhân sự", [PEOPLE, ["A Một", "a@kienan.edu.vn", "KA-031", "Giáo viên"]]),
    ]);
    const plan = planImport(file, db);
    expect(plan.issues.map((i) => [i.kind, i.row, i.code, i.params?.first ?? null])).toEqual([
      ["schools", 2, "invalidWard", null],
      ["people", 2, "schoolRowInvalid", 2],
    ]);
  });
});
