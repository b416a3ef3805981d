import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { signIn, startTestServer } from "../support/server";
import { linkIn } from "./admin-fixtures";

// No SMTP_URL: every mail stays in the outbox, where the district office reads it.
let server: StartedServer;
let base: string;
let admin: string;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  server = await startTestServer();
  base = server.url;
  admin = await signIn(base, "phong.gddt@kienan.demo");
});
afterAll(async () => {
  await server?.close();
});

const post = (path: string, form: Record<string, string>, cookie = "") =>
  fetch(`${base}${path}`, { method: "POST", headers: cookie ? { cookie } : {}, body: new URLSearchParams(form), redirect: "manual" });
const page = async (path: string, cookie = "") => (await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} })).text();
/** The links on the outbox page, as the officer sees them (HTML-escaped in the page). */
const outboxLinks = async (path: "/invite/" | "/reset-password") =>
  [...(await page("/admin/outbox", admin)).matchAll(/href="(https?:\/\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&")).filter((href) => href.includes(path));

describe("with no SMTP, invitations and resets work through the outbox", () => {
  it("a principal's invitation lands in the outbox, which the district office reads", async () => {
    const principal = await signIn(base, "hieutruong.thcs-dong-hoa@kienan.demo");
    const res = await post("/team", { intent: "invite", name: "Vũ Thị Lan", email: "vu.thi.lan@kienan.edu.vn" }, principal);
    expect(await res.text()).toContain("Máy chủ chưa cấu hình thư: xem liên kết trong Hộp thư đi.");
    const row = await getDb().outboxMail.findFirstOrThrow({ where: { to: "vu.thi.lan@kienan.edu.vn" } });
    expect(row).toMatchObject({ sentAt: null, error: null, subject: "Lời mời tham gia Bảng phong trào — Trường THCS Đồng Hòa" });
    const outbox = await page("/admin/outbox", admin);
    expect(outbox).toContain("Máy chủ chưa cấu hình thư (SMTP_URL)");
    expect(outbox).toContain("Gửi tới vu.thi.lan@kienan.edu.vn");
    expect(outbox).toContain("Trong hộp thư đi");
    expect((await fetch(`${base}/admin/outbox`, { headers: { cookie: principal } })).status).toBe(403);
  });

  it("the invited teacher follows the outbox link, sets a password and lands on the school's board", async () => {
    const [href] = await outboxLinks("/invite/");
    const link = linkIn(href, "/invite/");
    const res = await post(link, { password: "kienan-moi-2023", confirm: "kienan-moi-2023" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/schools/thcs-dong-hoa");
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    expect(await page("/schools/thcs-dong-hoa", cookie)).toContain("Vũ Thị Lan");
    expect(await page(link)).toContain("Lời mời đã được sử dụng");
  });

  it("a reset asked from the sign-in page, and one sent by the office, both reach the outbox and work", async () => {
    await post("/forgot-password", { email: "hieutruong.mn-tran-thanh-ngo@kienan.demo" });
    const teacher = await getDb().user.findUniqueOrThrow({ where: { email: "giaovien.mn-tran-thanh-ngo@kienan.demo" } });
    const sent = await post("/admin/people?index", { intent: "sendReset", id: teacher.id }, admin);
    expect(await sent.text()).toContain("Đã gửi liên kết đặt mật khẩu");
    const links = (await outboxLinks("/reset-password")).map((href) => linkIn(href, "/reset-password"));
    expect(links).toHaveLength(2);
    for (const link of links) {
      const res = await post(link, { password: "mat-khau-2024", confirm: "mat-khau-2024" });
      expect(res.headers.get("location")).toBe("/login?reset=1");
    }
    expect(await signIn(base, "giaovien.mn-tran-thanh-ngo@kienan.demo", "mat-khau-2024")).toContain("session_token");
    expect(await signIn(base, "hieutruong.mn-tran-thanh-ngo@kienan.demo", "mat-khau-2024")).toContain("session_token");
  });

  it("the JSON API invites too, and says the mail was kept, not delivered", async () => {
    const schoolId = (await getDb().school.findUniqueOrThrow({ where: { slug: "th-phu-lien" } })).id;
    const res = await fetch(`${base}/api/v1/admin/invitations`, {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/json" },
      body: JSON.stringify({ name: "Đặng Minh Quân", email: "Dang.Minh.Quan@KienAn.edu.vn", role: "principal", schoolId }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ invitation: { email: "dang.minh.quan@kienan.edu.vn", role: "principal", schoolId }, delivered: false });
    const bad = await fetch(`${base}/api/v1/admin/invitations`, {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/json" },
      body: JSON.stringify({ name: "X", email: "not-an-email", role: "teacher", schoolId }),
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({ error: { code: "validation_failed", message: "name: Vui lòng nhập tên (ít nhất 2 ký tự)." } });
  });
});
