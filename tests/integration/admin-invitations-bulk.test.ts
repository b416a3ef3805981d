import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSchools } from "../../prisma/seed-data";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/i18n/format";
import type { StartedServer } from "../../server/index";
import { signIn, startTestServer } from "../support/server";
import { applyImportApi, districtFile, linkIn, uploadImport, xlsx } from "./admin-fixtures";

// Issue 14: after an import the new people get their invitations in one step (a background run
// with its progress), and an invitation can be sent again or withdrawn. No SMTP: the mails are in
// the outbox, which is what this test reads.
let server: StartedServer;
let base: string;
let admin: string;
const first = demoSchools()[0];
let principal: string;
// 3 schools × (1 principal + 9 teachers), the first one the demo principal's school.
const file = districtFile();
const imported = file.people.slice(0, 30);

beforeAll(async () => {
  delete process.env.SMTP_URL;
  server = await startTestServer();
  base = server.url;
  admin = await signIn(base, "phong.gddt@kienan.demo");
  principal = await signIn(base, `hieutruong.${first.slug}@kienan.demo`);
  const upload = await uploadImport(base, admin, await xlsx({ schools: file.schools.slice(0, 30), people: imported }));
  expect(upload.status).toBe(201);
  expect((await applyImportApi(base, admin, upload.body.id)).status).toBe(200);
});
afterAll(async () => {
  await server?.close();
});

const json = (path: string, cookie: string, method = "GET") => fetch(`${base}${path}`, { method, headers: { cookie, accept: "application/json" } });
const page = async (path: string, cookie = "") => (await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} })).text();
const post = (path: string, form: Record<string, string>, cookie = "") =>
  fetch(`${base}${path}`, { method: "POST", headers: cookie ? { cookie } : {}, body: new URLSearchParams(form), redirect: "manual" });
const invitesTo = async (emails: string[]) => getDb().outboxMail.findMany({ where: { to: { in: emails }, subject: { startsWith: "Lời mời" } }, orderBy: { createdAt: "asc" } });

/** Starts a run and follows its progress to the end, as the page does. */
async function runToEnd(cookie: string) {
  const started = await json("/api/v1/admin/invitations/runs", cookie, "POST");
  const body = (await started.json()) as { run: { id: string; total: number; sent: number; failed: number; status: string } };
  let run = body.run;
  for (let i = 0; run.status === "running" && i < 600; i++) {
    await new Promise((r) => setTimeout(r, 100));
    run = ((await (await json(`/api/v1/admin/invitations/runs/${run.id}`, cookie)).json()) as typeof body).run;
  }
  return { status: started.status, run };
}

