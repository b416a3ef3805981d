import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { eventually } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";
import { liveBoard, userId } from "./overview-support";

// Activity derived by the server, comments with @mentions, notifications — through the real server.

let server: StartedServer;
let boardId: string;
let cardId: string;
let itemId: string;
const cookies: Record<string, string> = {};
const PEOPLE = {
  teacher: "giaovien.th-bac-son@kienan.demo",
  principal: "hieutruong.th-bac-son@kienan.demo",
  otherPrincipal: "hieutruong.mn-lam-ha@kienan.demo",
  observer: "so.gddt@kienan.demo",
  admin: "phong.gddt@kienan.demo",
};

beforeAll(async () => {
  server = await startTestServer();
  for (const [k, email] of Object.entries(PEOPLE)) cookies[k] = await signIn(server.url, email);
  boardId = await boardIdOf("th-bac-son");
  // An item that needs no evidence: one that does cannot be ticked before a photo is attached.
  const open = (i: { done: boolean; archived: boolean; needsEvidence: boolean }) => !i.done && !i.archived && !i.needsEvidence;
  const card = (await liveBoard(boardId)).cards.find((c) => c.checklist.some(open))!;
  cardId = card.id;
  itemId = card.checklist.find(open)!.id;
});
afterAll(async () => {
  await server?.close();
});

