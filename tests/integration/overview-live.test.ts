import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setChecklistItemDone } from "~/domain";
import { getCollab } from "~/models/collab.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { signIn, startTestServer } from "../support/server";
import { campaignId, liveBoard, userId } from "./overview-support";

let server: StartedServer;
let base: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
  for (const [k, email] of Object.entries({
    admin: "phong.gddt@kienan.demo",
    principal: "hieutruong.th-ngoc-son@kienan.demo",
    teacher: "giaovien.th-ngoc-son@kienan.demo",
  })) cookies[k] = await signIn(base, email);
});
afterAll(async () => {
  await server?.close();
});

/** Reads server-sent events until one named `name` arrives. */
async function nextEvent(reader: ReadableStreamDefaultReader<Uint8Array>, name: string, seen: { text: string }) {
  const decoder = new TextDecoder();
  while (!seen.text.includes(`event: ${name}\n`)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before "${name}"`);
    seen.text += decoder.decode(value, { stream: true });
  }
  const at = seen.text.indexOf(`event: ${name}\n`);
  const block = seen.text.slice(at, seen.text.indexOf("\n\n", at));
  seen.text = seen.text.slice(seen.text.indexOf("\n\n", at) + 2);
  return block;
}

describe("GET /overview/events", () => {
  it("streams a change of any board of the campaign, without naming the school", async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/overview/events?campaignId=${await campaignId()}`, { headers: { cookie: cookies.principal }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("cache-control")).toContain("no-transform");
    const reader = res.body!.getReader();
    const seen = { text: "" };
    await nextEvent(reader, "ready", seen);

    // Another school's board changes: the principal's page must still refresh its district average.
    const boardId = await boardIdOf("thcs-van-dau");
    const teacher = await userId("giaovien.thcs-van-dau@kienan.demo");
    const card = (await liveBoard(boardId)).cards.find((c) => c.checklist.some((i) => !i.done && !i.needsEvidence))!;
    await (await getCollab()).change(
      boardId,
      (doc) => setChecklistItemDone(doc, card.id, card.checklist.find((i) => !i.done && !i.needsEvidence)!.id, true, { userId: teacher, at: new Date() }),
      { userId: teacher },
    );
    const block = await nextEvent(reader, "changed", seen);
    expect(block).not.toContain(boardId);
    expect(block).not.toContain("thcs-van-dau");
    controller.abort();
  });

  it("refuses a teacher (403) and an unknown campaign (404)", async () => {
    expect((await fetch(`${base}/overview/events?campaignId=${await campaignId()}`, { headers: { cookie: cookies.teacher } })).status).toBe(403);
    expect((await fetch(`${base}/overview/events?campaignId=nope`, { headers: { cookie: cookies.admin } })).status).toBe(404);
  });
});

describe("the overview page", () => {
  it("shows a principal their own school beside the district average, and no other school", async () => {
    const res = await fetch(`${base}/overview`, { headers: { cookie: cookies.principal } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Trường Tiểu học Ngọc Sơn");
    expect(html).toContain("Trung bình quận");
    expect(html).not.toContain("Trường THCS Ngọc Sơn");
    expect(html).not.toContain("Trường Tiểu học Bắc Sơn");
  });

  it("refuses a teacher, and names a bad filter (400) while still showing the district", async () => {
    expect((await fetch(`${base}/overview`, { headers: { cookie: cookies.teacher } })).status).toBe(403);
    const res = await fetch(`${base}/overview?ward=atlantis`, { headers: { cookie: cookies.admin } });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("“atlantis” không phải giá trị hợp lệ của “ward”");
    expect(html).toContain("Trường Tiểu học Bắc Sơn");
  });

  it("renders the charts' figures on the server as tables (charts themselves draw in the browser)", async () => {
    const html = await (await fetch(`${base}/overview`, { headers: { cookie: cookies.admin } })).text();
    for (const caption of ["Theo tiêu chí", "Theo cấp học", "Theo lĩnh vực"]) expect(html).toContain(caption);
    expect(html).toMatch(/<th scope="row">Văn minh<\/th><td class="ov-num">\d+<\/td>/);
  });
});
