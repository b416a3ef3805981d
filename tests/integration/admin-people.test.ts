import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { closed, connectBoard, rawSocket, synced, upgradeStatus } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";

let server: StartedServer;
let base: string;
const cookies: Record<string, string> = {};
const idOf = async (email: string) => (await getDb().user.findUniqueOrThrow({ where: { email } })).id;
const schoolId = async (slug: string) => (await getDb().school.findUniqueOrThrow({ where: { slug } })).id;

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
  for (const [k, email] of Object.entries({
    admin: "phong.gddt@kienan.demo",
    principal: "hieutruong.th-bac-son@kienan.demo",
    teacher: "giaovien.th-bac-son@kienan.demo",
    observer: "so.gddt@kienan.demo",
  })) cookies[k] = await signIn(base, email);
});
afterAll(async () => {
  await server?.close();
});

const api = (method: string, path: string, cookie: string, body?: unknown) =>
  fetch(`${base}${path}`, { method, headers: { cookie, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    body: await r.json(),
  }));
const post = (path: string, cookie: string, form: Record<string, string>) =>
  fetch(`${base}${path}`, { method: "POST", headers: { cookie }, body: new URLSearchParams(form), redirect: "manual" });

describe("a principal manages their own school's team and nothing else", () => {
  it("invites a teacher into their own school", async () => {
    const res = await post("/team", cookies.principal, { intent: "invite", name: "Trần Thu Hà", email: "tran.thu.ha@kienan.edu.vn" });
    expect(res.status).toBe(200);
    const invitation = await getDb().invitation.findFirstOrThrow({ where: { email: "tran.thu.ha@kienan.edu.vn" } });
    expect(invitation).toMatchObject({ role: "teacher", schoolId: await schoolId("th-bac-son") });
    const page = await (await fetch(`${base}/team`, { headers: { cookie: cookies.principal } })).text();
    expect(page).toContain("tran.thu.ha@kienan.edu.vn");
  });

  it("cannot invite into another school, or give a district or principal role: 403, nothing created", async () => {
    const before = await getDb().invitation.count();
    const other = await schoolId("thcs-lam-ha");
    expect((await post("/team", cookies.principal, { intent: "invite", name: "Người Lạ", email: "a@kienan.edu.vn", schoolId: other })).status).toBe(403);
    expect((await post("/team", cookies.principal, { intent: "invite", name: "Người Lạ", email: "b@kienan.edu.vn", role: "district_admin" })).status).toBe(403);
    expect((await post("/team", cookies.principal, { intent: "invite", name: "Người Lạ", email: "c@kienan.edu.vn", role: "principal" })).status).toBe(403);
    const viaApi = await api("POST", "/api/v1/admin/invitations", cookies.principal, { name: "Người Lạ", email: "d@kienan.edu.vn", role: "teacher", schoolId: other });
    expect(viaApi).toEqual({ status: 403, body: { error: { code: "forbidden", message: expect.any(String) } } });
    const observerRole = await api("POST", "/api/v1/admin/invitations", cookies.principal, { name: "Người Lạ", email: "e@kienan.edu.vn", role: "observer" });
    expect(observerRole.status).toBe(403);
    expect(await getDb().invitation.count()).toBe(before);
  });

  it("cannot remove a teacher of another school, another principal or themselves, nor promote anyone", async () => {
    const otherTeacher = await idOf("giaovien.thcs-lam-ha@kienan.demo");
    expect((await post("/team", cookies.principal, { intent: "deactivate", id: otherTeacher })).status).toBe(403);
    expect((await api("PATCH", `/api/v1/admin/people/${otherTeacher}`, cookies.principal, { active: false })).status).toBe(403);
    expect((await api("PATCH", `/api/v1/admin/people/${await idOf("hieutruong.thcs-lam-ha@kienan.demo")}`, cookies.principal, { active: false })).status).toBe(403);
    expect((await api("PATCH", `/api/v1/admin/people/${await idOf("hieutruong.th-bac-son@kienan.demo")}`, cookies.principal, { active: false })).status).toBe(403);
    // Promoting their own teacher is a district decision.
    expect((await api("PATCH", `/api/v1/admin/people/${await idOf("giaovien.th-bac-son@kienan.demo")}`, cookies.principal, { role: "principal" })).status).toBe(403);
    expect(await getDb().user.count({ where: { active: false } })).toBe(0);
  });

  it("is refused the district pages and their actions", async () => {
    for (const path of ["/admin/schools", "/admin/people", "/admin/import", "/admin/audit", "/admin/outbox"]) {
      expect((await fetch(`${base}${path}`, { headers: { cookie: cookies.principal } })).status, path).toBe(403);
    }
    expect((await post("/admin/schools?index", cookies.principal, { intent: "create", name: "Trường THCS Mới", level: "THCS", ward: "lam-ha", code: "" })).status).toBe(403);
    expect((await post("/admin/people?index", cookies.principal, { intent: "invite", name: "X Y", email: "x@kienan.edu.vn", role: "teacher", schoolId: await schoolId("th-bac-son") })).status).toBe(403);
  });

  it("a teacher and the observer have no team page", async () => {
    expect((await fetch(`${base}/team`, { headers: { cookie: cookies.teacher } })).status).toBe(403);
    expect((await fetch(`${base}/team`, { headers: { cookie: cookies.observer } })).status).toBe(403);
    expect((await api("POST", "/api/v1/admin/invitations", cookies.observer, { name: "A B", email: "ab@kienan.edu.vn", role: "teacher", schoolId: await schoolId("th-bac-son") })).status).toBe(403);
  });
});

