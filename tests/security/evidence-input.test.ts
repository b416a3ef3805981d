import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { dataDir } from "~/utils/env.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { plainJpeg, upload } from "../support/evidence";
import { docxText } from "../support/report-files";
import { signIn, startTestServer } from "../support/server";
import { liveBoard } from "../integration/overview-support";

// Hostile input on the evidence and report paths, beside what tests/integration/evidence.test.ts
// and report-document.test.ts already refuse (wrong type 415, oversize 413, pixel bomb 413, quota,
// not multipart, another school's board 403): names that try to leave the storage folder or break
// a header, script disguised as a picture, and ids borrowed from another school.

let server: StartedServer;
let base: string;
let boardId: string;
let otherBoardId: string;
const cookies: Record<string, string> = {};
const PEOPLE = {
  teacher: "giaovien.th-bac-son@kienan.demo",
  principal: "hieutruong.th-bac-son@kienan.demo",
  otherTeacher: "giaovien.mn-lam-ha@kienan.demo",
  otherPrincipal: "hieutruong.mn-lam-ha@kienan.demo",
};
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

const firstCard = async (id: string) => (await liveBoard(id)).cards[0]!.id;
const storageRoot = () => path.join(dataDir(process.env.DATABASE_URL!), "files");

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
  for (const [k, email] of Object.entries(PEOPLE)) cookies[k] = await signIn(base, email);
  boardId = await boardIdOf("th-bac-son");
  otherBoardId = await boardIdOf("mn-lam-ha");
});
afterAll(async () => {
  await server?.close();
});

