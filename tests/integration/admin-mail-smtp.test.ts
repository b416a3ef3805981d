import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { signIn, startTestServer } from "../support/server";
import { linkIn, startSmtp } from "./admin-fixtures";

// This file's server sends through a real SMTP server on a free local port.
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: StartedServer;
let base: string;
let admin: string;

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = "Phòng GD&ĐT Kiến An <no-reply@kienan.test>";
  server = await startTestServer();
  base = server.url;
  admin = await signIn(base, "phong.gddt@kienan.demo");
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const post = (path: string, form: Record<string, string>, cookie = "") =>
  fetch(`${base}${path}`, { method: "POST", headers: cookie ? { cookie } : {}, body: new URLSearchParams(form), redirect: "manual" });
const page = async (path: string, cookie = "") => (await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} })).text();
const mailTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
const schoolId = async (slug: string) => (await getDb().school.findUniqueOrThrow({ where: { slug } })).id;

describe("an invitation, end to end through SMTP", () => {
  let link: string;

  it("the district office invites a teacher; the mail goes out through SMTP, its body is not kept", async () => {
    const res = await post("/admin/people?index", { intent: "invite", name: "Trần Văn Bình", email: "tran.van.binh@kienan.edu.vn", role: "teacher", schoolId: await schoolId("th-lam-ha") }, admin);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Đã gửi thư mời.");
    const [mail] = mailTo("tran.van.binh@kienan.edu.vn");
    expect(mail.subject).toBe("Lời mời tham gia Bảng phong trào — Trường Tiểu học Lãm Hà");
    expect(mail.text).toContain("Hoàng Thị Hương mời bạn tham gia Bảng phong trào");
    expect(mail.text).toContain("vai trò Giáo viên — Trường Tiểu học Lãm Hà");
    link = linkIn(mail.text, "/invite/");

    // Only the token's hash is stored; the outbox keeps a record of the mail without its link.
    const token = link.split("/").pop()!;
    const invitation = await getDb().invitation.findFirstOrThrow({ where: { email: "tran.van.binh@kienan.edu.vn" } });
    expect(invitation.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    const validFor = invitation.expiresAt.getTime() - invitation.createdAt.getTime();
    expect(Math.abs(validFor - 7 * 86_400_000)).toBeLessThan(60_000);
    const outbox = await getDb().outboxMail.findFirstOrThrow({ where: { to: "tran.van.binh@kienan.edu.vn" } });
    expect(outbox.sentAt).not.toBeNull();
    expect(outbox.text).not.toContain(token);
  });

  it("the teacher opens the link, sets a password, is signed in and lands on their school's board", async () => {
    expect(await page(link)).toContain("Chào Trần Văn Bình!");
    const mismatch = await post(link, { password: "mat-khau-moi-1", confirm: "mat-khau-moi-2" });
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain("Hai mật khẩu không khớp.");

    const res = await post(link, { password: "mat-khau-moi-1", confirm: "mat-khau-moi-1" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/schools/th-lam-ha");
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const board = await page("/schools/th-lam-ha", cookie);
    expect(board).toContain("Trần Văn Bình");
    expect(board).toContain("Trường Tiểu học Lãm Hà");
    const user = await getDb().user.findUniqueOrThrow({ where: { email: "tran.van.binh@kienan.edu.vn" }, include: { memberships: true } });
    expect(user.memberships[0]).toMatchObject({ role: "teacher", schoolId: await schoolId("th-lam-ha") });
    expect(await getDb().auditLog.count({ where: { action: { in: ["invitation.accepted", "person.created"] }, entityId: { in: [user.id] } } })).toBe(1);
  });

  it("a used link says so, and cannot be used again", async () => {
    expect(await page(link)).toContain("Lời mời đã được sử dụng");
    const again = await post(link, { password: "mat-khau-khac-1", confirm: "mat-khau-khac-1" });
    expect(again.status).toBe(410);
    expect(await signIn(base, "tran.van.binh@kienan.edu.vn", "mat-khau-moi-1")).toContain("session_token");
  });

  it("an expired link says so; a newer invitation replaces an older one; an unknown link says so", async () => {
    const invite = () => post("/admin/people?index", { intent: "invite", name: "Lê Thị Mai", email: "le.thi.mai@kienan.edu.vn", role: "teacher", schoolId: "" }, admin);
    // A teacher without a school is refused before anything is sent.
    expect((await invite()).status).toBe(422);
    const form = { intent: "invite", name: "Lê Thị Mai", email: "le.thi.mai@kienan.edu.vn", role: "teacher", schoolId: await schoolId("mn-lam-ha") };
    await post("/admin/people?index", form, admin);
    await post("/admin/people?index", form, admin);
    const [first, second] = mailTo("le.thi.mai@kienan.edu.vn").map((m) => linkIn(m.text, "/invite/"));
    expect(await page(first)).toContain("Lời mời đã hết hạn");
    expect(await page(second)).toContain("Chào Lê Thị Mai!");
    await getDb().invitation.updateMany({ where: { email: "le.thi.mai@kienan.edu.vn" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await page(second)).toContain("Lời mời đã hết hạn");
    expect((await post(second, { password: "mat-khau-moi-1", confirm: "mat-khau-moi-1" })).status).toBe(410);
    expect(await page("/invite/khong-co-loi-moi-nao-nhu-the-nay")).toContain("Liên kết không hợp lệ");
  });

  it("an email that already has an account is not invited", async () => {
    const res = await post("/admin/people?index", { intent: "invite", name: "Trùng", email: "giaovien.th-bac-son@kienan.demo", role: "teacher", schoolId: await schoolId("th-bac-son") }, admin);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Email này đã có tài khoản.");
    expect(mailTo("giaovien.th-bac-son@kienan.demo")).toEqual([]);
  });
});

describe("a password reset, end to end through SMTP", () => {
  const email = "hieutruong.thcs-van-dau@kienan.demo";

  it("answers the same whether the email exists or not, and mails only an existing, active person", async () => {
    const known = await post("/forgot-password", { email });
    const unknown = await post("/forgot-password", { email: "khong.ai.ca@kienan.demo" });
    // Each page carries its own CSP nonce: the same page, apart from that and the address.
    const strip = (html: string, e: string) => html.replaceAll(e, "EMAIL").replace(/nonce="[^"]*"/g, 'nonce=""');
    expect(known.status).toBe(unknown.status);
    const [a, b] = [await known.text(), await unknown.text()];
    expect(strip(a, email)).toBe(strip(b, "khong.ai.ca@kienan.demo"));
    expect(a).toContain("có tài khoản, một thư có liên kết đặt lại mật khẩu vừa được gửi");
    expect(mailTo("khong.ai.ca@kienan.demo")).toEqual([]);
    const [mail] = mailTo(email);
    expect(mail.subject).toBe("Đặt lại mật khẩu Bảng phong trào");
    expect(mail.text).toContain("hiệu lực 60 phút");
  });

  it("the link sets a new password once; old sessions end; the old password stops working", async () => {
    const before = await signIn(base, email);
    const link = linkIn(mailTo(email)[0].text, "/reset-password");
    expect(link).toMatch(/^\/reset-password\?token=/);
    expect(await page(link)).toContain("Đặt mật khẩu mới");
    expect((await post(link, { password: "ngan", confirm: "ngan" })).status).toBe(422);
    const res = await post(link, { password: "mat-khau-moi-2023", confirm: "mat-khau-moi-2023" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?reset=1");
    expect(await page("/login?reset=1")).toContain("Đã đổi mật khẩu.");

    expect((await fetch(`${base}/schools/thcs-van-dau`, { headers: { cookie: before }, redirect: "manual" })).status).toBe(302);
    await expect(signIn(base, email)).rejects.toThrow();
    expect(await signIn(base, email, "mat-khau-moi-2023")).toContain("session_token");
    // Used once, the link is dead.
    expect(await page(link)).toContain("Liên kết đã hết hạn hoặc đã được dùng");
    expect((await post(link, { password: "mat-khau-khac-2023", confirm: "mat-khau-khac-2023" })).status).toBe(410);
  });

  it("a deactivated person gets no reset mail", async () => {
    const who = "giaovien.thcs-van-dau@kienan.demo";
    await getDb().user.update({ where: { email: who }, data: { active: false } });
    const res = await post("/forgot-password", { email: who });
    expect(res.status).toBe(200);
    expect(mailTo(who)).toEqual([]);
  });
});