describe("the district office edits schools and people, and every change is logged", () => {
  it("adds, edits and deactivates a school", async () => {
    expect((await post("/admin/schools?index", cookies.admin, { intent: "create", name: "Trường Mầm non Hoa Hồng", level: "MN", ward: "van-dau", code: "KA-900" })).status).toBe(200);
    const school = await getDb().school.findUniqueOrThrow({ where: { code: "KA-900" } });
    expect(school).toMatchObject({ slug: "mam-non-hoa-hong", ward: "van-dau", active: true });
    const dup = await post("/admin/schools?index", cookies.admin, { intent: "create", name: "Trường khác", level: "MN", ward: "van-dau", code: "ka-900" });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain("Mã trường này đã được dùng cho một trường khác.");
    expect((await post(`/admin/schools/${school.id}`, cookies.admin, { name: "Trường Mầm non Hoa Hồng Văn Đẩu", level: "MN", ward: "van-dau", code: "KA-900" })).status).toBe(302);
    expect((await post("/admin/schools?index", cookies.admin, { intent: "deactivate", id: school.id })).status).toBe(200);
    const after = await getDb().school.findUniqueOrThrow({ where: { id: school.id } });
    expect(after).toMatchObject({ name: "Trường Mầm non Hoa Hồng Văn Đẩu", active: false });
    const log = await getDb().auditLog.findMany({ where: { entityId: school.id }, orderBy: { createdAt: "asc" } });
    expect(log.map((l) => l.action)).toEqual(["school.created", "school.updated", "school.deactivated"]);
    expect(JSON.parse(log[1].detail).changes).toEqual({ name: ["Trường Mầm non Hoa Hồng", "Trường Mầm non Hoa Hồng Văn Đẩu"] });
  });

  it("changes a person's role and school; the change log page says who did what", async () => {
    const teacher = await idOf("giaovien.th-nam-son@kienan.demo");
    const res = await post(`/admin/people/${teacher}`, cookies.admin, { name: "Giáo viên Tiểu học Nam Sơn", role: "principal", schoolId: await schoolId("thcs-nam-son") });
    expect(res.status).toBe(302);
    const m = await getDb().membership.findFirstOrThrow({ where: { userId: teacher } });
    expect(m).toMatchObject({ role: "principal", schoolId: await schoolId("thcs-nam-son") });
    const page = await (await fetch(`${base}/admin/audit?entity=person`, { headers: { cookie: cookies.admin } })).text();
    expect(page).toContain("Sửa thông tin, vai trò");
    expect(page).toContain("Vai trò: Giáo viên → Hiệu trưởng");
    expect(page).toContain("Hoàng Thị Hương");
  });

  it("refuses a school role without a school, and editing oneself", async () => {
    const teacher = await idOf("giaovien.mn-lam-ha@kienan.demo");
    const res = await post(`/admin/people/${teacher}`, cookies.admin, { name: "Giáo viên", role: "teacher", schoolId: "" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Hiệu trưởng và giáo viên phải thuộc một trường.");
    const self = await api("PATCH", `/api/v1/admin/people/${await idOf("phong.gddt@kienan.demo")}`, cookies.admin, { active: false });
    expect(self.status).toBe(403);
  });
});

describe("deactivating a person signs them out everywhere", () => {
  it("closes their live board connection, ends their sessions and refuses new ones", async () => {
    const email = "giaovien.thcs-lam-ha@kienan.demo";
    const cookie = await signIn(base, email);
    const board = await boardIdOf("thcs-lam-ha");
    const live = connectBoard(base, board, cookie);
    await synced(live.provider);
    const raw = await rawSocket(base, board, cookie);
    const rawClosed = closed(raw);
    const providerClosed = new Promise<{ code: number }>((resolve) => live.provider.on("connection-close", (event) => event && resolve(event as { code: number })));

    const res = await api("PATCH", `/api/v1/admin/people/${await idOf(email)}`, cookies.admin, { active: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ person: { active: false }, closedConnections: 2 });
    expect((await rawClosed).code).toBe(4403);
    expect((await providerClosed).code).toBe(4403);
    live.provider.destroy();

    // The old cookie opens nothing any more, and the password no longer signs in.
    expect(await upgradeStatus(`${base.replace("http", "ws")}/collab/${board}`, { cookie })).toBe(401);
    const page = await fetch(`${base}/schools/thcs-lam-ha`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toContain("/login");
    await expect(signIn(base, email)).rejects.toThrow();
    expect(await getDb().session.count({ where: { user: { email } } })).toBe(0);
    const entry = await getDb().auditLog.findFirstOrThrow({ where: { action: "person.deactivated" } });
    expect(JSON.parse(entry.detail)).toMatchObject({ email });
  });

  it("the principal's 'remove' does the same for their own teacher", async () => {
    const teacher = await idOf("giaovien.th-bac-son@kienan.demo");
    const board = await boardIdOf("th-bac-son");
    const raw = await rawSocket(base, board, cookies.teacher);
    const rawClosed = closed(raw);
    const res = await post("/team", cookies.principal, { intent: "deactivate", id: teacher });
    expect(res.status).toBe(200);
    expect((await rawClosed).code).toBe(4403);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: teacher } })).active).toBe(false);
    // Reactivated, they can sign in again (with the same password).
    expect((await post("/team", cookies.principal, { intent: "reactivate", id: teacher })).status).toBe(200);
    expect(await signIn(base, "giaovien.th-bac-son@kienan.demo")).toContain("session_token");
  });
});
