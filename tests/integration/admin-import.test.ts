import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbProvider, getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { signIn, startTestServer } from "../support/server";
import { applyImportApi, districtFile, uploadImport, xlsx } from "./admin-fixtures";

let server: StartedServer;
let base: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
  admin = await signIn(base, "phong.gddt@kienan.demo");
});
afterAll(async () => {
  await server?.close();
});

/** What an import could touch; equal before and after means nothing was written. */
async function counts() {
  const db = getDb();
  const [schools, users, memberships, audit] = await Promise.all([db.school.count(), db.user.count(), db.membership.count(), db.auditLog.count()]);
  return { schools, users, memberships, audit };
}
const messages = (body: { issues: { message: string }[] }) => body.issues.map((i) => i.message);

describe("the template", () => {
  it("downloads as an XLSX with Vietnamese headings on two sheets", async () => {
    const res = await fetch(`${base}/admin/import/template.xlsx`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const heading = (name: string) => (wb.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
    expect(heading("Trường")).toEqual(["Tên trường", "Cấp học", "Phường", "Mã trường"]);
    expect(heading("Nhân sự")).toEqual(["Họ và tên", "Email", "Trường", "Vai trò"]);
  });

  it("the template as downloaded is read without complaint about its layout: it just has no data yet", async () => {
    const res = await fetch(`${base}/admin/import/template.xlsx`, { headers: { cookie: admin } });
    const { status, body } = await uploadImport(base, admin, Buffer.from(await res.arrayBuffer()));
    expect(status).toBe(201);
    expect(messages(body)).toEqual(["Tệp: tệp không có dữ liệu."]);
  });
});

describe("bad files: a clear message and nothing written", () => {
  it("refuses what is not a spreadsheet, an empty file, an old .xls and a non-UTF-8 CSV", async () => {
    const before = await counts();
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const cases: [Buffer, string, string][] = [
      [png, "anh-chup.png", "Tệp: đây không phải tệp bảng tính"],
      [Buffer.alloc(0), "trong.xlsx", "Tệp: tệp không có dữ liệu."],
      [Buffer.from("d0cf11e0a1b11ae1000000000000", "hex"), "cu.xls", "không được hỗ trợ"],
      [Buffer.from("H\xe4 t\xean,Email\nA,b@c.vn\n", "latin1"), "nhan-su.csv", "UTF-8"],
      [Buffer.from("PK\x03\x04 not really a zip", "latin1"), "hong.xlsx", "không phải tệp bảng tính"],
    ];
    for (const [bytes, name, expected] of cases) {
      const { status, body } = await uploadImport(base, admin, bytes, name);
      expect(status, name).toBe(201);
      expect(messages(body).join("\n"), name).toContain(expected);
      const applied = await applyImportApi(base, admin, body.id);
      expect(applied.status, name).toBe(422);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses a 50 MB file with 413 and a clear message, without reading it all", async () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const { status, body } = await uploadImport(base, admin, big, "qua-lon.xlsx");
    expect(status).toBe(413);
    expect(body.error).toEqual({ code: "payload_too_large", message: "The file is larger than 10 MB" });

    // A client that sends no length is cut off while streaming, once past 10 MB.
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const boundary = "----kienan";
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="qua-lon.csv"\r\nContent-Type: text/csv\r\n\r\n`));
      },
      pull(c) {
        if (sent >= 50) return c.close();
        sent++;
        c.enqueue(chunk);
      },
    });
    const res = await fetch(`${base}/api/v1/admin/imports`, {
      method: "POST",
      headers: { cookie: admin, "content-type": `multipart/form-data; boundary=${boundary}` },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(50);
    // The page says it in Vietnamese.
    const form = new FormData();
    form.append("file", new Blob([big]), "qua-lon.xlsx");
    const page = await fetch(`${base}/admin/import`, { method: "POST", headers: { cookie: admin }, body: form });
    expect(page.status).toBe(413);
    expect(await page.text()).toContain("tệp lớn hơn 10 MB");
  });

  it("names unknown and missing columns", async () => {
    const file = await xlsx(
      { people: [{ name: "Lê Thu Hà", email: "le.thu.ha@kienan.edu.vn", school: "KA-001", role: "Giáo viên" }] },
      { people: ["Họ và tên", "Email", "Vai trò", "Ghi chú"] },
    );
    const { body } = await uploadImport(base, admin, file);
    expect(messages(body)).toEqual([
      "Nhân sự — Dòng 1, cột “Ghi chú”: cột D “Ghi chú” không có trong tệp mẫu. Hãy xóa hoặc đổi tên cột này.",
      "Nhân sự — Dòng 1: thiếu cột “Trường”.",
    ]);
  });
});

describe("a district file of 60 schools and 600 people", () => {
  const clean = districtFile();
  let cleanFile: Buffer;
  beforeAll(async () => {
    cleanFile = await xlsx(clean);
  });

  it("the preview names every problem by row and column, in Vietnamese, and writes nothing", async () => {
    const schools = clean.schools.map((s) => ({ ...s }));
    const people = clean.people.map((p) => ({ ...p }));
    schools[3].ward = "Hải An"; // row 5
    people[12].email = "nguyen.van.an@@kienan"; // row 14
    people[20].school = "THCS Lãm Hà 9"; // row 22
    people[28].email = people[8].email; // row 30 repeats row 10
    people[39].role = "Bảo vệ"; // row 41
    people[50].name = ""; // row 52
    const before = await counts();
    const { status, body } = await uploadImport(base, admin, await xlsx({ schools, people }));
    expect(status).toBe(201);
    expect(messages(body)).toEqual([
      "Trường — Dòng 5, cột “Phường”: không có phường “Hải An” trong quận.",
      "Nhân sự — Dòng 14, cột “Email”: email “nguyen.van.an@@kienan” không hợp lệ.",
      "Nhân sự — Dòng 22, cột “Trường”: không tìm thấy trường “THCS Lãm Hà 9”.",
      `Nhân sự — Dòng 30, cột “Email”: email “${people[8].email}” trùng với dòng 10.`,
      // The school of row 5 is left out, so its people are told why (rows 33..41 name it by code or name).
      ...[33, 34, 36, 37, 39, 40].map((row) => `Nhân sự — Dòng ${row}, cột “Trường”: trường “KA-004” chưa nhập được vì dòng 5 của trang trường có lỗi.`),
      "Nhân sự — Dòng 41, cột “Vai trò”: vai trò “Bảo vệ” không hợp lệ; dùng Hiệu trưởng, Giáo viên, Phòng GD&ĐT hoặc Sở GD&ĐT.",
      "Nhân sự — Dòng 52, cột “Họ và tên”: chưa nhập.",
    ]);
    // The rows without problems are listed as they will be imported.
    expect(body.rows.schools).toHaveLength(59);
    expect(body.rows.people[0]).toMatchObject({ row: 2, action: "create", role: "principal", school: "Trường Mầm non Bắc Sơn" });
    expect((await applyImportApi(base, admin, body.id)).status).toBe(422);
    expect(await counts()).toEqual(before);

    // The officer's page says the same, under the sheet's name.
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await xlsx({ schools, people }))]), "danh-sach.xlsx");
    const upload = await fetch(`${base}/admin/import`, { method: "POST", headers: { cookie: admin }, body: form, redirect: "manual" });
    expect(upload.status).toBe(302);
    const page = await (await fetch(`${base}${upload.headers.get("location")}`, { headers: { cookie: admin } })).text();
    expect(page).toContain("Có 12 lỗi cần sửa.");
    expect(page).toContain("Chưa có gì được ghi vào hệ thống.");
    expect(page).toContain("Dòng 22, cột “Trường”</strong>: không tìm thấy trường “THCS Lãm Hà 9”.");
  });

  it("a row that fails while writing rolls the whole file back, schools included", async () => {
    const before = await counts();
    const last = clean.people[599];
    // A real write failure inside the database on the very last row, after 60 schools and 599 people were written.
    const onPostgres = dbProvider() === "postgresql";
    if (onPostgres) {
      await getDb().$executeRawUnsafe(
        `CREATE FUNCTION refuse_last() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.email = '${last.email}' THEN RAISE EXCEPTION 'disk I/O error'; END IF; RETURN NEW; END $$`,
      );
      await getDb().$executeRawUnsafe(`CREATE TRIGGER refuse_last BEFORE INSERT ON "user" FOR EACH ROW EXECUTE FUNCTION refuse_last()`);
    } else {
      await getDb().$executeRawUnsafe(`CREATE TRIGGER refuse_last BEFORE INSERT ON "user" WHEN NEW.email = '${last.email}' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    }
    try {
      const { body } = await uploadImport(base, admin, cleanFile);
      expect(body.issues).toEqual([]);
      const applied = await applyImportApi(base, admin, body.id);
      expect(applied.status).toBe(422);
      expect(applied.body.issues).toHaveLength(1);
      expect(applied.body.issues[0].message).toMatch(/^Nhân sự — Dòng 601: không ghi được dòng này \(.+\)\. Không có gì được ghi vào hệ thống\.$/);
      expect(await counts()).toEqual(before);
      expect(await getDb().school.count({ where: { code: { not: null } } })).toBe(0);
    } finally {
      await getDb().$executeRawUnsafe(onPostgres ? `DROP TRIGGER refuse_last ON "user"` : "DROP TRIGGER refuse_last");
      if (onPostgres) await getDb().$executeRawUnsafe("DROP FUNCTION refuse_last()");
    }
  });

  it("the file imports in one go: 30 schools adopted by name, 30 created, 600 people", async () => {
    const before = await counts();
    const { body } = await uploadImport(base, admin, cleanFile);
    expect(body.issues).toEqual([]);
    expect(body.counts).toEqual({ schools: { create: 30, update: 30, unchanged: 0 }, people: { create: 600, update: 0, unchanged: 0 } });
    const applied = await applyImportApi(base, admin, body.id);
    expect(applied.status).toBe(200);
    expect(applied.body.result.people).toEqual({ create: 600, update: 0, unchanged: 0 });
    expect(await counts()).toEqual({ schools: before.schools + 30, users: before.users + 600, memberships: before.memberships + 600, audit: before.audit + 30 + 30 + 600 + 1 });

    const db = getDb();
    // Named by name ("Mầm non Bắc Sơn") or by code ("KA-031"), each person is in the right school.
    const byName = await db.user.findFirstOrThrow({ where: { email: clean.people[0].email }, include: { memberships: { include: { school: true } } } });
    expect(byName.memberships[0]).toMatchObject({ role: "principal", school: { name: "Trường Mầm non Bắc Sơn", code: "KA-001", slug: "mn-bac-son" } });
    const byCode = await db.user.findFirstOrThrow({ where: { email: clean.people[301].email }, include: { memberships: { include: { school: true } } } });
    expect(byCode.memberships[0]).toMatchObject({ role: "teacher", school: { name: "Trường Mầm non Hoa Sen Bắc Sơn", code: "KA-031", level: "MN", ward: "bac-son" } });
    expect(await db.membership.count({ where: { school: { code: "KA-045" } } })).toBe(10);
    // Every new school has its board for the launched campaign, so its people land somewhere.
    expect(await db.board.count({ where: { school: { code: { in: clean.schools.slice(30).map((s) => s.code) } } } })).toBe(30);

    // The new schools are on the officer's list.
    const list = await (await fetch(`${base}/admin/schools?q=Nguyễn Du`, { headers: { cookie: admin } })).text();
    expect(list).toContain("Trường Tiểu học Nguyễn Du Văn Đẩu");
  });

  it("importing the same file again changes nothing, and says so", async () => {
    const before = await counts();
    const { body } = await uploadImport(base, admin, cleanFile);
    expect(body.counts).toEqual({ schools: { create: 0, update: 0, unchanged: 60 }, people: { create: 0, update: 0, unchanged: 600 } });
    const applied = await applyImportApi(base, admin, body.id);
    expect(applied.body.result).toMatchObject({ schools: { create: 0, update: 0, unchanged: 60 }, people: { create: 0, update: 0, unchanged: 600 } });
    // Only the import itself is logged.
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    // The same upload confirmed twice is applied once.
    const again = await applyImportApi(base, admin, body.id);
    expect(again.body).toMatchObject({ alreadyApplied: true });
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
  });

  it("an edited file changes exactly what was edited, and the change log shows it", async () => {
    const schools = clean.schools.map((s) => ({ ...s }));
    const people = clean.people.map((p) => ({ ...p }));
    schools[35].name = "Trường Mầm non Hoa Sen Đồng Hòa (cơ sở 2)";
    people[101].role = "Hiệu trưởng";
    const { body } = await uploadImport(base, admin, await xlsx({ schools, people }));
    expect(body.counts).toEqual({ schools: { create: 0, update: 1, unchanged: 59 }, people: { create: 0, update: 1, unchanged: 599 } });
    expect((await applyImportApi(base, admin, body.id)).status).toBe(200);
    const membership = await getDb().membership.findFirstOrThrow({ where: { user: { email: people[101].email } } });
    expect(membership.role).toBe("principal");
    const log = await (await fetch(`${base}/admin/audit?entity=person`, { headers: { cookie: admin } })).text();
    expect(log).toContain("Vai trò: Giáo viên → Hiệu trưởng");
  });

  it("reads the same people from a CSV file (comma or semicolon, with a BOM)", async () => {
    const lines = ["Họ và tên;Email;Trường;Vai trò", "Phạm Thu Trang;pham.thu.trang@kienan.edu.vn;KA-002;Giáo viên", '"Đỗ Văn Hải; phó";do.van.hai@kienan.edu.vn;Tiểu học Bắc Sơn;giáo viên'];
    const { body } = await uploadImport(base, admin, Buffer.from("\uFEFF" + lines.join("\r\n"), "utf8"), "nhan-su.csv");
    expect(body.issues).toEqual([]);
    expect(body.rows.people).toEqual([
      { row: 2, action: "create", name: "Phạm Thu Trang", email: "pham.thu.trang@kienan.edu.vn", role: "teacher", school: "Trường Tiểu học Bắc Sơn" },
      { row: 3, action: "create", name: "Đỗ Văn Hải; phó", email: "do.van.hai@kienan.edu.vn", role: "teacher", school: "Trường Tiểu học Bắc Sơn" },
    ]);
  });

  it("only the district office may import", async () => {
    const principal = await signIn(base, "hieutruong.th-bac-son@kienan.demo");
    const { status, body } = await uploadImport(base, principal, cleanFile);
    expect(status).toBe(403);
    expect(body.error.code).toBe("forbidden");
    const page = await fetch(`${base}/admin/import`, { headers: { cookie: principal } });
    expect(page.status).toBe(403);
  });
});
