import exifReader from "exif-reader";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { connectBoard, eventually, synced } from "../support/collab-client";
import { jpegWithGps, plainJpeg, pngBomb, upload } from "../support/evidence";
import { boardIdOf } from "../support/boards";
import { PEOPLE, startSchoolCast } from "../support/school-cast";
import { liveBoard } from "./overview-support";
import { setChecklistItemDone } from "~/domain";

// Evidence (minh chứng) through the real server, SQLite and storage folder.

const cast = startSchoolCast();

/** An unticked item that needs evidence, and its card. */
async function openEvidenceItem(skip = 0) {
  const board = await liveBoard(cast.boardId);
  const found = board.cards.flatMap((c) => c.checklist.filter((i) => i.needsEvidence && !i.done).map((i) => ({ cardId: c.id, itemId: i.id })));
  return found[skip]!;
}


describe("POST /api/v1/boards/<id>/evidence", () => {
  it("a teacher attaches a phone photo: 201, oriented, no GPS or camera metadata, capture time kept, thumbnail", async () => {
    const { cardId, itemId } = await openEvidenceItem();
    const { status, body } = await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId, itemId, bytes: await jpegWithGps(800, 600), name: "Ảnh ra quân.jpeg" });
    expect(status).toBe(201);
    const teacher = await getDb().user.findUniqueOrThrow({ where: { email: PEOPLE.teacher } });
    expect(body.evidence).toMatchObject({
      cardId,
      itemId,
      kind: "image",
      name: "Ảnh ra quân.jpg",
      // 08:30 on the phone in Hải Phòng (+07) is 01:30 UTC.
      takenAt: "2023-11-20T01:30:00.000Z",
      uploadedBy: { id: teacher.id, name: teacher.name },
    });
    expect(Object.keys(body.evidence).sort()).toEqual(["cardId", "id", "itemId", "kind", "name", "size", "takenAt", "thumbUrl", "uploadedAt", "uploadedBy", "url"].sort());

    for (const url of [body.evidence.url, body.evidence.thumbUrl]) {
      const res = await fetch(`${cast.base}${url}`, { headers: { cookie: cast.cookies.teacher } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
      expect(res.headers.get("cache-control")).toMatch(/^private/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const bytes = Buffer.from(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      // Nothing of the original's EXIF (GPS, make, model) survives; orientation 6 was applied to the pixels.
      expect(meta.exif, "no EXIF block").toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      expect(bytes.includes(Buffer.from("TestCam"))).toBe(false);
      if (url === body.evidence.url) expect([meta.width, meta.height]).toEqual([600, 800]);
      else expect([meta.width, meta.height]).toEqual([320, 320]);
    }
    const disposition = (await fetch(`${cast.base}${body.evidence.url}`, { headers: { cookie: cast.cookies.admin } })).headers.get("content-disposition");
    expect(disposition).toBe(`inline; filename="Anh ra quan.jpg"; filename*=UTF-8''${encodeURIComponent("Ảnh ra quân.jpg")}`);
    // The stored file itself (not just what is served) has no GPS.
    const row = await getDb().evidence.findUniqueOrThrow({ where: { id: body.evidence.id } });
    const { getStorage } = await import("~/utils/storage.server");
    const stored = (await getStorage().get(row.storageKey))!;
    const storedMeta = await sharp(stored).metadata();
    expect(storedMeta.exif ? exifReader(storedMeta.exif).GPSInfo : undefined).toBeUndefined();
  });

  it("accepts a PDF by its content and serves it as an attachment", async () => {
    const { cardId } = await openEvidenceItem();
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const { status, body } = await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId, bytes: pdf, name: "bien-ban.pdf", type: "application/pdf" });
    expect(status).toBe(201);
    expect(body.evidence).toMatchObject({ kind: "file", itemId: null, thumbUrl: null });
    const res = await fetch(`${cast.base}${body.evidence.url}`, { headers: { cookie: cast.cookies.principal } });
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="bien-ban.pdf"/);
  });

  it("415 for a file named .jpg that is not one, and for HTML; nothing stored", async () => {
    const { cardId, itemId } = await openEvidenceItem();
    const before = await getDb().evidence.count();
    for (const bytes of [Buffer.from("this is not a jpeg at all, just text"), Buffer.from("<!doctype html><script>alert(1)</script>")]) {
      const { status, body } = await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId, itemId, bytes, name: "fake.jpg" });
      expect(status).toBe(415);
      expect(body.error.code).toBe("unsupported_type");
      expect(body.error.message).toMatch(/fake\.jpg/);
    }
    expect(await getDb().evidence.count()).toBe(before);
  });

  it("HEIC: this server's sharp (prebuilt libvips, AVIF only) cannot decode HEVC, so 415 says what to do", async () => {
    const { cardId } = await openEvidenceItem();
    // An ISO-BMFF header with the "heic" brand: what an iPhone's IMG_0001.HEIC starts with.
    const heic = Buffer.concat([Buffer.from("000000186674797068656963000000006d69663168656963", "hex"), Buffer.alloc(64)]);
    const { status, body } = await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId, bytes: heic, name: "IMG_0001.HEIC", type: "image/heic" });
    expect(status).toBe(415);
    expect(body.error.message).toMatch(/HEIC.*JPEG/);
  });

  it("an image bomb (64 megapixels deflated into a small PNG) is refused from its header, before decoding", async () => {
    const { cardId } = await openEvidenceItem();
    const bomb = pngBomb(8000);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const before = await getDb().evidence.count();
    const { status, body } = await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId, bytes: bomb, name: "bomb.png", type: "image/png" });
    // image_too_large comes from the header check (limitInputPixels): nothing was decoded.
    expect(status).toBe(413);
    expect(body.error.code).toBe("image_too_large");
    expect(body.error.message).toMatch(/50 megapixels/);
    expect(await getDb().evidence.count()).toBe(before);
  });

  it("413 over the size limit per file", async () => {
    const { cardId } = await openEvidenceItem();
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(11 * 1024 * 1024, 32)]);
    const { status, body } = await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId, bytes: big, name: "big.pdf", type: "application/pdf" });
    expect(status).toBe(413);
    expect(body.error.code).toBe("file_too_large");
  });

  it("413 over the board's quota", async () => {
    const { cardId } = await openEvidenceItem();
    const quota = 500 * 1024 * 1024;
    // Pretend the board already holds almost its quota.
    const filler = await getDb().evidence.create({
      data: { boardId: cast.boardId, cardId, kind: "file", name: "filler.pdf", mime: "application/pdf", size: quota - 1000, storageKey: "evidence/x/filler.pdf", uploadedById: "nobody" },
    });
    try {
      const { status, body } = await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId, bytes: await plainJpeg(), name: "a.jpg" });
      expect(status).toBe(413);
      expect(body.error.code).toBe("quota_exceeded");
    } finally {
      await getDb().evidence.delete({ where: { id: filler.id } });
    }
  });

  it("422 without a file or a cardId, 404 for a card or item not on the board, 415 when not multipart", async () => {
    const { cardId } = await openEvidenceItem();
    expect((await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId: "", bytes: await plainJpeg() })).status).toBe(422);
    expect((await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId: "no-such-card", bytes: await plainJpeg() })).body.error.code).toBe("card_not_found");
    expect((await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId, itemId: "no-such-item", bytes: await plainJpeg() })).body.error.code).toBe("item_not_found");
    const json = await fetch(`${cast.base}/api/v1/boards/${cast.boardId}/evidence`, { method: "POST", headers: { cookie: cast.cookies.teacher, "content-type": "application/json" }, body: "{}" });
    expect(json.status).toBe(415);
  });

  it("403 for people who may not edit the board (district, observer, another school), 401 signed out", async () => {
    const { cardId } = await openEvidenceItem();
    for (const who of ["admin", "observer", "otherPrincipal"]) {
      const { status } = await upload(cast.base, cast.cookies[who]!, cast.boardId, { cardId, bytes: await plainJpeg() });
      expect(status, who).toBe(403);
    }
    expect((await upload(cast.base, "", cast.boardId, { cardId, bytes: await plainJpeg() })).status).toBe(401);
  });
});

