import ExcelJS from "exceljs";
import { simpleParser } from "mailparser";
import { WARDS } from "~/domain/vocabulary";
import { demoSchools } from "../../prisma/seed-data";

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"];
const MIDDLE = ["Thị", "Văn", "Minh", "Thu", "Đức", "Ngọc", "Thanh", "Hữu"];
const GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hương", "Lan", "Long", "Mai", "Nam", "Phương", "Quân", "Tâm", "Thảo", "Tuấn", "Yến"];
const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();

export interface SchoolLine {
  name: string;
  level: string;
  ward: string;
  code: string;
}
export interface PersonLine {
  name: string;
  email: string;
  school: string;
  role: string;
}

/**
 * The district's file as an officer would keep it: 60 schools (the 30 already in the app, now
 * with codes, and 30 new ones) and 600 people, 10 per school (a principal and nine teachers);
 * the school column mixes codes and names, roles are written in Vietnamese.
 */
export function districtFile(): { schools: SchoolLine[]; people: PersonLine[] } {
  const existing = demoSchools().map((s, i) => ({
    name: s.name,
    level: s.level,
    ward: WARDS.find((w) => w.slug === s.ward)!.name,
    code: `KA-${String(i + 1).padStart(3, "0")}`,
  }));
  const added = WARDS.flatMap((ward, w) =>
    [
      { name: `Trường Mầm non Hoa Sen ${ward.name}`, level: "MN" },
      { name: `Trường Mầm non Sơn Ca ${ward.name}`, level: "MN" },
      { name: `Trường Tiểu học Nguyễn Du ${ward.name}`, level: "TH" },
    ].map((s, k) => ({ ...s, ward: ward.name, code: `KA-${String(31 + w * 3 + k).padStart(3, "0")}` })),
  );
  const schools = [...existing, ...added];
  const people: PersonLine[] = [];
  schools.forEach((school, s) => {
    for (let k = 0; k < 10; k++) {
      const n = s * 10 + k;
      const name = `${FAMILY[n % FAMILY.length]} ${MIDDLE[(n >> 1) % MIDDLE.length]} ${GIVEN[(n * 7) % GIVEN.length]}`;
      people.push({
        name,
        email: `${ascii(name).replace(/ /g, ".")}.${n}@kienan.edu.vn`,
        school: n % 3 === 0 ? school.name.replace(/^Trường /, "") : school.code,
        role: k === 0 ? "Hiệu trưởng" : "Giáo viên",
      });
    }
  });
  return { schools, people };
}

/** An XLSX file with the template's two sheets (or any headings given). */
export async function xlsx(content: { schools?: SchoolLine[]; people?: PersonLine[] }, headings?: { schools?: string[]; people?: string[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (content.schools) {
    const ws = wb.addWorksheet("Trường");
    ws.addRow(headings?.schools ?? ["Tên trường", "Cấp học", "Phường", "Mã trường"]);
    for (const s of content.schools) ws.addRow([s.name, s.level, s.ward, s.code]);
  }
  if (content.people) {
    const ws = wb.addWorksheet("Nhân sự");
    ws.addRow(headings?.people ?? ["Họ và tên", "Email", "Trường", "Vai trò"]);
    for (const p of content.people) ws.addRow([p.name, p.email, p.school, p.role]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Uploads a file to the import API; returns status and JSON. */
export async function uploadImport(base: string, cookie: string, bytes: Uint8Array | Buffer, filename = "truong-nhan-su.xlsx") {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), filename);
  const res = await fetch(`${base}/api/v1/admin/imports`, { method: "POST", headers: { cookie }, body: form });
  return { status: res.status, body: await res.json() };
}

export async function applyImportApi(base: string, cookie: string, id: string) {
  const res = await fetch(`${base}/api/v1/admin/imports/${id}/apply`, { method: "POST", headers: { cookie } });
  return { status: res.status, body: await res.json() };
}

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server on a free local port that keeps what it receives. */
export async function startSmtp() {
  const { SMTPServer } = await import("smtp-server");
  const mails: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      // mailparser decodes what nodemailer encoded (quoted-printable or base64 bodies, RFC 2047
      // headers). The mail is kept before the server answers 250, so it is there once sent.
      simpleParser(stream).then(
        (mail) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? "", text: mail.text ?? "" });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as import("node:net").AddressInfo).port;
  return { port, url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}

/** The path of the first link to this app in a mail (the origin is BASE_URL, not the test server's port). */
export function linkIn(text: string, path: "/invite/" | "/reset-password"): string {
  const match = new RegExp(`https?://[^\\s/]+(${path.replace("?", "\\?")}[^\\s<>"]*)`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[1];
}
