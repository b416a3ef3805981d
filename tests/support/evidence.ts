import zlib from "node:zlib";
import sharp from "sharp";
import { tickedItemsNeedingEvidence, type Board } from "~/domain";

// Evidence test fixtures: real images made by sharp, uploaded through the real API.

/** A JPEG carrying GPS coordinates, a camera make, a capture time and EXIF orientation 6 (rotate 90°). */
export async function jpegWithGps(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#3a7" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: "TestCam", Model: "Phone X" },
      IFD2: { DateTimeOriginal: "2023:11:20 08:30:00" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "20/1 48/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 37/1 0/1" },
    })
    .toBuffer();
}

export async function plainJpeg(color = "#c33", edge = 400): Promise<Buffer> {
  return sharp({ create: { width: edge, height: edge, channels: 3, background: color } }).jpeg().toBuffer();
}

export async function upload(
  base: string,
  cookie: string,
  boardId: string,
  fields: { cardId: string; itemId?: string; bytes: Buffer; name?: string; type?: string },
) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(fields.bytes)], { type: fields.type ?? "image/jpeg" }), fields.name ?? "anh.jpg");
  form.set("cardId", fields.cardId);
  if (fields.itemId) form.set("itemId", fields.itemId);
  const res = await fetch(`${base}/api/v1/boards/${boardId}/evidence`, { method: "POST", body: form, headers: { cookie } });
  return { status: res.status, body: await res.json() };
}

/**
 * A real decompression bomb: a valid greyscale PNG of `edge`×`edge` zero pixels. Its deflated
 * rows are tiny on the wire (about 1/1000 of the pixels) and would cost `edge²` bytes to decode.
 */
export function pngBomb(edge = 8000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(edge, 0);
  ihdr.writeUInt32BE(edge, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  const raw = Buffer.alloc((edge + 1) * edge); // each row: filter byte 0, then zeros
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}

/**
 * Attaches a photo to every ticked item of the board that needs one and has none, as the school
 * would before submitting its report (a submission with such an item missing is a 422).
 */
export async function attachMissingEvidence(base: string, cookie: string, boardId: string, board: Board) {
  for (const item of tickedItemsNeedingEvidence(board)) {
    const { status, body } = await upload(base, cookie, boardId, { cardId: item.cardId, itemId: item.itemId, bytes: await plainJpeg() });
    if (status !== 201) throw new Error(`evidence for ${item.itemId}: ${status} ${JSON.stringify(body)}`);
  }
}