describe("reading and removing evidence", () => {
  it("another school's principal gets 403 on the list, the file and the thumbnail; the district reads them", async () => {
    const { cardId } = await openEvidenceItem();
    const { body } = await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId, bytes: await plainJpeg(), name: "x.jpg" });
    for (const path of [`/api/v1/boards/${cast.boardId}/evidence`, body.evidence.url, body.evidence.thumbUrl]) {
      expect((await fetch(`${cast.base}${path}`, { headers: { cookie: cast.cookies.otherPrincipal } })).status, path).toBe(403);
      expect((await fetch(`${cast.base}${path}`, { headers: { cookie: cast.cookies.observer } })).status, path).toBe(200);
    }
    const list = await (await fetch(`${cast.base}/api/v1/boards/${cast.boardId}/evidence`, { headers: { cookie: cast.cookies.admin } })).json();
    expect(list.evidence.map((e: { id: string }) => e.id)).toContain(body.evidence.id);
    // An id from another board is not found here.
    const other = await boardIdOf("mn-lam-ha");
    expect((await fetch(`${cast.base}/api/v1/boards/${other}/evidence/${body.evidence.id}`, { headers: { cookie: cast.cookies.otherPrincipal } })).status).toBe(404);
  });

  it("the uploader or the principal removes it (audited); another teacher of the school may not; the district may not", async () => {
    const { cardId } = await openEvidenceItem();
    const a = (await upload(cast.base, cast.cookies.principal, cast.boardId, { cardId, bytes: await plainJpeg(), name: "p.jpg" })).body.evidence;
    const b = (await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId, bytes: await plainJpeg(), name: "t.jpg" })).body.evidence;
    const del = (id: string, who: string) => fetch(`${cast.base}/api/v1/boards/${cast.boardId}/evidence/${id}`, { method: "DELETE", headers: { cookie: cast.cookies[who]! } });
    expect((await del(a.id, "teacher")).status).toBe(403);
    expect((await del(a.id, "admin")).status).toBe(403);
    expect((await del(b.id, "principal")).status).toBe(204);
    expect((await del(a.id, "principal")).status).toBe(204);
    expect((await fetch(`${cast.base}${b.url}`, { headers: { cookie: cast.cookies.teacher } })).status).toBe(404);
    const entries = await getDb().auditLog.findMany({ where: { action: "evidence.removed", entityId: cast.boardId } });
    expect(entries.map((e) => JSON.parse(e.detail).evidenceId).sort()).toEqual([a.id, b.id].sort());
  });
});