async function call(method: string, path: string, cookie?: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", "accept-language": "vi", ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}
const comments = () => `/api/v1/boards/${boardId}/cards/${cardId}/comments`;

describe("activity", () => {
  it("a tick through the HTTP API becomes an entry naming who ticked what and when", async () => {
    const res = await call("PATCH", `/api/v1/boards/${boardId}/cards/${cardId}/checklist/${itemId}`, cookies.teacher, { done: true });
    expect(res.status).toBe(200);
    const teacher = await getDb().user.findUniqueOrThrow({ where: { email: PEOPLE.teacher } });
    const page = await eventually(async () => {
      const r = await call("GET", `/api/v1/boards/${boardId}/activity?cardId=${cardId}`, cookies.principal);
      expect(r.body.activity[0]).toMatchObject({ kind: "item.ticked", cardId, itemId, actor: { id: teacher.id, name: teacher.name } });
      return r.body;
    });
    expect(page.activity[0].summary).toMatch(new RegExp(`^${teacher.name} đã đánh dấu «.+» lúc \\d\\d:\\d\\d, \\d\\d/\\d\\d/\\d{4}$`));
    expect(page).toHaveProperty("next");
  });

  it("filters by person and kind; 400 on a bad query; 401/403 outside the board", async () => {
    const teacherId = await userId(PEOPLE.teacher);
    const byKind = await call("GET", `/api/v1/boards/${boardId}/activity?kind=item&actor=${teacherId}`, cookies.admin);
    expect(byKind.status).toBe(200);
    expect(byKind.body.activity.every((a: { kind: string; actor: { id: string } }) => a.kind.startsWith("item.") && a.actor.id === teacherId)).toBe(true);
    expect((await call("GET", `/api/v1/boards/${boardId}/activity?cursor=abc`, cookies.admin)).body.error.code).toBe("invalid_query");
    expect((await call("GET", `/api/v1/boards/${boardId}/activity`)).status).toBe(401);
    expect((await call("GET", `/api/v1/boards/${boardId}/activity`, cookies.otherPrincipal)).status).toBe(403);
  });

  it("survives compaction: the entries are their own table, not the update log", async () => {
    await getDb().boardUpdate.deleteMany({ where: { boardId } });
    const r = await call("GET", `/api/v1/boards/${boardId}/activity?cardId=${cardId}`, cookies.principal);
    expect(r.body.activity.some((a: { kind: string }) => a.kind === "item.ticked")).toBe(true);
  });
});

describe("comments", () => {
  it("validates: empty, too long, not JSON, unknown card, wrong role", async () => {
    expect((await call("POST", comments(), cookies.teacher, { text: "   " })).body.error.code).toBe("comment_empty");
    expect((await call("POST", comments(), cookies.teacher, { text: "x".repeat(2001) })).body.error.code).toBe("comment_too_long");
    expect((await call("POST", comments(), cookies.teacher, "{text")).body.error.code).toBe("invalid_json");
    expect((await call("POST", comments(), cookies.teacher, { text: 5 })).status).toBe(422);
    expect((await call("POST", `/api/v1/boards/${boardId}/cards/nope/comments`, cookies.teacher, { text: "hi" })).body.error.code).toBe("card_not_found");
    expect((await call("POST", comments(), cookies.observer, { text: "hi" })).status).toBe(403);
    expect((await call("POST", comments(), cookies.otherPrincipal, { text: "hi" })).status).toBe(403);
    expect(await getDb().comment.count()).toBe(0);
  });

  it("a mention of the principal notifies them; a mention of another school's principal is refused and named back", async () => {
    const principal = await getDb().user.findUniqueOrThrow({ where: { email: PEOPLE.principal } });
    const other = await getDb().user.findUniqueOrThrow({ where: { email: PEOPLE.otherPrincipal } });
    const res = await call("POST", comments(), cookies.teacher, { text: `@${principal.name} xem giúp, và @${other.email} nữa` });
    expect(res.status).toBe(201);
    expect(res.body.comment.mentions).toEqual([{ id: principal.id, name: principal.name }]);
    expect(res.body.notDelivered).toEqual([{ id: other.id, name: other.name }]);
    const mine = await call("GET", "/api/v1/notifications", cookies.principal);
    expect(mine.body.unread).toBeGreaterThan(0);
    expect(mine.body.notifications[0]).toMatchObject({ kind: "mentioned", read: false });
    expect(mine.body.notifications[0].text).toContain("xem giúp");
    expect((await call("GET", "/api/v1/notifications", cookies.otherPrincipal)).body.notifications.filter((n: { kind: string }) => n.kind === "mentioned")).toEqual([]);
    // Mark as read: one's own only; someone else's id changes nothing.
    expect((await call("POST", "/api/v1/notifications/read", cookies.otherPrincipal, { ids: [mine.body.notifications[0].id] })).body.marked).toBe(0);
    const read = await call("POST", "/api/v1/notifications/read", cookies.principal, { ids: [mine.body.notifications[0].id] });
    expect(read.body).toMatchObject({ marked: 1 });
    expect((await call("POST", "/api/v1/notifications/read", cookies.principal, { ids: [] })).status).toBe(422);
    expect((await call("POST", "/api/v1/notifications/read", cookies.principal, "nope")).status).toBe(400);
  });

  it("edit and delete one's own only; the list shows the thread", async () => {
    const list = await call("GET", comments(), cookies.principal);
    const id = list.body.comments[0].id;
    expect(list.body.mentionable.length).toBeGreaterThan(0);
    expect((await call("PATCH", `${comments()}/${id}`, cookies.principal, { text: "sửa" })).body.error.code).toBe("not_your_comment");
    expect((await call("PATCH", `${comments()}/${id}`, cookies.teacher, { text: "" })).body.error.code).toBe("comment_empty");
    const edited = await call("PATCH", `${comments()}/${id}`, cookies.teacher, { text: "đã sửa" });
    expect(edited.body.comment).toMatchObject({ text: "đã sửa", mine: true });
    expect(edited.body.comment.editedAt).not.toBeNull();
    expect((await call("DELETE", `${comments()}/${id}`, cookies.principal)).status).toBe(403);
    expect((await call("DELETE", `${comments()}/${id}`, cookies.teacher)).status).toBe(204);
    const after = await call("GET", comments(), cookies.admin);
    expect(after.body.comments[0]).toMatchObject({ id, deleted: true, text: "" });
    const activity = await call("GET", `/api/v1/boards/${boardId}/activity?cardId=${cardId}&kind=comment`, cookies.admin);
    expect(activity.body.activity[0].kind).toBe("comment.added");
  });
});

describe("reminders from the overview", () => {
  async function remind(cookie: string | undefined, message: string, query = "ward=nam-son") {
    // A plain form post, as the page's <Form> sends it without JavaScript.
    const res = await fetch(`${server.url}/overview?${query}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams({ intent: "remind-schools", message }),
      redirect: "manual",
    });
    return { status: res.status, html: await res.text() };
  }

  it("refuses the observer and schools (403), an empty or oversize message (422), and writes nothing", async () => {
    const before = await getDb().notification.count({ where: { kind: "reminder" } });
    expect((await remind(cookies.observer, "x")).status).toBe(403);
    expect((await remind(cookies.principal, "x")).status).toBe(403);
    const empty = await remind(cookies.admin, "   ");
    expect(empty.status).toBe(422);
    expect(empty.html).toContain("Vui lòng viết lời nhắc.");
    expect((await remind(cookies.admin, "x".repeat(1001))).status).toBe(422);
    expect(await getDb().notification.count({ where: { kind: "reminder" } })).toBe(before);
  });

  it("reaches the principals of exactly the filtered schools, mails them and leaves an audit entry", async () => {
    const res = await remind(cookies.admin, "Cập nhật tiến độ trước thứ Sáu", "ward=nam-son&level=TH");
    expect(res.status).toBe(200);
    expect(res.html).toContain("Đã gửi nhắc nhở đến 1 hiệu trưởng của 1 trường.");
    const principal = await getDb().user.findUniqueOrThrow({ where: { email: "hieutruong.th-nam-son@kienan.demo" } });
    expect(await getDb().notification.count({ where: { userId: principal.id, kind: "reminder" } })).toBe(1);
    expect(await getDb().notification.count({ where: { kind: "reminder", detail: { contains: "thứ Sáu" } } })).toBe(1);
    expect(await getDb().outboxMail.count({ where: { to: principal.email, subject: { contains: "Nhắc nhở" } } })).toBe(1);
    expect(await getDb().auditLog.count({ where: { action: "reminder.sent" } })).toBe(1);
  });
});