describe("file names", () => {
  it.each([
    ["../../../../etc/passwd.pdf"],
    ["..\\..\\..\\windows\\win.ini.pdf"],
    ["/absolute/path/bien-ban.pdf"],
    ["%2e%2e%2fencoded.pdf"],
  ])("%s: stored under a key of our own, the name kept only as text without separators", async (name) => {
    const cardId = await firstCard(boardId);
    const { status, body } = await upload(base, cookies.teacher!, boardId, { cardId, bytes: PDF, name, type: "application/pdf" });
    expect(status).toBe(201);
    expect(body.evidence.name).not.toMatch(/[/\\]/);
    const row = await getDb().evidence.findUniqueOrThrow({ where: { id: body.evidence.id } });
    expect(row.storageKey).toBe(`evidence/${boardId}/${row.id}.pdf`);
    // The bytes are where the key says, inside the storage folder; nothing named after the upload
    // exists anywhere around it, nor where the name would have led.
    expect(fs.existsSync(path.join(storageRoot(), ...row.storageKey.split("/")))).toBe(true);
    const leaf = name.split(/[/\\]/).pop()!;
    expect(filesUnder(path.resolve(storageRoot(), "..")).filter((f) => f.includes(leaf))).toEqual([]);
    expect(fs.existsSync(path.resolve(storageRoot(), "evidence", boardId, name))).toBe(false);
    const res = await fetch(`${base}${body.evidence.url}`, { headers: { cookie: cookies.principal! } });
    expect(res.status).toBe(200);
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[^"/\\]+"; filename\*=UTF-8''[^\s"]+$/);
  });

  it("a name made to break the Content-Disposition header (quotes, a second parameter, markup) stays one safe header", async () => {
    const cardId = await firstCard(boardId);
    const name = `x"; filename*=UTF-8''evil.html; <b>"".pdf`;
    const { status, body } = await upload(base, cookies.teacher!, boardId, { cardId, bytes: PDF, name, type: "application/pdf" });
    expect(status).toBe(201);
    const res = await fetch(`${base}${body.evidence.url}`, { headers: { cookie: cookies.principal! } });
    expect(res.status).toBe(200);
    const disposition = res.headers.get("content-disposition")!;
    // Exactly one plain name and one encoded name, neither able to end early or to read as a
    // second parameter, even to a parser that ignores quoting.
    expect(disposition.match(/filename\*=/g)).toHaveLength(1);
    expect(disposition.match(/filename="([^"]*)"/)![1]).toMatch(/^[A-Za-z0-9._() -]+$/);
    expect(disposition).toMatch(/filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("names with ; = and quotes, which multipart quotes, are names like any other (not a broken body)", async () => {
    const cardId = await firstCard(boardId);
    for (const name of ["Biên bản; đợt 1.pdf", "a b=c.pdf", 'Ảnh "ra quân".pdf']) {
      const { status, body } = await upload(base, cookies.teacher!, boardId, { cardId, bytes: PDF, name, type: "application/pdf" });
      expect(status, name).toBe(201);
      expect(body.evidence.name, name).toBe(name.normalize("NFC"));
    }
  });

  it("a name with CR LF (a header of its own) is refused with the body (400), nothing stored, no header set", async () => {
    const cardId = await firstCard(boardId);
    const before = await getDb().evidence.count();
    const boundary = "----hostile";
    const raw = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="cardId"\r\n\r\n${cardId}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf\r\nSet-Cookie: pwned=1\r\nX-Evil: "\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${base}/api/v1/boards/${boardId}/evidence`, { method: "POST", headers: { cookie: cookies.teacher!, "content-type": `multipart/form-data; boundary=${boundary}` }, body: raw });
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("x-evil")).toBeNull();
    if (res.status === 201) {
      const { evidence } = await res.json();
      expect(evidence.name).not.toMatch(/[\r\n]/);
    } else {
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_multipart");
      expect(await getDb().evidence.count()).toBe(before);
    }
  });
});

describe("size", () => {
  it("a body with no length that streams on and on is cut off past the limit (413), not read to its end", async () => {
    const cardId = await firstCard(boardId);
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const boundary = "----endless";
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="cardId"\r\n\r\n${cardId}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="vo-tan.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`));
      },
      pull(c) {
        if (sent >= 60) return c.close();
        sent++;
        c.enqueue(chunk);
      },
    });
    const res = await fetch(`${base}/api/v1/boards/${boardId}/evidence`, {
      method: "POST",
      headers: { cookie: cookies.teacher!, "content-type": `multipart/form-data; boundary=${boundary}` },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("file_too_large");
    expect(sent).toBeLessThan(60);
  });
});

describe("content that is not what it says", () => {
  it("an SVG with a script, sent as image/svg+xml and named .jpg, is refused (415) and nothing is stored", async () => {
    const cardId = await firstCard(boardId);
    const before = await getDb().evidence.count();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');
    for (const [name, type] of [["anh.jpg", "image/jpeg"], ["anh.svg", "image/svg+xml"]] as const) {
      const { status, body } = await upload(base, cookies.teacher!, boardId, { cardId, bytes: svg, name, type });
      expect(status, name).toBe(415);
      expect(body.error.code).toBe("unsupported_type");
    }
    expect(await getDb().evidence.count()).toBe(before);
  });

  it("a JPEG whose body is cut short is refused as unreadable (415), not stored half", async () => {
    const cardId = await firstCard(boardId);
    const jpeg = await plainJpeg("#36c", 600);
    const { status, body } = await upload(base, cookies.teacher!, boardId, { cardId, bytes: jpeg.subarray(0, 400), name: "cut.jpg" });
    expect(status).toBe(415);
    expect(body.error.message).toMatch(/cannot be read/);
  });

  it("a photo's type comes from its bytes: a real JPEG named .exe is stored as a photo named .jpg", async () => {
    const cardId = await firstCard(boardId);
    const { status, body } = await upload(base, cookies.teacher!, boardId, { cardId, bytes: await plainJpeg(), name: "setup.exe", type: "application/x-msdownload" });
    expect(status).toBe(201);
    expect(body.evidence).toMatchObject({ kind: "image", name: "setup.jpg" });
    const res = await fetch(`${base}${body.evidence.url}`, { headers: { cookie: cookies.teacher! } });
    expect(res.headers.get("content-type")).toBe("image/jpeg");
  });
});

describe("a closed campaign", () => {
  it("its board takes no new evidence and loses none (409 campaign_closed), and still serves what it has", async () => {
    const closed = await boardIdOf("th-bac-son", "sxsdatvm-2023");
    const cardId = await firstCard(closed);
    const { status, body } = await upload(base, cookies.teacher!, closed, { cardId, bytes: await plainJpeg() });
    expect(status).toBe(409);
    expect(body.error.code).toBe("campaign_closed");
    const row = await getDb().evidence.create({ data: { boardId: closed, cardId, kind: "file", name: "cu.pdf", mime: "application/pdf", size: 10, storageKey: "evidence/x/cu.pdf", uploadedById: "nobody" } });
    const del = await fetch(`${base}/api/v1/boards/${closed}/evidence/${row.id}`, { method: "DELETE", headers: { cookie: cookies.principal! } });
    expect(del.status).toBe(409);
    expect(await getDb().evidence.count({ where: { id: row.id } })).toBe(1);
    const list = await (await fetch(`${base}/api/v1/boards/${closed}/evidence`, { headers: { cookie: cookies.teacher! } })).json();
    expect(list.evidence.map((e: { id: string }) => e.id)).toContain(row.id);
  });
});

describe("ids borrowed from another school", () => {
  it("another school's card on one's own board is not found (404), on its board forbidden (403)", async () => {
    const theirCard = await firstCard(otherBoardId);
    const own = await upload(base, cookies.teacher!, boardId, { cardId: theirCard, bytes: await plainJpeg() });
    expect(own.status).toBe(404);
    expect(own.body.error.code).toBe("card_not_found");
    const theirs = await upload(base, cookies.teacher!, otherBoardId, { cardId: theirCard, bytes: await plainJpeg() });
    expect(theirs.status).toBe(403);
  });

  it("another school's evidence: 403 through its board, 404 through one's own, and DELETE removes nothing", async () => {
    const theirs = (await upload(base, cookies.otherTeacher!, otherBoardId, { cardId: await firstCard(otherBoardId), bytes: await plainJpeg(), name: "cua-truong-khac.jpg" })).body.evidence;
    for (const method of ["GET", "DELETE"]) {
      const via = (b: string) => fetch(`${base}/api/v1/boards/${b}/evidence/${theirs.id}`, { method, headers: { cookie: cookies.principal! } });
      expect((await via(otherBoardId)).status, method).toBe(403);
      expect((await via(boardId)).status, method).toBe(404);
    }
    expect((await fetch(`${base}${theirs.thumbUrl}`, { headers: { cookie: cookies.teacher! } })).status).toBe(403);
    expect(await getDb().evidence.count({ where: { id: theirs.id } })).toBe(1);
  });

  it("another school's photo chosen for one's own report is left out of the document", async () => {
    const theirs = (await upload(base, cookies.otherTeacher!, otherBoardId, { cardId: await firstCard(otherBoardId), bytes: await plainJpeg("#0a0"), name: "anh-bi-mat.jpg" })).body.evidence;
    const api = `${base}/api/v1/boards/${boardId}/report`;
    const { draft } = await (await fetch(`${api}/draft`, { headers: { cookie: cookies.principal! } })).json();
    const put = await fetch(`${api}/draft`, {
      method: "PUT",
      headers: { cookie: cookies.principal!, "content-type": "application/json" },
      body: JSON.stringify({ ...draft, evidenceIds: [theirs.id] }),
    });
    expect(put.status).toBe(200);
    const res = await fetch(`${base}/api/v1/boards/${boardId}/report.docx?draft`, { headers: { cookie: cookies.principal! } });
    expect(res.status).toBe(200);
    const { text, files } = await docxText(Buffer.from(await res.arrayBuffer()));
    expect(text).not.toContain("Hình 1.");
    expect(files.filter((f) => f.startsWith("word/media/"))).toEqual([]);
  });
});