describe("an item that needs evidence cannot be ticked without one", () => {
  it("REST: 422 evidence_required, then 200 once a photo is attached", async () => {
    const { cardId, itemId } = await openEvidenceItem(1);
    const tick = () =>
      fetch(`${cast.base}/api/v1/boards/${cast.boardId}/cards/${cardId}/checklist/${itemId}`, {
        method: "PATCH",
        headers: { cookie: cast.cookies.teacher, "content-type": "application/json" },
        body: JSON.stringify({ done: true }),
      });
    const refused = await tick();
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.code).toBe("evidence_required");
    expect((await liveBoard(cast.boardId)).cards.find((c) => c.id === cardId)!.checklist.find((i) => i.id === itemId)!.done).toBe(false);
    await upload(cast.base, cast.cookies.teacher, cast.boardId, { cardId, itemId, bytes: await plainJpeg() });
    expect((await tick()).status).toBe(200);
  });

  it("WebSocket: the update is refused with evidence_required and never stored", async () => {
    const { cardId, itemId } = await openEvidenceItem(2);
    const teacher = await getDb().user.findUniqueOrThrow({ where: { email: PEOPLE.teacher } });
    const client = connectBoard(cast.base, cast.boardId, cast.cookies.teacher);
    try {
      await synced(client.provider);
      setChecklistItemDone(client.doc, cardId, itemId, true, { userId: teacher.id, at: new Date() });
      await eventually(() => expect(client.rejected.map((r) => r.code)).toContain("evidence_required"));
      const item = (await liveBoard(cast.boardId)).cards.find((c) => c.id === cardId)!.checklist.find((i) => i.id === itemId)!;
      expect(item.done).toBe(false);
    } finally {
      client.provider.destroy();
    }
  });
});