describe("inviting everyone an import added", () => {
  it("the principal's team page counts their imported teachers, and one click invites exactly them", async () => {
    expect(await page("/team", principal)).toContain("9 người chưa nhận được lời mời");
    const { status, run } = await runToEnd(principal);
    expect(status).toBe(202);
    expect(run).toMatchObject({ total: 9, sent: 9, failed: 0, status: "done" });
    const teachers = imported.slice(1, 10).map((p) => p.email.toLowerCase());
    expect((await invitesTo(teachers)).map((m) => m.to).sort()).toEqual([...teachers].sort());
    // The school's imported principal is not a principal's to invite.
    expect(await invitesTo([imported[0].email.toLowerCase()])).toEqual([]);
  });

  it("the people list says where each imported account stands: invited (until when), link expired, or not invited", async () => {
    const row = async (email: string) => {
      const html = await page(`/admin/people?q=${encodeURIComponent(email)}`, admin);
      expect(html).toContain(email);
      return html;
    };
    const teacher = imported[1].email.toLowerCase();
    const link = await getDb().invitation.findFirstOrThrow({ where: { email: teacher, usedAt: null, revokedAt: null } });
    expect(await row(teacher)).toContain(`Đã mời, chờ đặt mật khẩu (đến ${formatDate(link.expiresAt)})`);
    // The school's imported principal was not the principal's to invite.
    const notInvited = await row(imported[0].email.toLowerCase());
    expect(notInvited).toContain("Chưa được mời");
    expect(notInvited).not.toContain("Đã mời");
    // A link that ran out says so (and is put back for the tests that follow).
    await getDb().invitation.update({ where: { id: link.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    try {
      const expired = await row(teacher);
      expect(expired).toContain("Lời mời đã hết hạn");
      expect(expired).not.toContain("Đã mời");
    } finally {
      await getDb().invitation.update({ where: { id: link.id }, data: { expiresAt: link.expiresAt } });
    }
    // Someone with a password gets no such badge.
    const demo = await row(`giaovien.${first.slug}@kienan.demo`);
    expect(demo).not.toMatch(/Chưa được mời|Đã mời|Lời mời đã hết hạn/);
  });

  it("the office invites everyone left in the district, each once, and a second click finds nobody", async () => {
    expect(await page("/admin/people", admin)).toContain("21 người chưa nhận được lời mời");
    const { run } = await runToEnd(admin);
    expect(run).toMatchObject({ total: 21, sent: 21, failed: 0, status: "done" });
    const emails = imported.map((p) => p.email.toLowerCase());
    const mails = await invitesTo(emails);
    expect(mails).toHaveLength(30);
    expect(new Set(mails.map((m) => m.to)).size).toBe(30);
    const again = await json("/api/v1/admin/invitations/runs", admin, "POST");
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ run: { total: 0, status: "done" } });
    expect(await page("/admin/people", admin)).not.toContain("người chưa nhận được lời mời");
  });

  it("an imported teacher sets a first password from the link, lands on the board and signs in with it", async () => {
    const teacher = imported[3];
    const [mail] = await invitesTo([teacher.email.toLowerCase()]);
    const link = linkIn(mail.text, "/invite/");
    expect(await page(link)).toContain(teacher.name);
    const res = await post(link, { password: "kienan-nhap-2026", confirm: "kienan-nhap-2026" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/schools/${first.slug}`);
    expect(await signIn(base, teacher.email, "kienan-nhap-2026")).toContain("session_token");
    expect(await page(link)).toContain("Lời mời đã được sử dụng");
    // Still one account: the invitation gave the imported one its password.
    expect(await getDb().user.count({ where: { email: teacher.email.toLowerCase() } })).toBe(1);
  });

  it("a run left by a dead process is taken over when next looked at, and sends nobody twice", async () => {
    const db = getDb();
    const someone = imported[12];
    const user = await db.user.findUniqueOrThrow({ where: { email: someone.email.toLowerCase() } });
    await db.invitation.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    const district = await db.district.findFirstOrThrow();
    const stale = await db.invitationRun.create({ data: { districtId: district.id, startedById: user.id, total: 1, status: "running" } });
    await db.invitationRun.update({ where: { id: stale.id }, data: { updatedAt: new Date(Date.now() - 120_000) } });
    let run = ((await (await json(`/api/v1/admin/invitations/runs/${stale.id}`, admin)).json()) as { run: { status: string; sent: number } }).run;
    for (let i = 0; run.status === "running" && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = ((await (await json(`/api/v1/admin/invitations/runs/${stale.id}`, admin)).json()) as { run: typeof run }).run;
    }
    expect(run).toMatchObject({ status: "done", sent: 1 });
    expect(await invitesTo([user.email])).toHaveLength(2);
  });

  it("a school's stale run read by the office is not taken over with the office's reach", async () => {
    const db = getDb();
    const teacher = await db.user.findUniqueOrThrow({ where: { email: imported[7].email.toLowerCase() } });
    const outsider = await db.user.findUniqueOrThrow({ where: { email: imported[25].email.toLowerCase() } });
    await db.invitation.updateMany({ where: { userId: { in: [teacher.id, outsider.id] } }, data: { revokedAt: new Date() } });
    const school = await db.school.findUniqueOrThrow({ where: { slug: first.slug } });
    const stale = await db.invitationRun.create({ data: { districtId: school.districtId, schoolId: school.id, startedById: teacher.id, total: 1, status: "running" } });
    await db.invitationRun.update({ where: { id: stale.id }, data: { updatedAt: new Date(Date.now() - 120_000) } });
    expect((await json(`/api/v1/admin/invitations/runs/${stale.id}`, admin)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await invitesTo([outsider.email])).toHaveLength(1);
    // The principal's look takes it over, within the school only.
    let run = ((await (await json(`/api/v1/admin/invitations/runs/${stale.id}`, principal)).json()) as { run: { status: string } }).run;
    for (let i = 0; run.status === "running" && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = ((await (await json(`/api/v1/admin/invitations/runs/${stale.id}`, principal)).json()) as { run: typeof run }).run;
    }
    expect(run.status).toBe("done");
    expect(await invitesTo([teacher.email])).toHaveLength(2);
    expect(await invitesTo([outsider.email])).toHaveLength(1);
  });
});

describe("resending and withdrawing one invitation", () => {
  const pending = async (email: string) => getDb().invitation.findFirstOrThrow({ where: { email, usedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" } });

  it("resend makes a new link and the old one stops working; the pages list it with its buttons", async () => {
    const teacher = imported[5].email.toLowerCase();
    const [oldMail] = await invitesTo([teacher]);
    const oldLink = linkIn(oldMail.text, "/invite/");
    const inv = await pending(teacher);
    expect(await page("/team", principal)).toContain(`Gửi lại: ${imported[5].name}`);
    const res = await json(`/api/v1/admin/invitations/${inv.id}/resend`, principal, "POST");
    expect(res.status).toBe(201);
    expect(await page(oldLink)).toContain("Lời mời đã hết hạn");
    const mails = await invitesTo([teacher]);
    expect(mails).toHaveLength(2);
    expect(await page(linkIn(mails[1].text, "/invite/"))).toContain(imported[5].name);
  });

  it("withdrawing from the team page stops the link, says so on it, and the person counts as not invited again", async () => {
    const teacher = imported[6].email.toLowerCase();
    const [mail] = await invitesTo([teacher]);
    const inv = await pending(teacher);
    const res = await post("/team", { intent: "revokeInvitation", id: inv.id }, principal);
    expect(await res.text()).toContain("Đã thu hồi lời mời.");
    expect(await page(linkIn(mail.text, "/invite/"))).toContain("Lời mời đã được thu hồi");
    const accept = await post(linkIn(mail.text, "/invite/"), { password: "kienan-nhap-2026", confirm: "kienan-nhap-2026" });
    expect(accept.status).toBe(410);
    expect(await page("/team", principal)).toContain("1 người chưa nhận được lời mời");
    const audit = await getDb().auditLog.findFirst({ where: { action: "invitation.revoked", entityId: inv.id } });
    expect(audit).not.toBeNull();
  });

  it("refuses whoever may not invite, and another school's invitations to a principal", async () => {
    const teacher = await signIn(base, `giaovien.${first.slug}@kienan.demo`);
    expect((await json("/api/v1/admin/invitations/runs", teacher, "POST")).status).toBe(403);
    const observer = await signIn(base, "so.gddt@kienan.demo");
    expect((await json("/api/v1/admin/invitations/runs", observer, "POST")).status).toBe(403);
    const elsewhere = await pending(imported[15].email.toLowerCase());
    expect((await json(`/api/v1/admin/invitations/${elsewhere.id}/resend`, principal, "POST")).status).toBe(403);
    expect((await json(`/api/v1/admin/invitations/${elsewhere.id}`, principal, "DELETE")).status).toBe(403);
    expect((await json(`/api/v1/admin/invitations/no-such-invitation`, admin, "DELETE")).status).toBe(404);
    expect((await json(`/api/v1/admin/invitations/${"x".repeat(5000)}/resend`, admin, "POST")).status).toBe(404);
    expect((await json(`/api/v1/admin/invitations/${elsewhere.id}`, admin, "PATCH")).status).toBe(405);
    // The office's run is not a principal's to read.
    const officeRun = await getDb().invitationRun.findFirstOrThrow({ where: { schoolId: null } });
    expect((await json(`/api/v1/admin/invitations/runs/${officeRun.id}`, principal)).status).toBe(404);
  });
});
